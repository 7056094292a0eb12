"""A published warehouse of another schema: read what it knew, so the rebuild loses nothing.

When ``schema.sql`` changes (an upgrade), the old file cannot be copied and loaded into: the run
builds a new warehouse instead. The files of the run are read as usual; every other document
the old warehouse knew (an upload, a file since moved or deleted) is extracted again from its
stored text, with its date, source and options as they were; the run history is carried over.
A warehouse that cannot be read whole is refused: nothing is published and it is left as it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.errors import EtlError
from etl.shards import StoredDocument

#: Columns of ``documents`` a StoredDocument is made of (an older schema may lack the optional ones).
_REQUIRED = ("doc_id", "path", "name", "text")
_OPTIONAL = {"encoding": "utf-8", "format": "text", "options_key": "", "published_on": None,
             "published_on_source": None, "url": None, "source": None}
#: Tables whose rows are the history of the warehouse, copied column by column.
HISTORY = ("runs", "run_errors")


@dataclass
class OldWarehouse:
    documents: list[StoredDocument]
    history: dict[str, pa.Table] = field(default_factory=dict)
    mentions: pa.Table | None = None     # mention_key, doc_id, span_start, span_end, text
    aliases: pa.Table | None = None      # old_key, mention_key (an earlier upgrade's)


def refused(db_path: Path, why: str) -> EtlError:
    return EtlError(f"{db_path}: {why}; nothing was published and the file is left as it is "
                    "(restore it, or move it away to build a new warehouse from the files)")


def read_old(db_path: Path) -> OldWarehouse:
    """Everything of the old warehouse the rebuild needs, read whole or not at all."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise refused(db_path, f"cannot be read as a DuckDB database ({_first_line(exc)})") from None
    try:
        columns = {row[0] for row in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'documents'").fetchall()}
        parts = "text" not in columns and _has_table(con, "document_parts")
        if parts:                         # the text kept in parts (a warehouse of large files)
            columns.add("text")
        missing = [c for c in _REQUIRED if c not in columns]
        if missing:
            raise refused(db_path, f"its documents table lacks {', '.join(missing)}, so the "
                                   "documents cannot be carried over to the new schema")
        text = ("(SELECT string_agg(p.text, '' ORDER BY p.part_index) FROM document_parts p "
                "WHERE p.doc_id = d.doc_id) AS text") if parts else "text"
        select = ", ".join([*(text if c == "text" else c for c in _REQUIRED),
                            *(c if c in columns else f"NULL AS {c}" for c in _OPTIONAL)])
        rows = con.execute(f"SELECT {select} FROM documents d ORDER BY path, doc_id").fetchall()
        names = [*_REQUIRED, *_OPTIONAL]
        documents = []
        for row in rows:
            record = dict(zip(names, row))
            for name, default in _OPTIONAL.items():
                if record[name] is None:
                    record[name] = default
            documents.append(StoredDocument(**record))
        history = {table: con.sql(f"SELECT * FROM {table}").to_arrow_table()
                   for table in HISTORY if _has_table(con, table)}
        mentions = aliases = None
        if _has_table(con, "mentions"):
            mentions = con.sql("SELECT mention_key, doc_id, span_start, span_end, text "
                               "FROM mentions").to_arrow_table()
        if _has_table(con, "key_aliases"):
            aliases = con.sql("SELECT old_key, mention_key FROM key_aliases").to_arrow_table()
    except duckdb.Error as exc:
        raise refused(db_path, f"cannot be read whole ({_first_line(exc)})") from None
    finally:
        con.close()
    return OldWarehouse(documents, history, mentions, aliases)


def carry_history(con: duckdb.DuckDBPyConnection, old: OldWarehouse) -> None:
    """Insert the old runs and run errors into the new warehouse (the columns both schemas have)."""
    for table, rows in old.history.items():
        if rows.num_rows == 0:
            continue
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()}
        columns = [c for c in rows.column_names if c in present]
        con.register("old_rows", rows)
        try:
            names = ", ".join(columns)
            con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM old_rows")
        finally:
            con.unregister("old_rows")


def add_aliases(con: duckdb.DuckDBPyConnection, old: OldWarehouse) -> int:
    """``key_aliases`` for every old mention found again (same document and span) under another
    key, and for the old warehouse's own aliases, followed to the new keys: corrections saved
    under an old key keep applying. Returns the number of aliases."""
    if old.mentions is not None and old.mentions.num_rows:
        con.register("old_mentions", old.mentions)
        try:
            con.execute("""INSERT OR REPLACE INTO key_aliases
                           SELECT o.mention_key, n.mention_key
                           FROM old_mentions o
                           JOIN mentions n ON n.doc_id = o.doc_id AND n.span_start = o.span_start
                                AND n.span_end = o.span_end AND n.text = o.text
                           WHERE o.mention_key <> n.mention_key""")
        finally:
            con.unregister("old_mentions")
    if old.aliases is not None and old.aliases.num_rows:
        con.register("old_aliases", old.aliases)
        try:
            con.execute("""INSERT OR IGNORE INTO key_aliases
                           SELECT a.old_key, coalesce(k.mention_key, a.mention_key)
                           FROM old_aliases a LEFT JOIN key_aliases k ON k.old_key = a.mention_key""")
        finally:
            con.unregister("old_aliases")
    return con.execute("SELECT count(*) FROM key_aliases").fetchall()[0][0]


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                            [table]).fetchall()[0][0])


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
