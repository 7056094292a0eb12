"""``python -m etl export``: mentions or series, filtered like the dashboard, to CSV or Parquet.

CSV is UTF-8 with a BOM (so spreadsheets read the Chinese right) and safe to open: a text cell
that a spreadsheet would run as a formula is prefixed with ``'``. Parquet is a folder
partitioned by year (``year=2025/…``).
"""
from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.errors import EtlError
from etl.settings import Settings
from etl.warehouse import open_reader

#: First characters that make a spreadsheet treat a cell as a formula (ASCII and full-width).
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r")

_VIEWS = {"mentions": ("mentions_effective", "published_on, doc, span_start"),
          "series": ("series", "indicator, subject, measure, unit, year, reported_on, mention_key")}


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; empty means everything."""

    topics: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    indicators: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


def neutralise_cell(value):
    """A text cell a spreadsheet would execute gets a leading ``'``; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (and headers) cannot run as formulas; numeric columns untouched."""
    safe = df.copy()
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series) \
                or pd.api.types.is_datetime64_any_dtype(series):
            continue
        safe[column] = series.map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


def to_safe_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV bytes (UTF-8 with BOM) with formula-like text neutralised; numbers stay numbers."""
    # CRLF rows (RFC 4180): the writer then quotes any cell holding a CR or LF.
    return neutralize_formulas(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def query(con, what: str, filters: Filters) -> pd.DataFrame:
    """Rows of mentions_effective or series that pass the filters, in a stable order."""
    view, order = _VIEWS[what]
    where, params = [], []
    for column, values in (("topic", filters.topics), ("indicator", filters.indicators),
                           ("subject", filters.subjects), ("qualifier", filters.qualifiers),
                           ("measure", filters.measures)):
        if values:
            where.append(f"{column} IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(values))
    if filters.year_from is not None:
        where.append("year >= ?")
        params.append(filters.year_from)
    if filters.year_to is not None:
        where.append("year <= ?")
        params.append(filters.year_to)
    sql = f"SELECT * FROM {view}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return con.execute(f"{sql} ORDER BY {order}", params).df()


def check_names(con, filters: Filters) -> None:
    """An --indicator or --subject the warehouse does not hold is most likely a typo: raise
    EtlError naming it and the nearest names that exist, rather than export nothing."""
    import difflib

    for option, column, values in (("--indicator", "indicator", filters.indicators),
                                   ("--subject", "subject", filters.subjects)):
        if not values:
            continue
        known = {row[0] for row in con.execute(
            f"SELECT DISTINCT {column} FROM mentions_effective WHERE {column} IN "
            f"(SELECT unnest(?::VARCHAR[]))", [list(values)]).fetchall()}
        for value in values:
            if value in known:
                continue
            names = [row[0] for row in con.execute(
                f"SELECT DISTINCT {column} FROM mentions_effective WHERE {column} IS NOT NULL"
            ).fetchall()]
            near = difflib.get_close_matches(value, names, n=5, cutoff=0.3) or \
                [n for n in names if value in n or n in value][:5]
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise EtlError(f"{option} {value!r}: no {column} of that name in the warehouse{hint}")


def write_parquet(df: pd.DataFrame, folder: Path) -> None:
    """A folder of Parquet files partitioned by year (hive style: year=2025/).

    A folder holding a previous export (only ``year=*`` folders) is replaced whole, so no year
    of an older, wider export is left behind; any other non-empty folder is refused.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise EtlError(f"{folder}: exists and is not a folder (Parquet is written as a folder "
                       "partitioned by year)")
    try:
        if folder.is_dir():
            entries = list(folder.iterdir())
            if any(not (e.is_dir() and e.name.startswith("year=")) for e in entries):
                raise EtlError(f"{folder}: not empty and not a previous export; choose another --out")
            for entry in entries:
                shutil.rmtree(entry)
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(df, preserve_index=False)
        pq.write_to_dataset(table, root_path=str(folder), partition_cols=["year"])
    except OSError as exc:       # a read-only folder, a full disk ...
        raise EtlError(f"{folder}: cannot write the export ({exc.strerror or exc})") from None


def export_command(args) -> int:
    filters = Filters(tuple(args.topic or ()), args.year_from, args.year_to,
                      tuple(args.indicator or ()), tuple(args.subject or ()),
                      tuple(getattr(args, "qualifier", None) or ()),
                      tuple(getattr(args, "measure", None) or ()))
    con = open_reader(args.db, Settings.from_env().corrections_path)
    try:
        check_names(con, filters)
        df = query(con, args.what, filters)
    finally:
        con.close()
    if args.format == "parquet":
        if args.out is None:
            raise EtlError("--format parquet needs --out FOLDER")
        write_parquet(df, args.out)
    else:
        data = to_safe_csv_bytes(df)
        if args.out is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            try:
                args.out.write_bytes(data)
            except OSError as exc:
                raise EtlError(f"{args.out}: cannot write ({exc.strerror or exc})") from None
    if args.out is not None:
        print(f"{len(df)} {args.what} rows written to {args.out}", file=sys.stderr)
    return 0
