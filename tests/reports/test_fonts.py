"""Font lookup for the GB/T 9704 roles: office fonts, then the settings folder, then bundled."""

import re
import shutil
import struct
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from qdesk.reports import fonts
from qdesk.reports.fonts import FontSet, Role, find_fonts, register
from qdesk.resources import resources_dir, ui_font_path

BUNDLED = resources_dir() / "fonts"


def extract_ttf(ttc: Path, index: int, dest: Path, fs_type: int | None = None,
                rename: tuple[str, str] | None = None) -> Path:
    """Write one face of a TrueType collection as a plain .ttf, like the office's simhei.ttf.

    `fs_type` sets the licence flags; `rename` swaps the PostScript name for another as long, so
    ReportLab, which shares one font object per PostScript name, sees a face of its own.
    """
    data = ttc.read_bytes()
    (offset,) = struct.unpack_from(">I", data, 12 + 4 * index)
    (num_tables,) = struct.unpack_from(">H", data, offset + 4)
    entries = [struct.unpack_from(">4sIII", data, offset + 12 + 16 * i) for i in range(num_tables)]
    position = 12 + 16 * num_tables
    directory, body = [], []
    for tag, checksum, start, length in entries:
        table = data[start:start + length]
        if tag == b"OS/2" and fs_type is not None:
            table = table[:8] + struct.pack(">H", fs_type) + table[10:]
        if tag == b"name" and rename is not None:
            old, new = rename
            assert len(old) == len(new)
            for encoding in ("ascii", "utf-16-be"):
                table = table.replace(old.encode(encoding), new.encode(encoding))
        directory.append(struct.pack(">4sIII", tag, checksum, position, length))
        padded = table + b"\0" * (-length % 4)
        body.append(padded)
        position += len(padded)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data[offset:offset + 12] + b"".join(directory) + b"".join(body))
    return dest


def write_cff_font(dest: Path) -> Path:
    """A minimal OpenType file with PostScript outlines: the 'OTTO' header and a 'CFF ' table."""
    cff = b"\x01\x00\x04\x01"
    header = struct.pack(">4sHHHH", b"OTTO", 1, 16, 0, 0)
    entry = struct.pack(">4sIII", b"CFF ", 0, 12 + 16, len(cff))
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(header + entry + cff)
    return dest


def copy_bundled(name: str, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BUNDLED / name, dest)
    return dest


@pytest.fixture(scope="module")
def hei_ttf(tmp_path_factory) -> Path:
    """WenQuanYi Micro Hei as a single-face TrueType file, to stand in for an office .ttf."""
    return extract_ttf(BUNDLED / "wqy-microhei.ttc", 0,
                       tmp_path_factory.mktemp("ttf") / "wqy-microhei.ttf",
                       rename=("WenQuanYiMicroHei", "SimHeiStandInFont"))


def truetype_fonts(path: Path) -> list[dict]:
    """The TrueType fonts on the first page (the canvas also lists its default Helvetica)."""
    page = PdfReader(path).pages[0]
    fonts_used = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    return [font for font in fonts_used if font["/Subtype"] == "/TrueType"]


def test_without_office_fonts_every_role_comes_from_the_bundled_fonts():
    found = find_fonts(system_dirs=[])

    assert {role: (c.path, c.subfont, c.source) for role, c in found.fonts.items()} == {
        Role.FANGSONG: (BUNDLED / "qdesk-fangsong.ttf", 0, "bundled"),
        Role.HEI: (BUNDLED / "wqy-microhei.ttc", 0, "bundled"),
        Role.KAI: (BUNDLED / "ukai.ttc", 0, "bundled"),
        Role.SONG: (BUNDLED / "uming.ttc", 0, "bundled"),
        Role.XBS: (BUNDLED / "qdesk-biaosong.ttf", 0, "bundled"),
    }
    assert found[Role.FANGSONG].family == "FandolFang"
    assert found[Role.XBS].family == "Qdesk Biaosong"
    assert found[Role.SONG].family == "AR PL UMing CN"
    assert found[Role.KAI].family == "AR PL UKai CN"
    assert found[Role.HEI].family == "WenQuanYi Micro Hei"
    assert found[Role.SONG].name == "qdesk-uming-0"
    assert found.warnings == ()


def test_registered_fonts_draw_chinese_text_embedded_in_the_pdf(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    found = find_fonts(system_dirs=[])
    register(found)
    lines = {Role.XBS: "关于质量工作的报告", Role.HEI: "一、总体情况", Role.KAI: "（一）主要做法",
             Role.FANGSONG: "全县质量工作稳步推进。", Role.SONG: "— 1 —"}
    pdf = tmp_path / "fonts.pdf"
    canvas = Canvas(str(pdf))
    for i, (role, text) in enumerate(lines.items()):
        canvas.setFont(found[role].name, 16)
        canvas.drawString(72, 720 - 30 * i, text)
    canvas.save()

    embedded = truetype_fonts(pdf)
    assert {re.sub(r"^/[A-Z]{6}\+", "", f["/BaseFont"]) for f in embedded} == {
        "UMingCN-0", "WenQuanYiMicroHei-0", "UKaiCN-0", "FandolFang-Regular",
        "QdeskBiaosong-Bold"}
    for font in embedded:
        assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"]), "a subset, not the whole font"
        assert "/FontFile2" in font["/FontDescriptor"], "TrueType outlines embedded"
    with pdfplumber.open(pdf) as doc:
        text = doc.pages[0].extract_text()
    for line in lines.values():
        assert line in text


def test_register_is_idempotent():
    from reportlab.pdfbase import pdfmetrics

    found = find_fonts(system_dirs=[])
    register(found)
    before = pdfmetrics.getFont(found[Role.HEI].name)
    register(found)
    assert pdfmetrics.getFont(found[Role.HEI].name) is before


def test_office_font_in_the_system_folder_is_preferred(tmp_path):
    system = tmp_path / "Windows" / "Fonts"
    simsun = copy_bundled("uming.ttc", system / "simsun.ttc")

    found = find_fonts(system_dirs=[system])

    assert (found[Role.SONG].source, found[Role.SONG].path) == ("system", simsun)
    assert found[Role.SONG].name.startswith("qdesk-simsun-0")
    assert found[Role.FANGSONG].source == "bundled"


def test_simsun_does_not_stand_in_for_xiaobiaosong_the_bundled_heavy_song_does(tmp_path):
    system = tmp_path / "Windows" / "Fonts"
    copy_bundled("uming.ttc", system / "simsun.ttc")

    found = find_fonts(system_dirs=[system])

    assert (found[Role.XBS].source, found[Role.XBS].path) == ("bundled",
                                                              BUNDLED / "qdesk-biaosong.ttf")


@pytest.mark.parametrize("role, file", [(Role.FANGSONG, "STFANGSO.TTF"),
                                        (Role.XBS, "STZHONGS.TTF")])
def test_huawen_fonts_in_the_windows_folders_are_found_for_body_and_title(tmp_path, hei_ttf,
                                                                         role, file):
    system, user = tmp_path / "Windows" / "Fonts", tmp_path / "User" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    shutil.copyfile(hei_ttf, user / file.lower())

    found = find_fonts(system_dirs=[system, user])

    assert (found[role].source, found[role].path) == ("system", user / file.lower())
    assert [c.role for c in found.stand_ins()] == [r for r in (Role.FANGSONG, Role.XBS)
                                                   if r is not role]


@pytest.mark.parametrize("role, better, huawen", [(Role.FANGSONG, "仿宋_GB2312.ttf", "STFANGSO.TTF"),
                                                  (Role.XBS, "FZXBSJW.TTF", "STZHONGS.TTF")])
def test_huawen_fonts_come_after_fangsong_gb2312_and_fangzheng_xiaobiaosong(tmp_path, hei_ttf, role,
                                                                           better, huawen):
    system = tmp_path / "Fonts"
    system.mkdir()
    shutil.copyfile(hei_ttf, system / huawen)
    shutil.copyfile(hei_ttf, system / better)

    assert find_fonts(system_dirs=[system])[role].path == system / better


def test_office_font_names_match_whatever_their_case(tmp_path, hei_ttf):
    system = tmp_path / "Fonts"
    system.mkdir()
    shutil.copyfile(hei_ttf, system / "SIMHEI.TTF")

    found = find_fonts(system_dirs=[system])

    assert found[Role.HEI].path == system / "SIMHEI.TTF"
    assert found[Role.HEI].source == "system"
    assert found[Role.HEI].name.startswith("qdesk-simhei")


def test_office_truetype_font_registers_and_embeds(tmp_path, hei_ttf):
    from reportlab.pdfgen.canvas import Canvas

    system = tmp_path / "Fonts"
    system.mkdir()
    shutil.copyfile(hei_ttf, system / "simhei.ttf")
    found = find_fonts(system_dirs=[system])
    register(found)

    pdf = tmp_path / "hei.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont(found[Role.HEI].name, 16)
    canvas.drawString(72, 720, "附件1")
    canvas.save()

    (font,) = truetype_fonts(pdf)
    assert re.fullmatch(r"/[A-Z]{6}\+SimHeiStandInFont", font["/BaseFont"]), "the office's file"
    assert "/FontFile2" in font["/FontDescriptor"]
    with pdfplumber.open(pdf) as doc:
        assert doc.pages[0].extract_text() == "附件1"


def test_candidate_order_beats_folder_order(tmp_path, hei_ttf):
    system, user = tmp_path / "Windows" / "Fonts", tmp_path / "User" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    shutil.copyfile(hei_ttf, system / "FZHTK.TTF")
    shutil.copyfile(hei_ttf, user / "simhei.ttf")

    found = find_fonts(system_dirs=[system, user])

    assert found[Role.HEI].path == user / "simhei.ttf"


def test_settings_folder_fills_in_what_the_office_lacks(tmp_path):
    settings = tmp_path / "公文字体"
    simsun = copy_bundled("uming.ttc", settings / "simsun.ttc")

    found = find_fonts(settings, system_dirs=[])

    assert (found[Role.SONG].source, found[Role.SONG].path) == ("settings", simsun)
    assert found[Role.HEI].source == "bundled"
    assert found.warnings == ()


def test_system_fonts_come_before_the_settings_folder(tmp_path):
    system = tmp_path / "Fonts"
    copy_bundled("uming.ttc", system / "simsun.ttc")
    copy_bundled("uming.ttc", tmp_path / "settings" / "simsun.ttc")

    found = find_fonts(str(tmp_path / "settings"), system_dirs=[system])

    assert found[Role.SONG].source == "system"


def test_real_xiaobiaosong_in_settings_beats_simsun_standing_in_from_the_system(tmp_path, hei_ttf):
    system = tmp_path / "Fonts"
    copy_bundled("uming.ttc", system / "simsun.ttc")
    settings = tmp_path / "settings"
    settings.mkdir()
    shutil.copyfile(hei_ttf, settings / "FZXBSJW.TTF")

    found = find_fonts(settings, system_dirs=[system])

    assert (found[Role.XBS].source, found[Role.XBS].path.name) == ("settings", "FZXBSJW.TTF")
    assert found[Role.SONG].source == "system"


def test_settings_folder_that_does_not_exist_warns_in_both_languages_and_falls_back(tmp_path):
    missing = tmp_path / "no-such-folder"

    found = find_fonts(missing, system_dirs=[])

    assert all(choice.source == "bundled" for choice in found.fonts.values())
    (warning,) = found.warnings
    assert str(missing) in warning.render("zh") and "不存在" in warning.render("zh")
    assert str(missing) in warning.render("en") and "does not exist" in warning.render("en")
    assert "随附" in warning.render("zh") and "shipped with qdesk" in warning.render("en")


def test_settings_folder_without_any_of_the_fonts_warns(tmp_path):
    settings = tmp_path / "fonts"
    settings.mkdir()
    (settings / "readme.txt").write_text("空")

    found = find_fonts(settings, system_dirs=[])

    (warning,) = found.warnings
    assert "没有可用的公文字体" in warning.render("zh")
    assert "holds none of the fonts" in warning.render("en")
    assert found[Role.FANGSONG].source == "bundled"


def test_cff_font_under_a_candidate_name_is_skipped(tmp_path):
    system = tmp_path / "Fonts"
    cff = write_cff_font(system / "simfang.ttf")

    found = find_fonts(system_dirs=[system])

    assert found[Role.FANGSONG].source == "bundled"
    (warning,) = found.warnings
    assert str(cff) in warning.render("en") and "CFF" in warning.render("en")
    assert "CFF" in warning.render("zh")


def test_unreadable_file_under_a_candidate_name_is_skipped(tmp_path):
    system = tmp_path / "Fonts"
    system.mkdir()
    (system / "simkai.ttf").write_bytes(b"not a font")
    (system / "simsun.ttc").write_bytes(b"ttcf\x00\x01\x00\x00\x00\x00\x00\x00")  # no faces

    found = find_fonts(system_dirs=[system])

    assert found[Role.KAI].source == "bundled"
    assert found[Role.SONG].source == "bundled"
    assert len(found.warnings) == 2
    assert all("TrueType" in w.render("en") for w in found.warnings)


@pytest.mark.parametrize("fs_type", [0x0002, 0x0104, 0x0208])  # restricted, no subsetting, bitmaps
def test_font_whose_licence_forbids_embedding_is_skipped(tmp_path, fs_type):
    system = tmp_path / "Fonts"
    extract_ttf(BUNDLED / "wqy-microhei.ttc", 0, system / "simhei.ttf", fs_type=fs_type)

    found = find_fonts(system_dirs=[system])

    assert found[Role.HEI].source == "bundled"
    (warning,) = found.warnings
    assert "嵌入" in warning.render("zh") and "embedded" in warning.render("en")


def test_settings_folder_holding_only_unusable_fonts_warns_for_each(tmp_path):
    settings = tmp_path / "settings"
    write_cff_font(settings / "FZXBSJW.TTF")

    found = find_fonts(settings, system_dirs=[])

    assert found[Role.XBS].source == "bundled"
    assert len(found.warnings) == 2  # the CFF file, and that the folder gave nothing


def test_describe_names_every_role():
    line = find_fonts(system_dirs=[]).describe()

    assert line == ("仿宋=qdesk-fangsong.ttf(bundled); 黑体=wqy-microhei.ttc(bundled); "
                    "楷体=ukai.ttc(bundled); 宋体=uming.ttc(bundled); "
                    "小标宋=qdesk-biaosong.ttf(bundled); "
                    "fangsong: bundled 'FandolFang' for 仿宋; "
                    "xbs: bundled 'Qdesk Biaosong' for 方正小标宋")


def test_describe_shows_where_each_font_came_from(tmp_path):
    system = tmp_path / "Fonts"
    copy_bundled("uming.ttc", system / "simsun.ttc")

    line = find_fonts(system_dirs=[system]).describe()

    assert "宋体=simsun.ttc(system)" in line
    assert "仿宋=qdesk-fangsong.ttf(bundled)" in line


def test_fonts_from_different_files_get_different_names(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    copy_bundled("uming.ttc", first / "simsun.ttc")
    copy_bundled("uming.ttc", second / "simsun.ttc")

    name_a = find_fonts(system_dirs=[first])[Role.SONG].name
    name_b = find_fonts(system_dirs=[second])[Role.SONG].name

    assert name_a != name_b
    fonts.clear_cache()
    assert find_fonts(system_dirs=[first])[Role.SONG].name == name_a


def test_find_fonts_is_cached_per_arguments(tmp_path):
    assert find_fonts(system_dirs=[]) is find_fonts(system_dirs=[])
    assert find_fonts(tmp_path, system_dirs=[]) is not find_fonts(system_dirs=[])


def test_empty_settings_folder_means_none_is_set():
    found = find_fonts("", system_dirs=[])

    assert found is find_fonts(None, system_dirs=[])
    assert found.warnings == ()


def test_fontset_is_indexed_by_role():
    found = find_fonts(system_dirs=[])

    assert isinstance(found, FontSet)
    assert found[Role.KAI] is found.fonts[Role.KAI]
    assert found["kai"] is found[Role.KAI]


def test_windows_font_folders_come_from_the_environment():
    environ = {"WINDIR": "D:\\WINDOWS", "LOCALAPPDATA": "C:\\Users\\clerk\\AppData\\Local"}

    assert fonts._windows_font_dirs(environ) == [
        "D:\\WINDOWS\\Fonts", "C:\\Users\\clerk\\AppData\\Local\\Microsoft\\Windows\\Fonts"]
    assert fonts._windows_font_dirs({}) == ["C:\\Windows\\Fonts"]


def test_the_ui_font_is_the_bundled_sans_face():
    assert ui_font_path() == BUNDLED / "wqy-microhei.ttc"
    assert ui_font_path().is_file()


def gb2312_hanzi() -> str:
    """The 6763 hanzi of GB 2312, rows 16 to 87."""
    return "".join(ch for high in range(0xB0, 0xF8) for low in range(0xA1, 0xFF)
                   for ch in [bytes((high, low)).decode("gb2312", errors="ignore")] if ch)


@pytest.mark.parametrize("file", ["qdesk-fangsong.ttf", "qdesk-biaosong.ttf"])
def test_bundled_body_and_title_faces_draw_every_gb2312_hanzi(file):
    from reportlab.pdfbase.ttfonts import TTFontFile

    hanzi = gb2312_hanzi()
    covered = TTFontFile(str(BUNDLED / file)).charToGlyph

    assert len(hanzi) == 6763
    assert [ch for ch in hanzi if ord(ch) not in covered] == []
    assert all(ord(ch) in covered for ch in "，。、；：？！“”（）《》〔〕——……≥％0123456789AZaz")


def test_bundled_faces_stand_in_for_fangsong_and_xiaobiaosong_when_the_office_has_neither():
    found = find_fonts(system_dirs=[])

    assert [(c.role, c.family) for c in found.stand_ins()] == [
        (Role.FANGSONG, "FandolFang"), (Role.XBS, "Qdesk Biaosong")]
    notice = found.stand_in_notice()
    assert notice.render("zh") == (
        "本机没有公文所用的仿宋、方正小标宋，已用 qdesk 随附的字体代替：FandolFang代替仿宋；"
        "Qdesk Biaosong代替方正小标宋。如需使用公文字体，请在本机安装，或在设置中指定字体文件夹。")
    assert notice.render("en") == (
        "The office's own fonts for documents (仿宋 and 方正小标宋) are not on this computer; "
        "qdesk's bundled faces stood in: 'FandolFang' for 仿宋, 'Qdesk Biaosong' for 方正小标宋. "
        "To print in the office's fonts, install them or choose a font folder in the settings.")


def test_no_stand_in_notice_when_the_office_has_its_fangsong_and_xiaobiaosong(tmp_path, hei_ttf):
    system = tmp_path / "Fonts"
    system.mkdir()
    shutil.copyfile(hei_ttf, system / "simfang.ttf")
    shutil.copyfile(hei_ttf, system / "FZXBSJW.TTF")

    found = find_fonts(system_dirs=[system])

    assert found.stand_ins() == ()
    assert found.stand_in_notice() is None
    assert "bundled '" not in found.describe()


def test_the_notice_names_only_the_role_that_was_stood_in_for(tmp_path, hei_ttf):
    system = tmp_path / "Fonts"
    system.mkdir()
    shutil.copyfile(hei_ttf, system / "simfang.ttf")

    found = find_fonts(system_dirs=[system])

    assert "Qdesk Biaosong代替方正小标宋。" in found.stand_in_notice().render("zh")
    assert "仿宋" not in found.stand_in_notice().render("zh").split("：")[1]
    assert found.describe().endswith("; 小标宋=qdesk-biaosong.ttf(bundled); "
                                     "xbs: bundled 'Qdesk Biaosong' for 方正小标宋")


# --- a report printed with the bundled faces --------------------------------------------------

@pytest.fixture
def bundled_report(tmp_path, monkeypatch):
    """The Q1 report of 江都区, made as `qdesk init` makes it, on a machine with no office fonts."""
    import datetime as dt

    from qdesk.core.periods import Period
    from qdesk.databases import create_database
    from qdesk.reports.period_report import build_report
    from qdesk.store.database import open_store
    from qdesk.store.entries import EntryInput, set_entries
    from qdesk.store.plans import load_plan
    from qdesk.store.units import add_subordinate, home_unit
    from tests.factories import units_template

    monkeypatch.setattr(fonts, "_default_system_dirs", lambda: ())
    db = tmp_path / "district.qdesk"
    create_database(db, units_template(tmp_path), "321012", "扬州市江都区")
    out = tmp_path / "q1.pdf"
    with open_store(db) as store:
        plan, home = load_plan(store), home_unit(store)
        town = add_subordinate(store, "100", "仙女镇", "township")
        period = Period.parse("2026Q1")
        set_entries(store, plan, home, period, [EntryInput("D02", value="7")])
        set_entries(store, plan, town, period, [EntryInput("D01", "90", "100")])
        result = build_report(store, "quarterly", period, out, dt.date(2026, 4, 6))
    return result


def test_with_bundled_fonts_the_body_prints_in_fangsong_and_the_title_in_the_heavy_song(
        bundled_report):
    from tests.reports.pdftools import lines

    with pdfplumber.open(bundled_report.path) as pdf:
        first = [[(c["text"], re.sub(r"^[A-Z]{6}\+", "", c["fontname"]), c["size"]) for c in line]
                 for line in lines(pdf.pages[0])]
    title = [line for line in first if line[0][2] == 22]
    body = [line for line in first if "".join(t for t, _, _ in line).startswith("按照")]

    assert "".join(t for line in title for t, _, _ in line).endswith("工作情况的报告")
    assert {font for line in title for _, font, _ in line} == {"QdeskBiaosong-Bold"}
    assert body and {font for line in body for _, font, _ in line} == {"FandolFang-Regular"}


def test_the_pdf_keywords_say_which_bundled_faces_stood_in(bundled_report):
    keywords = PdfReader(bundled_report.path).metadata["/Keywords"]

    assert "仿宋=qdesk-fangsong.ttf(bundled)" in keywords
    assert "fangsong: bundled 'FandolFang' for 仿宋" in keywords
    assert "xbs: bundled 'Qdesk Biaosong' for 方正小标宋" in keywords
    assert bundled_report.stand_ins == find_fonts(system_dirs=[]).stand_in_notice()
    # The one warning is the district's: it has no 机关代字 for a 发文字号, nothing of the fonts.
    assert [w.zh for w in bundled_report.warnings if "机关代字" not in w.zh] == []
