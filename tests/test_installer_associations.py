"""The installer's file types, read from build/installer.iss as ISCC reads it: per user, removed by
the uninstaller, and run with arguments qdesk's command line takes (tests/test_installer.py then
installs them for real under Wine)."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from qdesk import cli

ISS = Path(__file__).resolve().parents[1] / "build" / "installer.iss"
# A parameter of an entry: `Name: value` or `Name: "value"`, a quote inside doubled.
PARAMETER = re.compile(r'\s*(\w+):\s*("(?:[^"]|"")*"|[^;]*?)\s*(?:;|$)')
APP = r"C:\Users\clerk\AppData\Local\Programs\qdesk"


def section(name: str) -> list[str]:
    """The lines of a section, comments and blank lines left out (preprocessor lines too)."""
    lines, inside = [], False
    for line in ISS.read_text("utf-8-sig").splitlines():
        if line.startswith("["):
            inside = line.strip() == f"[{name}]"
        elif inside and line.strip() and not line.startswith((";", "#")):
            lines.append(line)
    return lines


def entry(line: str) -> dict[str, str]:
    found = {}
    at = 0
    while at < len(line):
        match = PARAMETER.match(line, at)
        assert match and match.end() > at, f"not an entry: {line}"
        value = match[2]
        found[match[1]] = value[1:-1].replace('""', '"') if value.startswith('"') else value
        at = match.end()
    return found


def registry() -> dict[str, dict[str, str]]:
    """The [Registry] entries by Subkey (and ValueName, for a named value)."""
    entries = {}
    for line in section("Registry"):
        found = entry(line)
        name = found.get("ValueName", "")
        entries[found["Subkey"] + (f"@{name}" if name else "")] = found
    return entries


def flags(found: dict[str, str]) -> set[str]:
    return set(found.get("Flags", "").split())


def test_the_setup_is_per_user_and_tells_explorer_of_the_associations():
    setup = section("Setup")
    assert "PrivilegesRequired=lowest" in setup
    assert "ChangesAssociations=yes" in setup


@pytest.mark.parametrize("extension,progid,kind", [(".qdesk", "qdesk.Database", "DatabaseType"),
                                                   (".qdpkg", "qdesk.Package", "PackageType")])
def test_each_extension_names_its_progid_with_a_name_an_icon_and_an_open_command(
        extension, progid, kind):
    entries = registry()
    classes = r"Software\Classes"
    assert entries[rf"{classes}\{extension}"]["ValueData"] == progid
    assert entries[rf"{classes}\{extension}\OpenWithProgids@{progid}"]["ValueData"] == ""
    assert entries[rf"{classes}\{progid}"]["ValueData"] == f"{{cm:{kind}}}"
    assert entries[rf"{classes}\{progid}\DefaultIcon"]["ValueData"] == r"{app}\qdesk.exe,0"
    assert entries[rf"{classes}\{progid}\shell\open\command"]["ValueData"].startswith(
        r'"{app}\qdesk.exe" ')


def test_the_file_types_are_named_in_chinese():
    messages = section("CustomMessages")
    assert "chinesesimplified.DatabaseType=qdesk 数据库" in messages
    assert "chinesesimplified.PackageType=qdesk 报送包" in messages
    assert "chinesesimplified.ImportVerb=导入到 qdesk" in messages
    for name in ("DatabaseType", "PackageType", "ImportVerb"):
        assert any(line.startswith(f"english.{name}=") for line in messages), name


def test_everything_the_installer_writes_in_the_registry_is_the_users_and_goes_at_uninstall():
    entries = list(registry().values())
    assert len(entries) >= 10
    deleted = {e["Subkey"] for e in entries if "uninsdeletekey" in flags(e)}
    assert deleted == {r"Software\Classes\.qdesk", r"Software\Classes\qdesk.Database",
                       r"Software\Classes\.qdpkg", r"Software\Classes\qdesk.Package"}
    for found in entries:
        assert found["Root"] == "HKA", found        # HKCU in this per-user install
        assert found["Subkey"].startswith("Software\\Classes\\"), found
        under = [key for key in deleted
                 if found["Subkey"] == key or found["Subkey"].startswith(key + "\\")]
        assert under, f"left behind by the uninstaller: {found}"
        if "OpenWithProgids" in found["Subkey"]:
            assert "uninsdeletevalue" in flags(found), found


def windows_argv(command: str) -> list[str]:
    """A command line split as Windows splits a simple one: quoted words, or words."""
    return [quoted or bare for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', command)]


@pytest.mark.parametrize("progid,file,database,package,named", [
    ("qdesk.Database", r"D:\报送\盘山县.qdesk", r"D:\报送\盘山县.qdesk", None, True),
    ("qdesk.Package", r"D:\报送\211122-2026Q3.qdpkg", None, r"D:\报送\211122-2026Q3.qdpkg",
     False),
])
def test_explorers_command_is_one_qdesk_takes(monkeypatch, progid, file, database, package,
                                              named):
    """As Explorer runs it on a double-clicked file: the database is opened, or the package
    imported into the default database."""
    from qdesk.gui import app

    command = registry()[rf"Software\Classes\{progid}\shell\open\command"]["ValueData"]
    argv = windows_argv(command.replace("{app}", APP).replace("%1", file))
    assert PureWindowsPath(argv[0]) == PureWindowsPath(APP) / "qdesk.exe"
    asked = []
    monkeypatch.setattr(app, "run", lambda db, pkg=None, *, named=False:
                        asked.append((db, pkg, named)) or 0)
    assert cli.main(argv[1:]) == 0
    assert asked == [(database and Path(database), package and Path(package), named)]
