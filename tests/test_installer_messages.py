"""The installer's Chinese setup messages ship in the project (npm's Inno Setup 6.4.1 lacks them)."""

from pathlib import Path

BUILD = Path(__file__).resolve().parents[1] / "build"


def test_the_chinese_messages_are_inno_setups_own_file_kept_byte_exact():
    raw = (BUILD / "ChineseSimplified.isl").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")          # without the BOM Inno reads the names as ANSI
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    assert "Inno Setup version 6.4.0+ Chinese Simplified messages" in text
    for line in ("LanguageName=简体中文", "LanguageID=$0804", "LanguageCodePage=936",
                 "ButtonNext=下一步(&N) >", "ButtonInstall=安装(&I)"):
        assert line in text.splitlines()


def test_the_messages_carry_their_licence_and_the_installer_finds_them():
    licence = (BUILD / "ChineseSimplified.LICENSE.txt").read_text("utf-8")
    assert "tag is-6_4_1" in licence and "Inno Setup License" in licence
    assert "Jordan Russell" in licence
    iss = (BUILD / "installer.iss").read_text("utf-8")
    assert 'FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")' in iss
