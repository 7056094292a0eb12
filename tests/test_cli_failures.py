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
