"""Running the real `qdesk` entry point in a child process."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest


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
    done = subprocess.run([sys.executable, "-m", "qdesk", *map(str, args)], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def qdesk():
    return run_qdesk
