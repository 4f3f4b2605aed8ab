"""Whether a file lies on a network share, where SQLite's write-ahead log must not be used."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Filesystems reached over a network (Linux /proc/mounts names).
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.glusterfs", "fuse.rclone", "lustre"})


def on_network_share(path: Path) -> bool:
    path = Path(os.path.abspath(path))
    if sys.platform == "win32":
        return _windows_remote(path)
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as handle:
            mounts = handle.read()
    except OSError:
        return False
    return filesystem_of(path, mounts) in NETWORK_FILESYSTEMS


def filesystem_of(path: Path, mounts: str) -> str:
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


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):   # \\server\share\...; \\?\C:\ is a local long path
        return not text.startswith(("\\\\?\\", "\\\\.\\")) or text.upper().startswith("\\\\?\\UNC\\")
    import ctypes

    drive_remote = 4
    root = text[:3]
    return ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote
