"""Running ``python -m etl`` as a user would, and checking that a failure is one clear line."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.settings import REPO_ROOT

#: Capabilities dropped for the child, so that root (as in CI containers) meets the file
#: permissions an ordinary user meets: a read-only folder is read-only again.
_UNPRIVILEGED = ["setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all"]


def etl(*args: str, env: dict | None = None, unprivileged: bool = False,
        timeout: float = 180) -> subprocess.CompletedProcess:
    """``python -m etl ARGS`` in a fresh process; ``unprivileged``: without root's powers."""
    command = [sys.executable, "-m", "etl", *args]
    if unprivileged and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions cannot be tested")
        command = _UNPRIVILEGED + command
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def assert_one_line_failure(done: subprocess.CompletedProcess, *names: str, code: int = 1) -> str:
    """The run failed with exit ``code``, no traceback, and exactly one ``error:`` line on
    stderr naming each of ``names``; returns that line."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == code, (done.returncode, done.stderr)
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    others = [line for line in done.stderr.splitlines()
              if not line.startswith(("error: ", "warning: ", "note: "))]
    assert len(errors) == 1 and not others, done.stderr
    for name in names:
        assert str(name) in errors[0], (name, errors[0])
    return errors[0]


def leftovers(folder: Path, db_name: str) -> list[str]:
    """Working copies, WAL files and shard folders a run left beside the database."""
    return sorted(p.name for p in Path(folder).iterdir()
                  if p.name.startswith(f"{db_name}.tmp-") or p.name.startswith(f"{db_name}.shards-"))
