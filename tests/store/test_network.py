from pathlib import PurePosixPath

from qdesk.store.network import DRIVE_REMOTE, NETWORK_FILESYSTEMS, filesystem_of, windows_remote

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/质量办 /mnt/office\\040share cifs rw,vers=3.0 0 0
nas:/export /mnt/nas nfs4 rw 0 0
/dev/sdb1 /mnt/nas/usb vfat rw 0 0
"""


def test_the_innermost_mount_holding_a_path_names_its_filesystem():
    assert filesystem_of(PurePosixPath("/home/clerk/qdesk.qdesk"), MOUNTS) == "ext4"
    assert filesystem_of(PurePosixPath("/mnt/office share/县/qdesk.qdesk"), MOUNTS) == "cifs"
    assert filesystem_of(PurePosixPath("/mnt/nas/2026/qdesk.qdesk"), MOUNTS) == "nfs4"
    assert filesystem_of(PurePosixPath("/mnt/nas/usb/qdesk.qdesk"), MOUNTS) == "vfat"
    # /mnt/nasty is not under /mnt/nas
    assert filesystem_of(PurePosixPath("/mnt/nasty/qdesk.qdesk"), MOUNTS) == "ext4"


def test_shares_are_the_network_filesystems():
    assert {"cifs", "nfs4"} <= NETWORK_FILESYSTEMS
    assert not {"ext4", "vfat", "ntfs", "xfs", "btrfs"} & NETWORK_FILESYSTEMS


def test_windows_paths_on_shares():
    drives = {"C:\\": 3, "Z:\\": DRIVE_REMOTE}
    local, remote = lambda root: drives.get(root, 3), lambda root: DRIVE_REMOTE
    assert windows_remote("\\\\fileserver\\质量办\\qdesk.qdesk", local)
    assert windows_remote("\\\\?\\UNC\\fileserver\\share\\qdesk.qdesk", local)
    assert windows_remote("Z:\\qdesk\\qdesk.qdesk", drives.get)
    assert windows_remote("\\\\?\\Z:\\qdesk\\qdesk.qdesk", drives.get)
    assert not windows_remote("C:\\Users\\clerk\\AppData\\Local\\qdesk\\qdesk.qdesk", drives.get)
    assert not windows_remote("\\\\?\\C:\\very\\long\\path.qdesk", drives.get)
    assert windows_remote("C:\\x.qdesk", remote)
