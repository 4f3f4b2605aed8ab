"""qdesk template new and template import, through the real entry point."""

import re

from qdesk.plans.library import load_shipped
from qdesk.plans.template import load_template
from tests.factories import INDICATOR_ROWS, indicator_workbook
from tests.plans.test_new_template import fill


def test_template_new_writes_a_skeleton_that_passes_once_filled(qdesk, tmp_path):
    out = tmp_path / "mycounty-2026.toml"
    result = qdesk("template", "new", "--out", out)
    assert result.code == 0, result.err and "【必填】" in result.out
    check = qdesk("template", "check", out)
    assert check.code == 3 and "plan.title" in check.err
    out.write_text(fill(out.read_text(encoding="utf-8")), encoding="utf-8")
    check = qdesk("template", "check", out)
    assert check.code == 0, check.err
    assert load_template(out).id == "mycounty-2026"


def test_template_new_refuses_a_file_that_exists_unless_forced(qdesk, tmp_path):
    out = tmp_path / "mine.toml"
    out.write_text("我的草稿", encoding="utf-8")
    result = qdesk("template", "new", "--out", out)
    assert result.code == 3 and "已存在" in result.err and "--force" in result.err
    assert out.read_text(encoding="utf-8") == "我的草稿"
    assert qdesk("template", "new", "--out", out, "--force").code == 0
    assert "[[indicator]]" in out.read_text(encoding="utf-8")


def test_template_new_refuses_a_folder(qdesk, tmp_path):
    result = qdesk("template", "new", "--out", tmp_path, "--force")
    assert result.code == 3 and "不是文件" in result.err


def test_template_new_from_a_shipped_plan_passes_under_a_new_id(qdesk, tmp_path):
    out = tmp_path / "plan.toml"
    result = qdesk("template", "new", "--out", out, "--from", "panjin-2014", "--id",
                   "panshan-2014")
    assert result.code == 0, result.err
    assert qdesk("template", "check", out).code == 0
    copied = load_template(out)
    assert copied.id == "panshan-2014"
    assert copied.indicators == load_shipped("panjin-2014").indicators


def test_template_new_refuses_a_bad_id_and_writes_nothing(qdesk, tmp_path):
    result = qdesk("template", "new", "--out", tmp_path / "p.toml", "--from", "panjin-2014",
                   "--id", "Pan Shan")
    assert result.code == 3 and "只能包含" in result.err
    assert list(tmp_path.iterdir()) == []


def test_template_import_writes_a_template_that_passes_the_check(qdesk, tmp_path):
    table = indicator_workbook(tmp_path / "指标表.xlsx")
    out = tmp_path / "jiangdu.toml"
    result = qdesk("template", "import", table, "--out", out)
    assert result.code == 0, result.err and "3项指标" in result.out
    assert qdesk("template", "check", out).code == 0
    assert load_template(out).id == "jiangdu-2026"


def test_template_import_takes_the_plan_from_options(qdesk, tmp_path):
    table = indicator_workbook(tmp_path / "t.xlsx", plan_rows=None)
    out = tmp_path / "yangzhou-2026.toml"
    result = qdesk("template", "import", table, "--out", out, "--title", "某区方案",
                   "--start", "2026", "--end", "2028")
    assert result.code == 0, result.err
    plan = load_template(out)
    assert (plan.id, plan.title, plan.end_year) == ("yangzhou-2026", "某区方案", 2028)


def bad_rows(kind):
    rows = [list(r) for r in INDICATOR_ROWS]
    if kind == "duplicate":
        rows[2][0] = "Z01"
    elif kind == "target":
        rows[1][9] = "越多越好"
    return rows


def test_template_import_refuses_each_bad_table_and_writes_nothing(qdesk, tmp_path):
    header = ["指标代码", "指标名称", "类别", "类型", "分子名称", "分母名称", "目标值"]
    cases = {
        "column": (indicator_workbook(tmp_path / "a.xlsx", header=header,
                                      rows=[r[:6] + [r[9]] for r in INDICATOR_ROWS]),
                   "缺少列：填报频次"),
        "duplicate": (indicator_workbook(tmp_path / "b.xlsx", rows=bad_rows("duplicate")),
                      "第5行，指标代码：指标代码“Z01”重复（首次出现在第3行）"),
        "target": (indicator_workbook(tmp_path / "c.xlsx", rows=bad_rows("target")),
                   "第4行，目标值：目标“越多越好”"),
    }
    for name, (table, expected) in cases.items():
        out = tmp_path / f"{name}.toml"
        result = qdesk("template", "import", table, "--out", out)
        assert result.code == 3 and expected in result.err, (name, result.err)
        assert not out.exists()
    assert re.search(r"\[指标\]", result.err)


def test_template_import_refuses_a_bad_table_in_english(qdesk, tmp_path):
    table = indicator_workbook(tmp_path / "c.xlsx", rows=bad_rows("target"))
    result = qdesk("template", "import", table, "--out", tmp_path / "c.toml", lang="en")
    assert result.code == 3 and "line 4, 目标值: target '越多越好'" in result.err
