"""Files written whole: what `--out` may name, and what it must never replace."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from qdesk.core.errors import InputError
from qdesk.files import check_out_file, temporary_beside, write_whole

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
    try:
        (tmp_path / "a.qdpkg").symlink_to(tmp_path / "real")
    except OSError:
        pytest.skip("this system makes no symbolic links without privileges")
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
