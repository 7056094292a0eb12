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

from etl import faults
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


def execute_script(con: duckdb.DuckDBPyConnection, script: str) -> None:
    """Run a file of ``;``-terminated statements."""
    con.execute(script)


# --- the writer side --------------------------------------------------------------------------

def temp_path(db_path: Path) -> Path:
    """A fresh temporary file beside the database (same filesystem, so os.replace is atomic)."""
    return db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def shard_dir(db_path: Path, run_id: str) -> Path:
    return db_path.with_name(f"{db_path.name}.shards-{run_id}")


#: Characters DuckDB does not take literally in a database path.
_NOT_LITERAL = {"\\": "a backslash, which DuckDB reads as a folder separator",
                "?": "a question mark, after which DuckDB reads options, not a file name"}


def check_db_path(db_path: Path) -> None:
    """Refuse, in one line, a database path DuckDB cannot use or a folder that is a file."""
    for char, why in _NOT_LITERAL.items():
        if char in str(db_path):
            raise EtlError(f"{db_path}: the path holds {why}; choose a path without it")
    try:
        if db_path.is_dir():
            raise EtlError(f"{db_path}: is a folder, not a database file")
        for folder in (db_path.parent, *db_path.parent.parents):
            if folder.exists():
                if not folder.is_dir():
                    raise EtlError(f"{db_path}: {folder} is a file, not a folder")
                break
    except OSError as exc:
        raise EtlError(f"{db_path}: cannot be reached ({exc.strerror or exc})") from None


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """One writer at a time per database; the lock dies with its process (kill -9 included)."""
    check_db_path(db_path)
    lock_path = db_path.with_name(f"{db_path.name}.lock")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")
    except OSError as exc:
        raise EtlError(f"{db_path}: cannot write in {db_path.parent} ({exc.strerror or exc}); the "
                       "ETL writes its lock file and working copy beside the database") from None
    with handle:
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
    """Temporary files (with their WAL) and shard folders left by a crashed or killed run (call
    under the lock). Names are compared as text: a database named ``w[1].duckdb`` is no pattern."""
    removed = []
    prefixes = (f"{db_path.name}.tmp-", f"{db_path.name}.shards-")
    try:
        faults.checkpoint("lock", db_path)
        with os.scandir(db_path.parent) as entries:
            stale = [Path(e.path) for e in entries if e.name.startswith(prefixes)]
        for path in sorted(stale):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    except OSError as exc:
        raise EtlError(f"{db_path}: cannot remove the files an earlier run left beside it "
                       f"({exc.strerror or exc}); nothing was published") from None
    return removed


def prepare_working_copy(db_path: Path, reuse: bool) -> Path:
    """The temporary file the run writes: a copy of the published database, or a new file.
    A copy that fails (disk full ...) is removed and reported in one line."""
    work = temp_path(db_path)
    if reuse and db_path.exists():
        try:
            shutil.copyfile(db_path, work)
            faults.checkpoint("copy", work)
        except OSError as exc:
            work.unlink(missing_ok=True)
            raise EtlError(f"{db_path}: cannot make a working copy of the database "
                           f"({exc.strerror or exc}); nothing was published") from None
    return work


def remove_working_copy(work: Path) -> None:
    """The working copy and the write-ahead log DuckDB may have left beside it."""
    for path in (work, work.with_name(f"{work.name}.wal")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    execute_script(con, sql_text("schema.sql"))


#: The SQL files that define the views and the tables derived from the loaded rows.
VIEW_FILES = ("ranking.sql", "base.sql", "views.sql")


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
    faults.checkpoint("publish", db_path)
    os.replace(work, db_path)
    with contextlib.suppress(OSError):
        directory = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def read_meta(db_path: Path) -> dict[str, str]:
    """The published database's ``meta`` table ({} when there is no database yet).

    A file that is there but cannot be read as a warehouse raises: it is never replaced by a
    new warehouse built from the files of one run."""
    from etl.upgrade import refused

    if not db_path.exists():
        return {}
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise refused(db_path, f"cannot be read as a DuckDB database ({_first_line(exc)})") from None
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        block_size, blocks = con.execute(
            "SELECT block_size, total_blocks FROM pragma_database_size()").fetchone()
    except duckdb.Error as exc:
        raise refused(db_path, f"its meta table cannot be read ({_first_line(exc)}): damaged, "
                               "or not a warehouse of `python -m etl run`") from None
    finally:
        con.close()
    size = db_path.stat().st_size
    if size < block_size * blocks:      # its tables would fail half-way through a run
        raise refused(db_path, f"cannot be read: the file has {size:,} bytes where its header "
                               f"lists {blocks:,} blocks of {block_size:,} (cut short?)")
    if not meta.get("schema_hash"):
        raise refused(db_path, "its meta table has no schema_hash: damaged, or not a warehouse "
                               "of `python -m etl run`")
    return meta


def load_corrections(con: duckdb.DuckDBPyConnection, store: Path) -> list[str]:
    """Fill ``corrections`` (created when missing) with the store's valid lines, a key of an
    earlier derivation replaced by its alias (``key_aliases``, in warehouses that have it); the
    warnings name each line skipped (``file:line: problem``)."""
    from etl.corrections import corrections_table, read_corrections

    kept, warnings = read_corrections(Path(store))
    aliases = "key_aliases" if con.execute(
        "SELECT count(*) FROM (SELECT table_name AS name, database_name FROM duckdb_tables() "
        "UNION ALL SELECT view_name, database_name FROM duckdb_views()) "
        "WHERE name = 'key_aliases' AND database_name = current_database()").fetchall()[0][0] else None
    con.register("corrections_store", corrections_table(kept))
    try:
        con.execute("CREATE TABLE IF NOT EXISTS corrections AS SELECT * FROM corrections_store LIMIT 0")
        con.execute("DELETE FROM corrections")
        if aliases:
            con.execute(f"""INSERT INTO corrections
                            SELECT s.* REPLACE (coalesce(a.mention_key, s.mention_key) AS mention_key)
                            FROM corrections_store s LEFT JOIN {aliases} a ON a.old_key = s.mention_key""")
        else:
            con.execute("INSERT INTO corrections SELECT * FROM corrections_store")
    finally:
        con.unregister("corrections_store")
    return warnings


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# --- the reader side --------------------------------------------------------------------------

#: The reader's ``documents`` keep a ``text`` column: the document's parts put together.
_DOCUMENTS_WITH_TEXT = """
    CREATE OR REPLACE VIEW documents AS
    SELECT d.*, (SELECT string_agg(p.text, '' ORDER BY p.part_index)
                 FROM warehouse.main.document_parts p WHERE p.doc_id = d.doc_id) AS text
    FROM warehouse.main.documents d"""


#: What a snapshot reader computes once, in dependency order: the small relations every query of
#: ``mentions_effective`` and ``series`` would otherwise derive again (join the corrections with
#: a million mentions, rank the touched observations).
SNAPSHOT_VIEWS = ("corrections_current", "mentions_with_correction", "series_touched_flags")


def open_reader(db_path: Path, corrections_path: Path,
                snapshot: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection with the warehouse's tables and views, corrections applied.

    The database file is attached read-only; ``corrections`` holds the valid lines of the
    corrections store as it is when the reader opens (read by ``etl.corrections``, the store's
    one parser), and the views apply them on top of the published ``mentions_base``. Reopen
    when the database file or the store changes (the dashboard keys its reader on both).

    ``snapshot=True`` also keeps what follows from the corrections (SNAPSHOT_VIEWS) in memory:
    each query then costs one scan of ``mentions_base``.
    """
    db_path = Path(db_path)
    check_db_path(db_path)
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
        if "key_aliases" in present:    # mention keys of an earlier derivation
            con.execute("CREATE VIEW key_aliases AS SELECT * FROM warehouse.main.key_aliases")
        con.execute(_DOCUMENTS_WITH_TEXT)
        load_corrections(con, corrections_path)
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
