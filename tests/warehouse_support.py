"""Helpers shared by the warehouse tests: runs on copies of the sample, small hand-made warehouses."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb

from etl import warehouse
from etl.pipeline import RunOptions, RunResult, run
from etl.settings import REPO_ROOT

SAMPLE = REPO_ROOT / "data" / "articles"


def copy_sample(folder: Path) -> Path:
    """The sample articles copied into ``folder`` (tests may edit or delete the copies)."""
    shutil.copytree(SAMPLE, folder)
    return folder


def run_etl(paths: list[Path], db: Path, corrections: Path | None = None, **options) -> RunResult:
    corrections = corrections or db.with_name("corrections.jsonl")
    return run(RunOptions(paths=list(paths), db_path=db, corrections_path=corrections,
                          progress=False, **options))


def table_rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


#: A mention row's defaults; tests give only what matters to them.
MENTION_DEFAULTS = dict(
    article_index=0, text="1", unit="元", qualifier="exact", measure="level", period=None,
    year=2025, indicator="规上工业总产值", indicator_en="industrial output", indicator_id=None,
    subject="钱塘区", topic="industry", context="", confidence=1.0)


def build_warehouse(db: Path, documents: dict[str, date | None], mentions: list[dict]) -> None:
    """A warehouse holding exactly these documents ({name: published_on}) and mentions.

    Each mention needs ``key``, ``doc`` (a name of ``documents``), ``start`` and ``value``.
    """
    con = duckdb.connect(str(db))
    try:
        warehouse.apply_schema(con)
        con.execute("INSERT INTO runs (run_id, started_at, extractor_version) "
                    "VALUES ('r1', now()::TIMESTAMP, 'test')")
        for name, published_on in documents.items():
            con.execute("INSERT INTO documents VALUES (?, ?, ?, 'utf-8', 'text', ?, 'masthead', "
                        "NULL, NULL, 'test', '', 'r1')",
                        [doc_id(name), f"/corpus/{name}", name, published_on])
            con.execute("INSERT INTO document_parts VALUES (?, 0, 0, ?, 'r1')",
                        [doc_id(name), "x" * 1000])
            con.execute("INSERT INTO articles VALUES (?, 0, ?, NULL, 0, 1000, 'r1')",
                        [doc_id(name), f"headline of {name}"])
        for m in mentions:
            row = {**MENTION_DEFAULTS, **m}
            text = row["text"]
            con.execute(
                """INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                                                ?, ?, ?, ?, 'test', 'r1')""",
                [row["key"], doc_id(row["doc"]), row["article_index"], row["doc"], row["start"],
                 row["start"] + len(text), text, row["value"], row["unit"], row["qualifier"],
                 row["measure"], row["period"], row["year"], row["indicator"], row["indicator_en"],
                 row["indicator_id"], row["subject"], row.get("subject_adcode"), row["topic"], row["context"],
                 row["confidence"]])
        warehouse.apply_views(con)
    finally:
        con.close()


def doc_id(name: str) -> str:
    import hashlib
    return hashlib.sha256(name.encode()).hexdigest()
