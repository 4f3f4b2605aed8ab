"""Why a test that needs POSIX is skipped on Windows, said once for the files that share a reason."""

import sys

import pytest

ON_WINDOWS = sys.platform == "win32"

no_read_only_user = pytest.mark.skipif(ON_WINDOWS, reason=(
    "on Windows a file or folder a clerk cannot write is an ACL denying them writes, which Wine, "
    "where the Windows leg runs, does not enforce; the Linux suite runs this as an ordinary user"))
