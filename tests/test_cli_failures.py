"""Where the operator's environment fails: every failure is one line and an exit code.

Each test runs the real command line (``python -m etl`` in a subprocess, or ``cli.main``) and
checks that the message names the file and the problem, that there is no traceback, and that
nothing already published is lost or left half-written.
"""
from __future__ import annotations

import errno
import os
import shlex
import shutil
import subprocess
import sys

import pytest

from cli_support import assert_one_line_failure, etl, leftovers
from etl.cli import main
from warehouse_support import SAMPLE, table_rows

FIRST = SAMPLE / "000_74212d2662a3d8db.txt"
SECOND = SAMPLE / "001_0afe12775af9bc51.txt"


def run_args(db, *paths) -> list[str]:
    return ["run", *map(str, paths or [FIRST]), "--db", str(db), "--no-progress",
            "--corrections", str(db.with_name("c.jsonl"))]


@pytest.mark.parametrize("folder, name", [
    ("a[1]", "w.duckdb"), ("plain", "w[1].duckdb"), ("star*", "w*.duckdb"),
    ("[x]", "[y].duckdb")],
    ids=["brackets in the folder", "brackets in the file name", "glob characters in the folder",
         "brackets in both"])
def test_a_db_path_with_glob_characters_loads_and_cleans_up(tmp_path, folder, name):
    db = tmp_path / folder / name
    db.parent.mkdir()
    stale = db.with_name(f"{db.name}.tmp-1-deadbeef")
    stale.write_bytes(b"left by a killed run")
    done = etl(*run_args(db, FIRST))
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stdout
    assert table_rows(db, "SELECT count(*) FROM mentions")[0][0] > 0
    assert leftovers(db.parent, db.name) == [], "the stale working file is removed"
    again = etl(*run_args(db, FIRST, SECOND))
    assert again.returncode == 0 and "1 new" in again.stdout and "1 unchanged" in again.stdout
