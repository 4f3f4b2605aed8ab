"""Entry sheets through LibreOffice Calc: saved again by it, a blank sheet keeps its protection, its
validation and its hidden layout, and a filled one imports exactly as the original does.

Every run of CI runs this in its Linux suite (build/system-packages.sh installs LibreOffice); the
Windows leg has no LibreOffice for Windows and skips it, saying so. WPS and Excel cannot be run here.
"""

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal

import openpyxl
import pytest

from tests.cli.conftest import run_qdesk
from tests.exchange.test_blank_sheet import fill_cells, stored

FILLED = {"Z01": {"分子": 90, "分母": 100, "备注": "复核"}, "Z02": {"无此项": "无此项"},
          "Z03": {"数值": 88.5}, "Z04": {"数值": "是"}}
FILLED_STORED = {"Z01": (90, 100, None, "复核"), "Z02": (None, None, None, None),
                 "Z03": (None, None, "88.5", None), "Z04": (None, None, "1", None)}


def soffice():
    found = shutil.which("soffice")
    if found is None:
        reason = ("LibreOffice Calc (soffice) is not installed; build/system-packages.sh "
                  "installs it (libreoffice-calc-nogui)")
        if os.environ.get("CI") == "true" and sys.platform != "win32":
            pytest.fail(f"{reason}: CI must run this test")
        pytest.skip(reason)
    return found


def resave(program, files, out, profile):
    """The files opened and saved again as xlsx by LibreOffice, all in one run of it (a fresh
    profile, so that no other LibreOffice takes the work)."""
    out.mkdir()
    done = subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "xlsx", "--outdir", str(out), *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    saved = [out / f.name for f in files]
    assert all(p.is_file() for p in saved), (done.stdout, done.stderr)
    return saved


@pytest.fixture(scope="module")
def sheets(office_master, tmp_path_factory):
    """The two towns' sheets as sent, the first filled in; and both as LibreOffice saved them."""
    program = soffice()
    folder = tmp_path_factory.mktemp("libreoffice")
    db = folder / "江都区.qdesk"
    shutil.copy(office_master[0], db)
    sent = folder / "sent"
    sent.mkdir()
    result = run_qdesk("export", "sheets", "--db", db, "--period", "2026Q1", "--out", sent)
    assert result.code == 0, result.err
    filled, blank = (sent / f"{code}-2026Q1-填报表.xlsx" for code in ("321012100", "321012101"))
    fill_cells(filled, FILLED)
    resaved = resave(program, [filled, blank], folder / "saved", folder / "profile")
    return {"filled": filled, "blank": blank, "saved filled": resaved[0],
            "saved blank": resaved[1]}


def _cells(sqref):
    return {(row, column) for cells in sqref.ranges for row, column in cells.cells}


def _formula(text):
    """A validation's bound as a number where it is one: LibreOffice writes 1E+15 in full."""
    try:
        return Decimal(text)
    except (TypeError, ArithmeticError):
        return text


def _structure(path):
    """What the sheet's checks rest on: protection, open cells, validations, the hidden layout."""
    book = openpyxl.load_workbook(path)
    ws, layout = book["填报"], book["_qdesk"]
    validations = sorted(
        (v.type, _formula(v.formula1), str(v.showErrorMessage), v.error, v.prompt or "",
         sorted(_cells(v.sqref))) for v in ws.data_validations.dataValidation)
    return {"protected": (ws.protection.sheet, layout.protection.sheet),
            "open": sorted(c.coordinate for row in ws.iter_rows() for c in row
                           if not c.protection.locked),
            "validations": validations, "layout state": layout.sheet_state,
            "layout": json.loads(layout["A1"].value), "sheets": book.sheetnames,
            "values": [[c.value for c in row] for row in ws.iter_rows()]}


@pytest.mark.parametrize("which", ["blank", "filled"])
def test_libreoffice_keeps_the_protection_validation_and_hidden_layout(sheets, which):
    sent, saved = _structure(sheets[which]), _structure(sheets[f"saved {which}"])
    assert saved == sent
    assert saved["protected"] == (True, True) and saved["layout state"] == "hidden"
    assert len(saved["validations"]) == 4 and saved["open"]


def test_a_sheet_saved_by_libreoffice_imports_the_same_figures(sheets, office_master, tmp_path):
    imported = []
    for name in ("filled", "saved filled"):
        db = tmp_path / f"{name}.qdesk"
        shutil.copy(office_master[0], db)
        result = run_qdesk("import", sheets[name], "--db", db)
        assert result.code == 0, result.err
        imported.append(stored(db))
    assert imported[0] == imported[1] == FILLED_STORED


def test_a_sheet_filled_after_libreoffice_saved_it_imports(sheets, office_master, tmp_path):
    db, path = tmp_path / "江都区.qdesk", tmp_path / "小纪镇.xlsx"
    shutil.copy(office_master[0], db)
    shutil.copy(sheets["saved blank"], path)
    fill_cells(path, {"Z01": {"分子": 45, "分母": 50}, "Z02": {"备注": "无此项：本季度无在建工程"}})
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 0, result.err
    assert stored(db, "321012101") == {"Z01": (45, 50, None, None),
                                       "Z02": (None, None, None, "本季度无在建工程")}


def test_a_sheet_changed_after_libreoffice_saved_it_is_still_refused_at_the_cell(
        sheets, office_master, tmp_path):
    db, path = tmp_path / "江都区.qdesk", tmp_path / "小纪镇.xlsx"
    shutil.copy(office_master[0], db)
    shutil.copy(sheets["saved blank"], path)
    book = fill_cells(path, {"Z01": {"分子": 45, "分母": 50}})
    book["填报"].protection.sheet = False
    book["填报"]["B2"] = "Z02"
    book.save(path)
    result = run_qdesk("import", path, "--db", db)
    assert result.code == 3 and "单元格B2：表格结构被改动" in result.err, result.err
    assert stored(db, "321012101") == {}
