"""Records -> DuckDB: replace-per-document loads from Parquet shards, tagged with the run id.

Works on the run's private working copy (see etl.warehouse), so each statement commits on its
own: DuckDB refuses to delete a row and the rows referencing it in one transaction.
"""
from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from etl.models import RunStats, TOPICS
from etl.warehouse import load_corrections

#: Columns of each table filled from shards (run_id is added by the load).
_COLUMNS = {
    "documents": ("doc_id", "path", "name", "encoding", "format", "published_on",
                  "published_on_source", "url", "source", "extractor_version", "options_key"),
    "document_parts": ("doc_id", "part_index", "span_start", "text"),
    "articles": ("doc_id", "article_index", "headline", "byline", "span_start", "span_end"),
    "mentions": ("mention_key", "doc_id", "article_index", "doc", "span_start", "span_end", "text",
                 "value", "unit", "qualifier", "measure", "period", "year", "indicator",
                 "indicator_en", "indicator_id", "subject", "subject_adcode", "topic", "context", "confidence",
                 "extractor_version"),
}
#: Rows are inserted sorted (queries read fewer row groups); a document's parts, long texts,
#: come in order already and are not sorted again.
_ORDER = {"documents": "doc_id", "document_parts": None, "articles": "doc_id, article_index",
          "mentions": "doc_id, span_start, span_end"}


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, started_at: datetime,
              extractor_version: str, workers: str) -> None:
    con.execute("INSERT INTO runs (run_id, started_at, extractor_version, workers) VALUES (?, ?, ?, ?)",
                [run_id, started_at, extractor_version, workers])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, stats: RunStats) -> None:
    con.execute(
        """UPDATE runs SET finished_at = ?, files_seen = ?, files_new = ?, files_changed = ?,
               files_unchanged = ?, files_failed = ?, files_pruned = ?, articles = ?, mentions = ?,
               seconds = ? WHERE run_id = ?""",
        [utc_now(), stats.files_seen, stats.files_new, stats.files_changed, stats.files_unchanged,
         stats.files_failed, stats.files_pruned, stats.articles, stats.mentions,
         round(stats.seconds, 3), run_id])


def record_errors(con: duckdb.DuckDBPyConnection, run_id: str,
                  errors: list[tuple[str, str, str]]) -> None:
    """errors: (path, stage, message)."""
    if errors:
        con.executemany("INSERT INTO run_errors VALUES (?, ?, ?, ?)",
                        [[run_id, path, stage, message] for path, stage, message in errors])


def delete_documents(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> None:
    """Remove documents with their articles and mentions (children first, one commit each)."""
    if not doc_ids:
        return
    ids = sorted(doc_ids)
    for table in ("mentions", "articles", "document_parts", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])


def move_documents(con: duckdb.DuckDBPyConnection, moved: dict[str, str]) -> None:
    """Files whose bytes are loaded already but now live elsewhere: {doc_id: new path}."""
    for doc_id, path in sorted(moved.items()):
        con.execute("UPDATE documents SET path = ? WHERE doc_id = ?", [path, doc_id])


def load_shards(con: duckdb.DuckDBPyConnection, shard_dir: Path, run_id: str) -> tuple[int, int]:
    """Insert the shards' rows; (articles, mentions) loaded. Mention keys hash the document's
    content and the span, so the rows of two different documents never share a key."""
    counts = {}
    for table in ("documents", "document_parts", "articles", "mentions"):
        if not _shards(shard_dir, table):
            counts[table] = 0
            continue
        columns = ", ".join(_COLUMNS[table])
        order = f"ORDER BY {_ORDER[table]}" if _ORDER[table] else ""
        before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        batches = _batches(shard_dir, table)
        for files in batches:
            con.execute(
                f"""INSERT INTO {table} ({columns}, run_id)
                    SELECT {columns}, ? FROM read_parquet(?::VARCHAR[]) {order}""", [run_id, files])
            if len(batches) > 1:
                con.execute("CHECKPOINT")        # written out: the next batch finds the memory free
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] - before
    return counts["articles"], counts["mentions"]


#: Bytes of Parquet of document text inserted in one statement: DuckDB holds what a statement
#: inserts in memory until it commits, so a long text goes in a few megabytes at a time.
PARTS_BATCH_BYTES = 8_000_000


def _batches(shard_dir: Path, table: str) -> list[list[str]]:
    """The shard files of a table, grouped into the statements that insert them: all at once,
    but document parts in batches of about PARTS_BATCH_BYTES."""
    files = _shards(shard_dir, table)
    if table != "document_parts":
        return [[str(f) for f in files]]
    batches, size = [[]], 0
    for path in files:
        meta = pq.ParquetFile(path).metadata
        text_bytes = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        if batches[-1] and size + text_bytes > PARTS_BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(str(path))
        size += text_bytes
    return batches


def _shards(shard_dir: Path, table: str) -> list[Path]:
    return sorted(p for p in Path(shard_dir).iterdir()
                  if p.name.startswith(f"{table}-") and p.name.endswith(".parquet"))


def copy_corrections(con: duckdb.DuckDBPyConnection, store: Path) -> list[str]:
    """Replace the corrections table with the store's valid lines (a reader applies the store as
    it is when it opens); one warning per line skipped."""
    return load_corrections(con, store)


def read_catalogue(path: Path) -> tuple[list[tuple], list[str]]:
    """Rows of the indicator catalogue CSV (id,name_zh,name_en,aliases,unit,topic) and warnings."""
    rows, warnings, ids, names = [], [], set(), set()
    if not path.exists():
        return rows, warnings
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line_no, record in enumerate(csv.DictReader(handle), start=2):
            ident = (record.get("id") or record.get("indicator_id") or "").strip()
            name = (record.get("name_zh") or "").strip()
            topic = (record.get("topic") or "").strip()
            if not ident or not name or ident in ids or name in names or topic not in TOPICS:
                warnings.append(f"{path}:{line_no}: indicator row skipped (empty, duplicate "
                                f"id or name, or unknown topic)")
                continue
            ids.add(ident)
            names.add(name)
            aliases = [a.strip() for a in (record.get("aliases") or "").split("|") if a.strip()]
            rows.append((ident, name, (record.get("name_en") or "").strip(),
                         (record.get("unit") or "").strip(), topic, aliases))
    return rows, warnings


def load_catalogue(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """Replace the indicators table with the catalogue file (left empty when there is none)."""
    rows, warnings = read_catalogue(path)
    con.execute("DELETE FROM indicators")
    if rows:
        names = ("indicator_id", "name_zh", "name_en", "unit", "topic", "aliases")
        table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
        con.register("catalogue_rows", table)
        con.execute("INSERT INTO indicators SELECT * FROM catalogue_rows")
        con.unregister("catalogue_rows")
    return warnings


def set_meta(con: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    con.execute("INSERT OR REPLACE INTO meta SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                [list(values), list(values.values())])
