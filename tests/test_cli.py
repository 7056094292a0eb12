"""`python -m etl run` and `export` from the command line: exit codes, one-line messages."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from etl.cli import main
from etl.settings import REPO_ROOT
from warehouse_support import SAMPLE, run_etl, table_rows

FIRST = SAMPLE / "000_74212d2662a3d8db.txt"


def etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})})


def test_run_loads_the_sample_and_prints_one_summary_line(tmp_path):
    db = tmp_path / "w.duckdb"
    done = etl("run", str(SAMPLE), "--db", str(db), "--corrections", str(tmp_path / "c.jsonl"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("5 files: 5 new, 0 changed, 0 unchanged, 0 failed")
    assert "mentions loaded in" in lines[0] and "Traceback" not in done.stderr
    again = etl("run", str(SAMPLE), "--db", str(db), "--no-progress",
                "--corrections", str(tmp_path / "c.jsonl"))
    assert again.returncode == 0 and "5 unchanged" in again.stdout and "nothing changed" in again.stdout
    assert again.stderr == ""          # no progress bar asked, nothing went wrong


def test_a_file_of_random_bytes_is_named_with_the_reason_and_the_run_exits_1(tmp_path):
    junk = tmp_path / "scan.txt"
    junk.write_bytes(os.urandom(4096))
    db = tmp_path / "w.duckdb"
    done = etl("run", str(junk), str(FIRST), "--db", str(db), "--no-progress",
               "--corrections", str(tmp_path / "c.jsonl"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {junk}: ")
    assert "1 new" in done.stdout and "1 failed" in done.stdout
    assert table_rows(db, "SELECT count(*) FROM documents") == [(1,)]
    assert table_rows(db, "SELECT stage FROM run_errors WHERE path = ?", [str(junk)]) == [("ingest",)]


def test_a_missing_path_is_reported_and_the_rest_of_the_run_goes_on(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    missing = tmp_path / "nowhere" / "page.txt"
    code = main(["run", str(missing), str(FIRST), "--db", str(db), "--no-progress",
                 "--corrections", str(tmp_path / "c.jsonl")])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"error: {missing}: no such file or folder" in err.splitlines()
    assert out.startswith("2 files: 1 new, 0 changed, 0 unchanged, 1 failed")
    assert table_rows(db, "SELECT path, stage FROM run_errors") == [(str(missing), "ingest")]


def test_workers_below_one_is_a_usage_error(tmp_path, capsys):
    code = main(["run", str(FIRST), "--db", str(tmp_path / "w.duckdb"), "--workers", "0"])
    assert code == 1 and "--workers must be at least 1" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()


def test_an_unreachable_dask_scheduler_is_one_line_and_publishes_nothing(tmp_path, capsys,
                                                                        monkeypatch):
    monkeypatch.setenv("POLICY_DASK_TIMEOUT", "1")
    code = main(["run", str(FIRST), "--db", str(tmp_path / "w.duckdb"), "--no-progress",
                 "--dask", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert not (tmp_path / "w.duckdb").exists()


def test_export_without_a_database_names_the_file_and_the_command_that_creates_it(tmp_path):
    done = etl("export", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (f"error: {tmp_path / 'none.duckdb'}: no such database; "
                                   "create it with `python -m etl run`")


def test_export_of_a_file_that_is_not_a_database_is_one_line(tmp_path, capsys):
    fake = tmp_path / "fake.duckdb"
    fake.write_text("not a database")
    code = main(["export", "--db", str(fake)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"error: {fake}: cannot be opened as a warehouse")


def test_export_writes_csv_to_stdout_and_parquet_to_a_folder(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    run_etl([SAMPLE], db)
    done = subprocess.run([sys.executable, "-m", "etl", "export", "--what", "series", "--db", str(db),
                           "--year-from", "2025"], cwd=REPO_ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith(b"\xef\xbb\xbfindicator,")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    assert rows and all(int(row["year"]) >= 2025 for row in rows)
    out = tmp_path / "mentions"
    assert main(["export", "--format", "parquet", "--db", str(db), "--out", str(out)]) == 0
    assert capsys.readouterr().err.endswith(f"mentions rows written to {out}\n")
    assert any(out.glob("year=*/*.parquet"))


def test_run_names_each_bad_line_of_the_corrections_store_with_file_and_line(tmp_path):
    store = tmp_path / "c.jsonl"
    store.write_bytes(b'\xef\xbb\xbf{"mention_key": "k1", "action": "reject"}\n'
                      b'{"mention_key": "k2", "action": "override", "fields": {"value": 1e400}}\n'
                      b'{"mention_key": "k3", "action": "reject", "action": "restore"}\n')
    db = tmp_path / "w.duckdb"
    for attempt in ("first run", "run that changes nothing"):
        done = etl("run", str(FIRST), "--db", str(db), "--no-progress", "--corrections", str(store))
        assert done.returncode == 0 and "Traceback" not in done.stderr, attempt
        assert done.stderr.splitlines() == [
            f"warning: {store}:2: value is not a finite number; line skipped",
            f"warning: {store}:3: key 'action' given twice; line skipped"], attempt
    assert table_rows(db, "SELECT line_no, mention_key FROM corrections") == [(1, "k1")]
