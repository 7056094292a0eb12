"""Scale-out: a local process pool and a real Dask cluster give exactly the rows of a single run."""
from __future__ import annotations

import logging

import pytest

from warehouse_support import SAMPLE, run_etl, table_rows

#: Every column the extraction produces (run_id differs from run to run by design).
ROWS = {
    "documents": "SELECT * EXCLUDE (run_id, path) FROM documents ORDER BY doc_id",
    "articles": "SELECT * EXCLUDE (run_id) FROM articles ORDER BY doc_id, article_index",
    "mentions": "SELECT * EXCLUDE (run_id) FROM mentions ORDER BY mention_key",
}


def rows(db) -> dict:
    return {table: table_rows(db, sql) for table, sql in ROWS.items()}


def single_and_spread(tmp_path, **options) -> tuple[dict, dict]:
    """Rows of a single-process run and of a spread run, made back to back with the same
    extractor (if the extraction code changes between the two, both are made again)."""
    for attempt in range(2):
        single, spread = tmp_path / f"single{attempt}.duckdb", tmp_path / f"spread{attempt}.duckdb"
        run_etl([SAMPLE], single)
        result = run_etl([SAMPLE], spread, **options)
        assert result.stats.files_new == 5 and not result.errors
        versions = table_rows(single, "SELECT extractor_version FROM runs") + table_rows(
            spread, "SELECT extractor_version FROM runs")
        if len(set(versions)) == 1:
            break
    return rows(single), rows(spread)


def test_two_local_worker_processes_load_the_same_rows_as_one(tmp_path):
    single, spread = single_and_spread(tmp_path, workers=2)
    assert single["mentions"] and spread == single


def test_a_dask_cluster_of_two_worker_processes_loads_the_same_rows_as_one(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        single, spread = single_and_spread(tmp_path, dask=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            workers_used = len(client.scheduler_info()["workers"])
    assert single["mentions"] and spread == single and workers_used == 2
