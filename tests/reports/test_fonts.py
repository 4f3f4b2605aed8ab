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
        Role.FANGSONG: (BUNDLED / "uming.ttc", 0, "bundled"),
        Role.HEI: (BUNDLED / "wqy-microhei.ttc", 0, "bundled"),
        Role.KAI: (BUNDLED / "ukai.ttc", 0, "bundled"),
        Role.SONG: (BUNDLED / "uming.ttc", 0, "bundled"),
        Role.XBS: (BUNDLED / "uming.ttc", 0, "bundled"),
    }
    assert found[Role.FANGSONG].family == "AR PL UMing CN"
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
        "UMingCN-0", "WenQuanYiMicroHei-0", "UKaiCN-0"}
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
    # 宋体 stands in for 小标宋 when the office has no 小标宋
    assert (found[Role.XBS].source, found[Role.XBS].path) == ("system", simsun)
    assert found[Role.FANGSONG].source == "bundled"


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

    assert line == ("仿宋=uming.ttc(bundled); 黑体=wqy-microhei.ttc(bundled); "
                    "楷体=ukai.ttc(bundled); 宋体=uming.ttc(bundled); 小标宋=uming.ttc(bundled)")


def test_describe_shows_where_each_font_came_from(tmp_path):
    system = tmp_path / "Fonts"
    copy_bundled("uming.ttc", system / "simsun.ttc")

    line = find_fonts(system_dirs=[system]).describe()

    assert "宋体=simsun.ttc(system)" in line and "小标宋=simsun.ttc(system)" in line
    assert "仿宋=uming.ttc(bundled)" in line


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


def test_ui_font_is_the_bundled_uming():
    assert ui_font_path() == BUNDLED / "uming.ttc"
    assert ui_font_path().is_file()
