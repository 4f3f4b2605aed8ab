"""The Windows leg's display (build/wine/display.sh): an Xvfb that is gone but left its socket and
lock behind, as on a machine restarted with /tmp kept, is replaced by a live one, so that the
installer, the leg's one windowed program, gets a window."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "build" / "wine" / "display.sh"
N = 97
SOCKET = Path(f"/tmp/.X11-unix/X{N}")
LOCK = Path(f"/tmp/.X{N}-lock")

pytestmark = [
    pytest.mark.skipif(sys.platform != "linux", reason="the Windows leg runs Wine on Linux only"),
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason=(
        "Xvfb is installed by build/wine/setup.sh, which CI runs after the Linux suite on a fresh "
        "machine")),
]


def _server_pid() -> int | None:
    try:
        pid = int(LOCK.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    comm = Path(f"/proc/{pid}/comm")
    return pid if comm.exists() and comm.read_text(encoding="ascii").strip() == "Xvfb" else None


@pytest.fixture
def display_97():
    if _server_pid() is not None:
        pytest.skip(f"a live X server already holds :{N}")
    yield
    pid = _server_pid()
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        # Until it is gone it holds the display (its abstract socket too), and the next test's
        # Xvfb would find :97 taken.
        deadline = time.monotonic() + 10
        while _running(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    SOCKET.unlink(missing_ok=True)
    LOCK.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether the process runs still: a zombie (ended, not yet reaped) does not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _gone_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_dead_servers_socket_and_lock_are_replaced_by_a_live_xvfb(display_97, tmp_path):
    SOCKET.parent.mkdir(mode=0o1777, exist_ok=True)
    SOCKET.unlink(missing_ok=True)
    with socket.socket(socket.AF_UNIX) as stale:
        stale.bind(str(SOCKET))
    LOCK.write_text(f"{_gone_pid():>10}\n", encoding="ascii")
    pidfile = tmp_path / "xvfb.pid"

    done = subprocess.run([str(SCRIPT), str(N), str(pidfile)], capture_output=True, text=True,
                          timeout=30)

    assert done.returncode == 0, done.stderr
    pid = _server_pid()
    assert pid is not None, "no live Xvfb holds the display"
    assert int(pidfile.read_text(encoding="ascii")) == pid
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(str(SOCKET))


def test_a_live_server_is_left_as_it_is(display_97, tmp_path):
    first = subprocess.run([str(SCRIPT), str(N)], capture_output=True, text=True, timeout=30)
    pid = _server_pid()

    again = subprocess.run([str(SCRIPT), str(N), str(tmp_path / "pid")], capture_output=True,
                           text=True, timeout=30)

    assert (first.returncode, again.returncode) == (0, 0)
    assert pid is not None and _server_pid() == pid
    assert not (tmp_path / "pid").exists()


def test_a_zombie_servers_lock_is_no_display(display_97, tmp_path):
    """Killed and never reaped (this machine's init does not reap), a server keeps its name
    and its lock, not its display."""
    old = subprocess.Popen(["Xvfb", f":{N}", "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while _server_pid() != old.pid and time.monotonic() < deadline:
            time.sleep(0.05)
        old.kill()          # SIGKILL: its socket and lock stay; not waited for: a zombie
        while _running(old.pid) and time.monotonic() < deadline:
            time.sleep(0.05)

        done = subprocess.run([str(SCRIPT), str(N)], capture_output=True, text=True, timeout=30)

        assert done.returncode == 0, done.stderr
        assert _server_pid() not in (None, old.pid)
    finally:
        old.wait()
