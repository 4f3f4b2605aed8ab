"""Whether a file lies on a network share, where SQLite's write-ahead log must not be used."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath
from typing import Callable

# Filesystems reached over a network (Linux /proc/mounts names).
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.glusterfs", "fuse.rclone", "lustre"})


def on_network_share(path: Path) -> bool:
    path = Path(os.path.abspath(path))
    if sys.platform == "win32":
        import ctypes

        return windows_remote(str(path), ctypes.windll.kernel32.GetDriveTypeW)
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as handle:
            mounts = handle.read()
    except OSError:
        return False
    return filesystem_of(path, mounts) in NETWORK_FILESYSTEMS


def filesystem_of(path: PurePath, mounts: str) -> str:
    """The filesystem type of the mount that holds `path`, from /proc/mounts text."""
    best, kind = "", ""
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts escapes spaces and the like as octal (\040).
        point = fields[1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


DRIVE_REMOTE = 4   # GetDriveTypeW's answer for a mapped network drive


def windows_remote(path: str, drive_type: Callable[[str], int]) -> bool:
    """Whether a Windows path is on a share: a UNC path (\\\\server\\share, \\\\?\\UNC\\…), or a
    drive letter that `drive_type` (GetDriveTypeW) calls remote, mapped drives included."""
    if path.startswith(("\\\\?\\", "\\\\.\\")):      # the long-path forms
        rest = path[4:]
        if rest.upper().startswith("UNC\\"):
            return True
        path = rest
    elif path.startswith("\\\\"):
        return True
    return drive_type(path[:3]) == DRIVE_REMOTE
