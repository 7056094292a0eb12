"""Safe reads during a load: a real reader process never fails, a killed load changes nothing."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time

from etl.warehouse import open_reader
from warehouse_support import copy_sample, run_etl, table_rows
from etl.settings import REPO_ROOT

FIRST = "000_74212d2662a3d8db.txt"

#: A dashboard-like reader: reopen when the file's (inode, mtime) changes, query series.
SNAPSHOT = ("SELECT md5(string_agg(mention_key || ':' || is_chosen || ':' || value, ',' "
            "ORDER BY mention_key)) FROM series")
READER = f"SNAPSHOT = {SNAPSHOT!r}\n" + r"""
import json, os, sys, time
from pathlib import Path
from etl.warehouse import open_reader
db, store, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
con, version, queries, seen, reopened = None, None, 0, set(), 0
while not stop.exists():
    st = os.stat(db)
    if (st.st_ino, st.st_mtime_ns) != version:
        if con is not None:
            con.close()
            reopened += 1
        con, version = open_reader(db, store), (st.st_ino, st.st_mtime_ns)
    seen.add(con.execute(SNAPSHOT).fetchone()[0])
    queries += 1
    time.sleep(0.01)
print(json.dumps({"queries": queries, "results": sorted(seen), "reopened": reopened}))
"""


def etl_process(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "etl", *args, "--no-progress"], cwd=REPO_ROOT,
                            env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def edit_first_page(articles):
    page = articles / FIRST
    page.write_text(page.read_text(encoding="utf-8") + "\n全年接待游客32.5万人次,同比增长12%。\n",
                    encoding="utf-8")


def snapshot(db, store) -> str:
    con = open_reader(db, store)
    try:
        return con.execute(SNAPSHOT).fetchone()[0]
    finally:
        con.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_reader_process_queries_series_without_error_for_the_whole_of_a_load(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    db, store, stop = tmp_path / "w.duckdb", tmp_path / "c.jsonl", tmp_path / "stop"
    run_etl([articles], db, store)
    old = snapshot(db, store)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(store), str(stop)],
                              cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        time.sleep(0.3)
        edit_first_page(articles)
        for name in os.listdir(articles):         # every file re-extracted: a longer load
            if name != FIRST:
                (articles / name).write_bytes((articles / name).read_bytes() + b"\n")
        load = etl_process("run", str(articles), "--db", str(db), "--corrections", str(store),
                           POLICY_ETL_DELAY="0.1", POLICY_ETL_LOAD_DELAY="0.7")
        assert load.wait(timeout=120) == 0, load.stderr.read()
        time.sleep(0.3)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    report = json.loads(out)
    new = snapshot(db, store)
    assert new != old and report["reopened"] >= 1 and report["queries"] >= 20
    assert report["results"] == sorted([old, new])     # the old data or the new, nothing between


def test_a_load_killed_mid_way_leaves_the_old_data_readable_and_unchanged(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    db, store = tmp_path / "w.duckdb", tmp_path / "c.jsonl"
    run_etl([articles], db, store)
    before = digest(db)
    mentions_before = table_rows(db, "SELECT * FROM mentions ORDER BY mention_key")
    edit_first_page(articles)
    load = etl_process("run", str(articles), "--db", str(db), "--corrections", str(store),
                       POLICY_ETL_LOAD_DELAY="60")
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("w.duckdb.tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)                                   # the working copy is being written
    os.kill(load.pid, signal.SIGKILL)
    load.wait(timeout=30)
    assert list(tmp_path.glob("w.duckdb.tmp-*"))      # killed before it could publish
    assert digest(db) == before
    con = open_reader(db, store)
    assert con.execute("SELECT count(*) FROM series").fetchone()[0] > 0
    con.close()
    assert table_rows(db, "SELECT * FROM mentions ORDER BY mention_key") == mentions_before

    result = run_etl([articles], db, store)           # the next run cleans up and publishes
    assert result.published and result.stats.files_changed == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("w.duckdb.")] == ["w.duckdb.lock"]
