"""Running the real `qdesk` entry point, in a child process or, where that is too slow, in this one.

A child process per command is the truth (its own streams, encoding and exit), and the Linux suite
runs every CLI test so. Under Wine a child costs 2–4 s, which puts the whole suite past CI's time:
there the Windows leg sets QDESK_TEST_CLI=in-process and `run_qdesk` calls `qdesk.cli.main` here,
with the environment, streams and language a child would have, while the tests that are about the
process itself (its encoding, a kill, a read-only user) start theirs directly and stay true.
"""

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest

IN_PROCESS = os.environ.get("QDESK_TEST_CLI") == "in-process"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_qdesk(*args, lang=None) -> Result:
    env = {k: v for k, v in os.environ.items() if k != "QDESK_LANG"}
    env["PYTHONIOENCODING"] = "utf-8"
    if lang:
        env["QDESK_LANG"] = lang
    if IN_PROCESS:
        return _in_process([str(arg) for arg in args], env)
    done = subprocess.run([sys.executable, "-m", "qdesk", *map(str, args)], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


class _Kept(io.BytesIO):
    """A stream's bytes, still readable after the command closed the stream (as on a broken
    pipe)."""

    def close(self) -> None:
        pass


def _in_process(argv: list[str], env: dict[str, str]) -> Result:
    from qdesk.cli import main
    from qdesk.core.i18n import language, set_language

    out, err = _Kept(), _Kept()
    streams = [io.TextIOWrapper(buffer, encoding="utf-8", newline="\n") for buffer in (out, err)]
    saved_env, saved_language = dict(os.environ), language()
    os.environ.clear()
    os.environ.update(env)
    try:
        with redirect_stdout(streams[0]), redirect_stderr(streams[1]):
            try:
                code = main(argv)
            except SystemExit as exc:   # argparse: a usage error (2) or --help (0)
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
            for stream in streams:
                if not stream.closed:
                    stream.flush()
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        set_language(saved_language)
    return Result(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


@pytest.fixture
def qdesk():
    return run_qdesk
