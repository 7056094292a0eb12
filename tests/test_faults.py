"""Fault injection: a run killed, interrupted or failing at every stage loses and corrupts nothing.

The faults are real: a real ``python -m etl run`` stopped at a named stage (``etl/faults.py``)
and killed with SIGKILL or SIGINT, or made to meet an ``OSError`` there (a full disk, a folder
turned read-only, an I/O error). After each, the published database is byte for byte what it
was, a reader still reads it, the failure is one line, and the next run cleans up and loads.
"""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest

from cli_support import assert_one_line_failure, etl, leftovers
from etl.faults import STAGES
from etl.settings import REPO_ROOT
from etl.warehouse import open_reader
from warehouse_support import SAMPLE, run_etl, table_rows

FIRST = SAMPLE / "000_74212d2662a3d8db.txt"
SECOND = SAMPLE / "001_0afe12775af9bc51.txt"


@pytest.fixture()
def published(tmp_path):
    """A warehouse published from FIRST; the faulty run adds SECOND."""
    db = tmp_path / "w.duckdb"
    run_etl([FIRST], db)
    return db


def run_args(db) -> list[str]:
    return ["run", str(FIRST), str(SECOND), "--db", str(db), "--no-progress",
            "--corrections", str(db.with_name("c.jsonl"))]


def paused_at(stage: str, db) -> subprocess.Popen:
    """A run stopped at ``stage``: returns once it says so (or fails the test)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", *run_args(db)], cwd=REPO_ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "POLICY_ETL_FAULT": f"pause@{stage}"},
        # a suite started in the background inherits an ignored SIGINT, which Python keeps
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 1)
        if ready:
            line = process.stderr.readline()
            if line.strip() == f"paused at {stage}":
                return process
            if not line:
                break
    process.kill()
    pytest.fail(f"the run never reached {stage}: {process.communicate()}")


def reader_counts(db) -> tuple:
    con = open_reader(db, db.with_name("c.jsonl"))
    try:
        return con.execute("SELECT (SELECT count(*) FROM documents), "
                           "(SELECT count(*) FROM mentions_effective), "
                           "(SELECT count(*) FROM series)").fetchall()[0]
    finally:
        con.close()


def assert_next_run_recovers(db) -> None:
    result = run_etl([FIRST, SECOND], db)
    assert result.published and not result.errors
    assert (result.stats.files_new, result.stats.files_unchanged) == (1, 1)
    assert leftovers(db.parent, db.name) == [], "the killed run's working files are gone"
    assert table_rows(db, "SELECT count(*) FROM documents") == [(2,)]


@pytest.mark.parametrize("stage", STAGES)
def test_a_run_killed_at_each_stage_leaves_the_published_database_as_it_was(published, stage):
    db = published
    before, counts = db.read_bytes(), reader_counts(db)
    process = paused_at(stage, db)
    try:
        assert reader_counts(db) == counts, "a reader meanwhile sees the published database"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
    assert db.read_bytes() == before
    assert reader_counts(db) == counts
    assert_next_run_recovers(db)


@pytest.mark.parametrize("stage", ["extract", "load", "publish"])
def test_a_run_interrupted_at_a_stage_says_so_in_one_line(published, stage):
    db = published
    before = db.read_bytes()
    process = paused_at(stage, db)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in err, err
    assert err.strip().splitlines() == ["interrupted; the published database is unchanged"]
    assert db.read_bytes() == before
    assert leftovers(db.parent, db.name) == [], "an interrupted run removes its working files"
    assert_next_run_recovers(db)


@pytest.mark.parametrize("fault, stage", [
    ("EACCES", "lock"), ("ENOSPC", "shard"), ("ENOSPC", "copy"), ("EIO", "load"),
    ("ENOSPC", "views"), ("EROFS", "publish")],
    ids=["permission denied with the lock taken", "disk full writing a shard",
         "disk full copying the database", "an I/O error after the load",
         "disk full building the views", "the folder turned read-only before the swap"])
def test_an_error_of_the_filesystem_at_each_stage_is_one_line_and_changes_nothing(
        published, fault, stage):
    db = published
    before = db.read_bytes()
    done = etl(*run_args(db), env={"POLICY_ETL_FAULT": f"{fault}@{stage}"})
    line = assert_one_line_failure(done, db)
    assert os.strerror(getattr(__import__("errno"), fault)) in line
    assert db.read_bytes() == before
    assert leftovers(db.parent, db.name) == [], "no half-written file is left behind"
    assert_next_run_recovers(db)


def test_a_first_run_killed_before_publishing_leaves_no_database(tmp_path):
    db = tmp_path / "w.duckdb"
    process = paused_at("views", db)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert not db.exists(), "no half-built warehouse takes the published file's place"
    result = run_etl([FIRST, SECOND], db)
    assert result.published and result.stats.files_new == 2
    assert leftovers(tmp_path, db.name) == []
