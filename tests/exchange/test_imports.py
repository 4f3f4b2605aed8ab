"""import_files: packages and entry sheets in one call, checked whole and written together."""

import pytest

from qdesk.core.errors import InputError, LockedPeriodError
from qdesk.core.periods import Period
from qdesk.exchange.imports import ImportedBefore, import_files
from qdesk.store.changes import NOTHING
from qdesk.store.locks import lock_period
from qdesk.store.units import add_subordinate
from tests.fuzzing import digest

Q4 = Period.parse("2020Q4")
HEADER = "单位代码,指标代码,报告期,分子,分母,数值,备注\n"


@pytest.fixture
def sheet(city, tmp_path):
    """An entry sheet from 大洼县, a second county under the city."""
    add_subordinate(city, "211121", "大洼县", "county")
    path = tmp_path / "dawa.csv"
    path.write_text(HEADER + "211121,P02,2020Q4,90,100,,\n", encoding="utf-8-sig")
    return path


def figure(store, unit, period, code):
    return store.db.execute(
        "SELECT e.numerator, e.denominator FROM entries e JOIN units u ON u.id = e.unit_id"
        " JOIN indicators i ON i.id = e.indicator_id WHERE u.code = ? AND e.period = ?"
        " AND i.code = ?", [unit, period, code]).fetchone()


def test_a_package_and_an_entry_sheet_are_imported_in_one_call(city, county_package, sheet):
    imported = import_files(city, [county_package, sheet])
    assert imported.packages == (county_package,) and imported.sheets == (sheet,)
    assert imported.files == 2 and imported.replaced == 0
    assert imported.written.inserted == 13
    assert figure(city, "211122", "2020Q4", "P02") == (1027, 1047)
    assert figure(city, "211121", "2020Q4", "P02") == (90, 100)
    assert city.db["packages"].count == 1


def test_the_import_says_what_it_changed(city, county_package, sheet):
    changes = import_files(city, [county_package, sheet]).changes
    assert changes.tables == {"entries", "packages", "signing_keys", "audit"}
    assert changes.units == {"211122", "211121"}
    assert changes.periods == {Q4, Period.parse("2020")}


def test_a_bad_sheet_refuses_the_package_imported_with_it(city, county_package, sheet):
    sheet.write_text(HEADER + "211121,P02,2020Q4,190,100,,\n", encoding="utf-8-sig")
    before = digest(city)
    with pytest.raises(InputError, match="大于"):
        import_files(city, [county_package, sheet])
    assert digest(city) == before


def test_a_figure_both_in_a_package_and_in_a_sheet_is_refused(city, county_package, tmp_path):
    sheet = tmp_path / "again.csv"
    sheet.write_text(HEADER + "211122,P02,2020Q4,1,2,,\n", encoding="utf-8-sig")
    before = digest(city)
    with pytest.raises(InputError) as refused:
        import_files(city, [county_package, sheet])
    assert "P02" in refused.value.render("zh") and county_package.name in refused.value.render()
    assert digest(city) == before


def test_a_dry_run_changes_nothing_and_says_what_would_be_written(city, county_package, sheet):
    before = digest(city)
    imported = import_files(city, [county_package, sheet], dry_run=True)
    assert imported.written.inserted == 13 and imported.changes == NOTHING
    assert digest(city) == before


def test_the_refusal_to_replace_carries_the_packages_imported_before(
        city, county_package, county_correction, sheet):
    import_files(city, [county_package])
    before = digest(city)
    with pytest.raises(ImportedBefore) as refused:
        import_files(city, [county_correction, sheet])
    [package] = refused.value.packages
    assert package.path == county_correction
    assert (package.unit.code, package.period) == ("211122", Q4)
    assert "--replace" in refused.value.render("en") and "盘山县" in refused.value.render("zh")
    assert digest(city) == before


def test_a_dry_run_refuses_to_replace_as_the_import_would(city, county_package,
                                                         county_correction):
    import_files(city, [county_package])
    with pytest.raises(ImportedBefore):
        import_files(city, [county_correction], dry_run=True)


def test_replace_replaces_the_package_imported_before(city, county_package, county_correction,
                                                      sheet):
    import_files(city, [county_package])
    imported = import_files(city, [county_correction, sheet], replace=True)
    assert imported.replaced == 1 and imported.written.inserted == 1
    assert imported.changes.tables == {"entries", "packages", "audit"}
    replaced = [r["replaced_by"] for r in city.db.query("SELECT replaced_by FROM packages"
                                                         " ORDER BY id")]
    assert replaced[0] is not None and replaced[1] is None


def test_nothing_new_writes_no_figure_and_says_so(city, sheet):
    import_files(city, [sheet])
    imported = import_files(city, [sheet])
    assert imported.written.unchanged == 1 and imported.changes == NOTHING


def test_a_locked_period_refuses_the_import_before_any_backup_is_taken(city, sheet):
    from qdesk.store.backups import default_folder

    def backups():
        folder = default_folder(city.path)
        return sorted(folder.iterdir()) if folder.exists() else []

    lock_period(city, Q4)
    before, taken = digest(city), backups()
    with pytest.raises(LockedPeriodError):
        import_files(city, [sheet])
    assert digest(city) == before and backups() == taken


def test_progress_is_told_of_every_file_and_may_stop_the_import(city, county_package, sheet):
    told = []
    import_files(city, [county_package, sheet], dry_run=True,
                 progress=lambda done, files: told.append((done, files)))
    assert told == [(0, 2), (1, 2), (2, 2)]

    class Stop(Exception):
        pass

    def stop(done, files):
        if done == 1:
            raise Stop

    before = digest(city)
    with pytest.raises(Stop):
        import_files(city, [county_package, sheet], progress=stop)
    assert digest(city) == before


def test_the_cli_imports_a_package_and_a_sheet_together(county_package, tmp_path):
    from qdesk.databases import create_database
    from qdesk.plans.library import find_template
    from qdesk.store.database import open_store
    from tests.cli.conftest import run_qdesk

    db = tmp_path / "city.qdesk"
    create_database(db, find_template("panjin-2014"), "211100", "盘锦市")
    with open_store(db) as store:
        add_subordinate(store, "211122", "盘山县", "county")
        add_subordinate(store, "211121", "大洼县", "county")
    sheet = tmp_path / "dawa.csv"
    sheet.write_text(HEADER + "211121,P02,2020Q4,90,100,,\n", encoding="utf-8-sig")
    result = run_qdesk("import", county_package, sheet, "--db", db)
    assert result.code == 0, result.err
    assert "新增13条" in result.out
