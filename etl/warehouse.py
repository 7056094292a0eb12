"""The DuckDB file: SQL files, the writer's lock, atomic publish and the dashboard's reader.

DuckDB allows one read-write process or many read-only ones per file. The ETL therefore never
writes the published file: it builds the next version in a temporary file beside it (a copy of
the current one for incremental loads) and swaps it in with ``os.replace``. Readers that opened
the old file keep reading it; new readers see the new one; nobody sees half a load.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Iterator

import duckdb

from etl.errors import EtlError

SQL_DIR = Path(__file__).resolve().parent / "sql"

#: Tables of schema.sql that the reader exposes (besides the views).
TABLES = ("meta", "runs", "run_errors", "documents", "document_parts", "articles", "indicators",
          "mentions")


def sql_text(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def sql_hash(*names: str) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update(sql_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def quote_literal(text: str) -> str:
    """A SQL string literal (DuckDB table functions do not take parameters in views)."""
    return "'" + str(text).replace("'", "''") + "'"


def corrections_query(store: Path) -> str:
    """SELECT of the corrections store's valid lines (etl/sql/corrections.sql)."""
    return sql_text("corrections.sql").replace("{store}", quote_literal(Path(store).resolve()))


def execute_script(con: duckdb.DuckDBPyConnection, script: str) -> None:
    """Run a file of ``;``-terminated statements."""
    con.execute(script)


# --- the writer side --------------------------------------------------------------------------

def temp_path(db_path: Path) -> Path:
    """A fresh temporary file beside the database (same filesystem, so os.replace is atomic)."""
    return db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def shard_dir(db_path: Path, run_id: str) -> Path:
    return db_path.with_name(f"{db_path.name}.shards-{run_id}")


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """One writer at a time per database; the lock dies with its process (kill -9 included)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db_path.with_name(f"{db_path.name}.lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise EtlError(f"{db_path}: another `python -m etl run` is writing this database; "
                           "wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_files(db_path: Path) -> list[Path]:
    """Temporary files and shard folders left by a crashed or killed run (call under the lock)."""
    removed = []
    for pattern in (f"{db_path.name}.tmp-*", f"{db_path.name}.shards-*"):
        for path in db_path.parent.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def prepare_working_copy(db_path: Path, reuse: bool) -> Path:
    """The temporary file the run writes: a copy of the published database, or a new file."""
    work = temp_path(db_path)
    if reuse and db_path.exists():
        shutil.copyfile(db_path, work)
    return work


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    execute_script(con, sql_text("schema.sql"))


#: The SQL files that define the views and the tables derived from the loaded rows.
VIEW_FILES = ("ranking.sql", "base.sql", "views.sql", "corrections.sql")


def views_hash() -> str:
    """Kept in ``meta``: a change republishes the warehouse on the next run."""
    return sql_hash(*VIEW_FILES)


def base_hash() -> str:
    """Kept in ``meta``: a reader ranks in memory when ``mentions_base`` came from other SQL."""
    return sql_hash("ranking.sql", "base.sql")


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """The writer's side: rank the loaded mentions into ``mentions_base``, then the views."""
    execute_script(con, sql_text("ranking.sql"))
    execute_script(con, sql_text("base.sql"))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('base_hash', ?)", [base_hash()])
    execute_script(con, sql_text("views.sql"))


def publish(work: Path, db_path: Path) -> None:
    """Make ``work`` the database: flush it to disk, then swap it in atomically."""
    with open(work, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(work, db_path)
    with contextlib.suppress(OSError):
        directory = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def read_meta(db_path: Path) -> dict[str, str]:
    """The published database's ``meta`` table ({} when there is no usable database)."""
    if not db_path.exists():
        return {}
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise EtlError(f"{db_path}: cannot be read as a DuckDB database ({_first_line(exc)})") from None
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# --- the reader side --------------------------------------------------------------------------

#: The reader's ``documents`` keep a ``text`` column: the document's parts put together.
_DOCUMENTS_WITH_TEXT = """
    CREATE OR REPLACE VIEW documents AS
    SELECT d.*, (SELECT string_agg(p.text, '' ORDER BY p.part_index)
                 FROM warehouse.main.document_parts p WHERE p.doc_id = d.doc_id) AS text
    FROM warehouse.main.documents d"""


#: What a snapshot reader computes once from the corrections store, in dependency order: the
#: small relations every query of ``mentions_effective`` and ``series`` would otherwise derive
#: again (parse the store, join it with a million mentions, rank the touched observations).
SNAPSHOT_VIEWS = ("corrections", "corrections_current", "mentions_with_correction",
                  "series_touched_flags")


def open_reader(db_path: Path, corrections_path: Path,
                snapshot: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection with the warehouse's tables and views, corrections live.

    The database file is attached read-only; ``corrections`` is a view over the corrections
    store itself, so ``mentions_effective`` and ``series`` reflect a correction as soon as it
    is saved (the views apply it on top of the published ``mentions_base``). Reopen when the database file's (inode, mtime) changes.

    ``snapshot=True`` reads the store once, when the reader opens, and keeps what follows from
    it (SNAPSHOT_VIEWS) in memory: each query then costs one scan of ``mentions_base``. For a
    reader reopened whenever the store changes (the dashboard's, keyed by the store's version).
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise EtlError(f"{db_path}: no such database; create it with `python -m etl run`")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {quote_literal(db_path.resolve())} AS warehouse (READ_ONLY)")
        present = {row[0] for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'warehouse'").fetchall()}
        missing = [t for t in TABLES if t not in present]
        if missing:
            raise EtlError(f"{db_path}: not a warehouse built by `python -m etl run` "
                           f"(missing tables: {', '.join(missing)})")
        for table in TABLES:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM warehouse.main.{table}")
        con.execute(_DOCUMENTS_WITH_TEXT)
        con.execute(f"CREATE VIEW corrections AS {corrections_query(corrections_path)}")
        execute_script(con, sql_text("ranking.sql"))
        current = con.execute("SELECT value FROM meta WHERE key = 'base_hash'").fetchall()
        if "mentions_base" in present and current == [(base_hash(),)]:
            con.execute("CREATE VIEW mentions_base AS SELECT * FROM warehouse.main.mentions_base")
        else:   # published by an older ETL: rank in memory (once per reader)
            execute_script(con, sql_text("base.sql"))
        execute_script(con, sql_text("views.sql"))
        if snapshot:
            for view in SNAPSHOT_VIEWS:
                con.execute(f"CREATE TEMP TABLE snapshot_{view} AS SELECT * FROM {view}")
                con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM snapshot_{view}")
    except duckdb.Error as exc:
        con.close()
        raise EtlError(f"{db_path}: cannot be opened as a warehouse ({_first_line(exc)})") from None
    except EtlError:
        con.close()
        raise
    return con
