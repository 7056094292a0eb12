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


def test_a_db_in_a_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "published"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = etl(*run_args(folder / "w.duckdb"), unprivileged=True)
    finally:
        folder.chmod(0o755)
    line = assert_one_line_failure(done, folder)
    assert "permission denied" in line.lower()
    assert list(folder.iterdir()) == []


def test_a_db_under_a_regular_file_is_one_line(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    done = etl(*run_args(blocker / "w.duckdb"))
    line = assert_one_line_failure(done, blocker)
    assert "not a folder" in line
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("name, why", [("a\\b.duckdb", "backslash"), ("a?b.duckdb", "question mark")],
                         ids=["a backslash (DuckDB: a folder separator)",
                              "a question mark (DuckDB: options follow)"])
def test_a_db_path_duckdb_cannot_take_literally_is_one_line_and_creates_nothing(tmp_path, name, why):
    db = tmp_path / name
    done = etl(*run_args(db))
    line = assert_one_line_failure(done, db)
    assert why in line
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no lock file, no stray folder 'a'"
    assert_one_line_failure(etl("export", "--db", str(db)), db)


def test_an_input_inside_an_unreadable_folder_is_named_and_the_run_goes_on(tmp_path):
    locked = tmp_path / "locked"
    (locked / "sub").mkdir(parents=True)
    hidden = locked / "sub" / "page.txt"
    shutil.copy(SECOND, hidden)
    db = tmp_path / "w.duckdb"
    locked.chmod(0o000)
    try:
        done = etl(*run_args(db, hidden, FIRST), unprivileged=True)
    finally:
        locked.chmod(0o755)
    line = assert_one_line_failure(done, hidden)
    assert "permission denied" in line.lower()
    assert done.stdout.startswith("2 files: 1 new, 0 changed, 0 unchanged, 1 failed")
    assert table_rows(db, "SELECT name FROM documents") == [(FIRST.name,)]


def _disk_full_after(fraction: float):
    """shutil.copyfile that writes part of the file, then finds the disk full."""
    def copyfile(src, dst, *args, **kwargs):
        data = open(src, "rb").read()
        with open(dst, "wb") as handle:
            handle.write(data[:int(len(data) * fraction)])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
    return copyfile


def test_disk_full_while_copying_the_working_file_is_one_line_and_leaves_nothing(
        tmp_path, capsys, monkeypatch):
    db = tmp_path / "w.duckdb"
    assert main(run_args(db)) == 0
    published = db.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr(shutil, "copyfile", _disk_full_after(0.5))
    code = main(run_args(db, FIRST, SECOND))
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [
        f"error: {db}: cannot make a working copy of the database (No space left on device); "
        "nothing was published"]
    assert db.read_bytes() == published
    assert leftovers(tmp_path, db.name) == [], "the partial copy is removed"


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare to mount a small filesystem")
def test_a_really_full_filesystem_keeps_the_published_database(tmp_path):
    """The same on a real 'disk': a tmpfs too small for a second copy of the database, mounted
    in a private mount namespace (root only; skipped elsewhere)."""
    db = tmp_path / "w.duckdb"
    assert etl(*run_args(db)).returncode == 0
    size = db.stat().st_size
    small = tmp_path / "small"
    small.mkdir()
    command = shlex.join([sys.executable, "-m", "etl", *run_args(small / "w.duckdb", FIRST, SECOND)])
    script = (f"mount -t tmpfs -o size={int(size * 1.4)} tmpfs {small} && cp {db} {small}/w.duckdb "
              f"&& {command}; echo rc=$?; cmp -s {db} {small}/w.duckdb && echo unchanged; "
              f"ls -a {small}")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          timeout=300, cwd=os.getcwd())
    if "mount:" in done.stderr or "unshare:" in done.stderr:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip()[:200]}")
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "No space left on device" in errors[0], done.stderr
    assert "rc=1" in done.stdout and "unchanged" in done.stdout
    listed = done.stdout.split("unchanged", 1)[1].split()
    assert sorted(listed) == [".", "..", "w.duckdb", "w.duckdb.lock"], "nothing half-written left"


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


# --- every failure path of the command line: one line and an exit code -------------------------

def _locked(tmp_path):
    """The database locked by another writer (this test process holds the lock)."""
    import fcntl
    db = tmp_path / "w.duckdb"
    handle = open(db.with_name("w.duckdb.lock"), "a+")
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _locked.handle = handle                 # kept open until the next test replaces it
    return ["run", str(FIRST), "--db", str(db), "--no-progress"]


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _published(tmp_path):
    db = tmp_path / "w.duckdb"
    if not db.exists():
        assert main(run_args(db)) == 0
    return db


def _read_only(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o555)
    return folder


#: (id, arguments made from tmp_path, text the error line holds, exit code, unprivileged)
FAILURES = [
    ("run: a manifest that does not exist",
     lambda d: ["run", str(FIRST), "--db", str(d / "w.duckdb"), "--manifest", str(d / "m.csv")],
     "manifest not found", 2, False),
    ("run: a manifest without its header",
     lambda d: ["run", str(FIRST), "--db", str(d / "w.duckdb"),
                "--manifest", str(_write(d / "m.csv", b"x.txt,2025-01-01\n"))], "m.csv", 2, False),
    ("run: no worker", lambda d: ["run", str(FIRST), "--db", str(d / "w.duckdb"), "--workers", "0"],
     "--workers must be at least 1", 1, False),
    ("run: a Dask scheduler that does not answer",
     lambda d: ["run", str(FIRST), "--db", str(d / "w.duckdb"), "--dask", "tcp://127.0.0.1:9"],
     "cannot reach the Dask scheduler", 1, False),
    ("run: a database another run is writing", _locked, "another `python -m etl run`", 1, False),
    ("run: a database path that is a folder",
     lambda d: ["run", str(FIRST), "--db", str(d)], "is a folder", 1, False),
    ("extract: a file that does not exist",
     lambda d: ["extract", str(d / "none.txt")], "no such file", 1, False),
    ("extract: a folder", lambda d: ["extract", str(d)], "is a folder", 1, False),
    ("extract: binary data", lambda d: ["extract", str(_write(d / "x.txt", bytes(range(256)) * 8))],
     "binary data", 1, False),
    ("eval: no gold folder", lambda d: ["eval", "--gold", str(d / "none")], "not a folder", 1, False),
    ("eval: an empty gold folder", lambda d: ["eval", "--gold", str(d)], "no gold", 1, False),
    ("eval: a gold file that is not JSON",
     lambda d: ["eval", "--gold", str(_write(d / "g" / "a.jsonl", b"{bad\n").parent)],
     "not valid JSON", 1, False),
    ("export: no database", lambda d: ["export", "--db", str(d / "none.duckdb")],
     "no such database", 1, False),
    ("export: a file that is not a database",
     lambda d: ["export", "--db", str(_write(d / "x.duckdb", b"text"))],
     "cannot be opened as a warehouse", 1, False),
    ("export: Parquet without --out",
     lambda d: ["export", "--db", str(_published(d)), "--format", "parquet"], "needs --out", 1, False),
    ("export: Parquet into a folder holding other files",
     lambda d: ["export", "--db", str(_published(d)), "--format", "parquet",
                "--out", str(_write(d / "out" / "notes.txt", b"x").parent)], "not empty", 1, False),
    ("export: CSV into a read-only folder",
     lambda d: ["export", "--db", str(_published(d)), "--out", str(_read_only(d) / "x.csv")],
     "Permission denied", 1, True),
    ("export: Parquet into a read-only folder",
     lambda d: ["export", "--db", str(_published(d)), "--format", "parquet",
                "--out", str(_read_only(d) / "p")], "Permission denied", 1, True),
    ("bench: no rows", lambda d: ["bench", "--dashboard", "--rows", "0"], "--rows", 1, False),
]


@pytest.mark.parametrize("make, text, code, unprivileged", [f[1:] for f in FAILURES],
                         ids=[f[0] for f in FAILURES])
def test_every_failure_of_the_command_line_is_one_line_and_an_exit_code(
        tmp_path, make, text, code, unprivileged):
    args = make(tmp_path)
    try:
        done = etl(*args, env={"POLICY_DASK_TIMEOUT": "1"}, unprivileged=unprivileged)
    finally:
        if (tmp_path / "ro").exists():
            (tmp_path / "ro").chmod(0o755)
    line = assert_one_line_failure(done, code=code)
    assert text in line
    assert "internal error" not in line, "every failure has its own message"


@pytest.mark.parametrize("args", [["run", "--published-on", "2025-13-01"],
                                  ["export", "--year-from", "abc"], ["nonsense"]],
                         ids=["a date that does not exist", "a year that is no number",
                              "an unknown command"])
def test_a_usage_error_ends_in_the_line_that_names_it_with_exit_2(args):
    done = etl(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("python -m etl")
    assert ": error: " in done.stderr.strip().splitlines()[-1]


def test_an_unexpected_error_is_one_line_and_its_traceback_comes_on_request(
        tmp_path, capsys, monkeypatch):
    import etl.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(etl.pipeline, "run", broken)
    assert main(run_args(tmp_path / "w.duckdb")) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: internal error, please report it (RuntimeError: something nobody foresaw); "
        "set POLICY_ETL_TRACEBACK=1 for the traceback"]
    monkeypatch.setenv("POLICY_ETL_TRACEBACK", "1")
    with pytest.raises(RuntimeError):
        main(run_args(tmp_path / "w.duckdb"))
