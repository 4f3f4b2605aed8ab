"""`qdesk report` says on stderr which bundled faces stood in for the office's 仿宋 and 小标宋."""

import shutil

import pytest

from qdesk import cli
from qdesk.databases import create_database
from qdesk.reports import fonts
from qdesk.resources import fonts_dir
from qdesk.store.database import open_store
from qdesk.store.settings import set_setting
from tests.factories import units_template


@pytest.fixture
def district(tmp_path):
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    with open_store(db) as store:       # numbered, so that stderr says nothing of a number
        set_setting(store, "organ_code", "江都质强办")
    return db


def report(db, out):
    return cli.main(["report", "quarterly", "--db", str(db), "--period", "2026Q1",
                     "--out", str(out), "--date", "2026-04-06"])


def test_report_without_the_office_fonts_names_the_stand_ins_in_one_line_on_stderr(
        district, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(fonts, "_default_system_dirs", lambda: ())

    assert report(district, tmp_path / "q1.pdf") == 0

    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "本机没有公文所用的仿宋、方正小标宋，已用 qdesk 随附的字体代替：FandolFang代替仿宋；"
        "Qdesk Biaosong代替方正小标宋。如需使用公文字体，请在本机安装，或在设置中指定字体文件夹。"]
    assert "报告已生成" in out and (tmp_path / "q1.pdf").is_file()


def test_report_with_the_office_fangsong_and_xiaobiaosong_says_nothing_on_stderr(
        district, tmp_path, monkeypatch, capsys):
    system = tmp_path / "Fonts"
    system.mkdir()
    for name in ("simfang.ttf", "FZXBSJW.TTF"):
        shutil.copyfile(fonts_dir() / "wqy-microhei.ttc", system / name)
    monkeypatch.setattr(fonts, "_default_system_dirs", lambda: (system,))

    assert report(district, tmp_path / "q1.pdf") == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert "仿宋=simfang.ttf(system)" in out and "bundled '" not in out
