"""What tests need of the platform, and why they are skipped where it is missing, said once for
the files that share a need."""

import sys
from pathlib import Path

import pytest

ON_WINDOWS = sys.platform == "win32"

no_read_only_user = pytest.mark.skipif(ON_WINDOWS, reason=(
    "on Windows a file or folder a clerk cannot write is an ACL denying them writes, which Wine, "
    "where the Windows leg runs, does not enforce; the Linux suite runs this as an ordinary user"))

held_files_stay_put = pytest.mark.skipif(ON_WINDOWS, reason=(
    "Windows refuses to move or delete a file held open (SQLite does not share its files for "
    "deletion), so a database cannot go from under an open qdesk there"))


def symlink(link: Path, target: Path) -> Path:
    """`link` made a symbolic link to `target`, or the test skipped where none can be made:
    Windows without the privilege, or Wine, whose link Windows programs see as a plain file."""
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("this system makes no symbolic links without privileges")
    if not link.is_symlink():
        pytest.skip("this system's symbolic links are not seen as links (Wine makes a POSIX "
                    "link, which its Windows programs take for the file itself)")
    return link
