"""Files as a clerk's PC has them: what `--out` may name and must never replace, the mode a new
export gets, the encodings read, a full disk."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys

import pytest

from qdesk.core.errors import InputError
from qdesk.files import (check_out_file, decode_text, disk_full, is_disk_full, table_rows,
                         temporary_beside, write_whole)
from tests.platforms import symlink

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="device nodes and FIFOs are POSIX")


def test_a_folder_receives_the_conventional_name_and_a_file_is_taken_as_named(tmp_path):
    assert check_out_file(tmp_path, "a.qdpkg") == tmp_path / "a.qdpkg"
    assert check_out_file(tmp_path / "b.qdpkg", "a.qdpkg") == tmp_path / "b.qdpkg"


def test_an_existing_file_is_refused_unless_forced_and_left_as_it_was(tmp_path):
    (tmp_path / "a.qdpkg").write_bytes(b"kept")
    with pytest.raises(InputError, match="--force"):
        check_out_file(tmp_path, "a.qdpkg")
    assert check_out_file(tmp_path, "a.qdpkg", force=True) == tmp_path / "a.qdpkg"
    assert (tmp_path / "a.qdpkg").read_bytes() == b"kept"


def test_a_link_is_refused_even_with_force_and_even_to_a_regular_file(tmp_path):
    (tmp_path / "real").write_bytes(b"kept")
    symlink(tmp_path / "a.qdpkg", tmp_path / "real")
    with pytest.raises(InputError, match="不是普通文件"):
        check_out_file(tmp_path, "a.qdpkg", force=True)
    assert (tmp_path / "a.qdpkg").is_symlink()


@POSIX_ONLY
def test_writing_a_file_whole_refuses_a_device_node_and_writes_nothing():
    def write(temporary: str) -> None:
        raise AssertionError("nothing may be written")

    with pytest.raises(InputError, match="不是普通文件"):
        write_whole(os.devnull, write)
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


@POSIX_ONLY
def test_writing_a_file_whole_refuses_a_pipe_instead_of_hanging_on_it(tmp_path):
    pipe = tmp_path / "out.csv"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="不是普通文件"):
        write_whole(pipe, lambda temporary: None)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_temporary_name_is_hidden_beside_the_file_and_never_one_that_exists(tmp_path):
    first = temporary_beside(tmp_path / "a.qdpkg")
    assert first.parent == tmp_path and first.name.startswith(".a.qdpkg.")
    assert first.suffix == ".part" and not first.exists()


# What Excel's "Save as → Unicode text" writes: UTF-16 LE with its BOM, tabs, CRLF, a cell holding
# a tab or a quote in quotes.
EXCEL_UNICODE_TEXT = ("\ufeff单位代码\t单位名称\t备注\r\n"
                      "211122100\t石新镇\t\"含\t制表符\"\r\n"
                      "211122101\t坝墙子镇\t\"说 \"\"好\"\"\"\r\n").encode("utf-16-le")


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.mark.skipif(os.name != "posix", reason="Windows files have no POSIX mode")
def test_a_new_export_gets_the_mode_a_plainly_created_file_gets(tmp_path):
    out = write_whole(tmp_path / "export.csv", lambda t: open(t, "w").close())
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


@pytest.mark.skipif(os.name != "posix", reason="Windows files have no POSIX mode")
def test_a_replaced_export_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    write_whole(out, lambda t: open(t, "w").close())
    assert out.stat().st_mode & 0o777 == 0o640


def test_excel_unicode_text_is_decoded_from_utf16_with_its_bom():
    assert decode_text(EXCEL_UNICODE_TEXT, "towns.txt").startswith("单位代码\t单位名称")
    assert decode_text(b"\xfe\xff" + "石新镇".encode("utf-16-be"), "x") == "石新镇"


def test_text_in_no_known_encoding_is_refused_naming_utf16_among_those_read():
    with pytest.raises(InputError, match="UTF-16"):
        decode_text(b"\xff\xfe\x00\xd8", "broken.csv")   # a lone surrogate


def test_a_tab_separated_table_is_split_at_tabs_with_quoted_cells_kept_whole():
    rows = list(table_rows(decode_text(EXCEL_UNICODE_TEXT, "towns.txt")))
    assert rows == [["单位代码", "单位名称", "备注"], ["211122100", "石新镇", "含\t制表符"],
                    ["211122101", "坝墙子镇", '说 "好"']]


def test_a_comma_separated_table_stays_split_at_commas_even_with_a_tab_in_a_cell():
    rows = list(table_rows('单位代码,单位名称,备注\r\n211122100,石新镇,"a\tb"\r\n'))
    assert rows == [["单位代码", "单位名称", "备注"], ["211122100", "石新镇", "a\tb"]]


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"),
    OSError(getattr(errno, "EDQUOT", errno.ENOSPC), "Disk quota exceeded"),
    sqlite3.OperationalError("database or disk is full"),
])
def test_a_full_disk_or_quota_is_known_from_the_system_and_from_sqlite(error):
    assert is_disk_full(error)


def test_windows_disk_full_codes_are_known_as_a_full_disk():
    for code in (39, 112):
        error = OSError(errno.EINVAL, "There is not enough space on the disk")
        error.winerror = code  # what Windows' OSError carries
        assert is_disk_full(error)


@pytest.mark.parametrize("error", [OSError(errno.EACCES, "Permission denied"),
                                   sqlite3.OperationalError("no such table: x"), ValueError("x")])
def test_other_failures_are_not_taken_for_a_full_disk(error):
    assert not is_disk_full(error)


def test_the_full_disk_refusal_names_the_file_and_says_what_to_do():
    text = disk_full("D:/报表/2026Q3.csv").render("zh")
    assert "磁盘已满" in text and "2026Q3.csv" in text and "清理磁盘空间" in text


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/full is Linux's")
def test_a_writer_failing_for_a_full_disk_is_refused_as_full_and_leaves_nothing(tmp_path):
    def write(temporary):
        with open("/dev/full", "w") as full:
            full.write("x")
            full.flush()

    with pytest.raises(InputError, match="磁盘已满"):
        write_whole(tmp_path / "out.csv", write)
    assert os.listdir(tmp_path) == []
