"""A full disk under what a command writes: exit 3 with what to do, and no partial file left."""

import os


def _left(folder):
    return sorted(name for name in os.listdir(folder) if name != "filler")


def test_export_csv_to_a_full_disk_is_refused_with_exit_3_and_leaves_no_file(qdesk, demo_db,
                                                                             full_disk):
    folder = full_disk()
    result = qdesk("export", "csv", "--db", demo_db, "--period", "2020Q4",
                   "--out", folder / "2020Q4.csv", lang="en")
    assert result.code == 3, result.err
    assert "the disk is full" in result.err and "2020Q4.csv" in result.err
    assert "unexpectedly" not in result.err
    assert _left(folder) == []


def test_a_report_to_a_full_disk_is_refused_with_exit_3_and_leaves_no_file(qdesk, demo_db,
                                                                          full_disk):
    folder = full_disk()
    result = qdesk("report", "quarterly", "--db", demo_db, "--period", "2020Q4",
                   "--out", folder / "报告.pdf")
    assert result.code == 3, result.err
    assert "磁盘已满" in result.err and "报告.pdf" in result.err
    assert _left(folder) == []


def test_a_backup_to_a_full_disk_is_refused_with_exit_3_and_leaves_no_file(qdesk, demo_db,
                                                                          full_disk):
    folder = full_disk()
    result = qdesk("backup", "--db", demo_db, "--out", folder / "copy.qdesk", lang="en")
    assert result.code == 3, result.err
    assert "the disk is full" in result.err and "copy.qdesk" in result.err
    assert _left(folder) == []


def test_a_backup_beside_a_database_on_a_full_disk_is_refused_with_exit_3(qdesk, demo_db,
                                                                         full_disk):
    folder = full_disk(demo_db)
    before = (folder / demo_db.name).read_bytes()
    result = qdesk("backup", "--db", folder / demo_db.name, lang="en")
    # SQLite says SQLITE_FULL, or at times SQLITE_IOERR when its shared-memory file cannot
    # grow: either way a refusal, and the database as it was.
    assert result.code == 3, result.err
    assert "unexpectedly" not in result.err
    assert (folder / demo_db.name).read_bytes() == before


def test_a_package_to_a_full_disk_is_refused_with_exit_3_not_as_a_failure(qdesk, demo_db,
                                                                         full_disk):
    folder = full_disk()
    result = qdesk("export", "package", "--db", demo_db, "--period", "2020Q4", "--out", folder,
                   lang="en")
    assert result.code == 3, result.err
    assert "the disk is full" in result.err
    assert "unexpectedly" not in result.err


def test_a_full_disk_no_writer_worded_still_exits_3_with_what_to_do(monkeypatch, capsys):
    import errno

    from qdesk import cli

    def fill(args):
        raise OSError(errno.ENOSPC, "No space left on device", "out.pdf")

    monkeypatch.setitem(cli._COMMANDS, "check", fill)
    assert cli.main(["--lang", "en", "check", "--db", "x.qdesk"]) == cli.EXIT_REFUSED
    err = capsys.readouterr().err
    assert "the disk is full: out.pdf was not written" in err
    assert "unexpectedly" not in err
