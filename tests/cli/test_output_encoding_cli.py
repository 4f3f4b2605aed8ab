"""Output on a code page without Chinese (a Western Windows, an ASCII locale) never crashes qdesk."""

import os
import subprocess
import sys

import pytest

from qdesk.store.check import check_database

ENCODINGS = ["cp1252", "ascii"]


def _env(encoding):
    env = {k: v for k, v in os.environ.items() if k not in ("QDESK_LANG", "PYTHONUTF8")}
    env["PYTHONIOENCODING"] = encoding
    return env


def _qdesk(args, encoding, **streams):
    return subprocess.run([sys.executable, "-m", "qdesk", *map(str, args)], env=_env(encoding),
                          timeout=120, **streams)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_demo_piped_on_a_code_page_without_chinese_is_made_and_said_in_utf8(tmp_path, encoding):
    db = tmp_path / "县.qdesk"
    done = _qdesk(["demo", "--db", db], encoding, capture_output=True)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "示例数据库已生成" in done.stdout.decode("utf-8")
    assert done.stderr == b""
    assert check_database(db).ok


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_refusal_piped_on_a_code_page_without_chinese_is_said_in_utf8_with_exit_3(
        tmp_path, encoding):
    db = tmp_path / "county.qdesk"
    db.write_bytes(b"kept")
    done = _qdesk(["demo", "--db", db], encoding, capture_output=True)
    assert done.returncode == 3
    assert "已存在" in done.stderr.decode("utf-8")
    assert "Traceback" not in done.stderr.decode("utf-8")
    assert db.read_bytes() == b"kept"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_status_and_a_refusal_written_to_files_on_a_code_page_without_chinese_are_utf8(
        demo_db, tmp_path, encoding):
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        done = _qdesk(["status", "--db", demo_db, "--period", "2020Q4"], encoding,
                      stdout=stdout, stderr=stderr)
    assert done.returncode == 0, err.read_text(encoding="utf-8")
    assert "盘山县" in out.read_text(encoding="utf-8")
    with out.open("wb") as stdout, err.open("wb") as stderr:
        done = _qdesk(["status", "--db", tmp_path / "无.qdesk", "--period", "2020Q4"], encoding,
                      stdout=stdout, stderr=stderr)
    assert done.returncode == 3
    assert "此处没有qdesk数据库" in err.read_text(encoding="utf-8")
    assert not (tmp_path / "无.qdesk").exists()


@pytest.mark.skipif(sys.platform == "win32",
                    reason="no pseudo-terminal on Windows, and its console is always Unicode")
def test_a_terminal_that_cannot_show_chinese_gets_question_marks_not_a_crash(tmp_path):
    import pty

    db = tmp_path / "county.qdesk"
    leader, follower = pty.openpty()
    try:
        done = _qdesk(["demo", "--db", db], "ascii", stdout=follower, stderr=follower)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:      # Linux: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"?" in shown and b"Traceback" not in shown
    shown.decode("ascii")
    assert check_database(db).ok
