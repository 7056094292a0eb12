"""``python -m etl bench --dashboard``: the dashboard's query times on a large synthetic warehouse.

The warehouse is built from the bundled sample: the real ETL loads ``data/articles`` into a seed
database, whose documents, articles and mentions are then copied in SQL as often as needed, each
copy with its own keys, publication date (shifted by whole years), values and subjects. The result
is cached under the system temp folder, keyed by row count, extractor version and schema, so a
second run only times the queries. The queries are the functions of ``dashboard/queries.py``
called without Streamlit's result cache, on a reader opened as the dashboard opens it.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import duckdb

from etl import warehouse
from etl.errors import EtlError
from etl.settings import Settings

CACHE_DIR = Path(tempfile.gettempdir()) / "policy-bench-dashboard"
#: Corrections written into the bench's store (a realistic, small store).
CORRECTIONS = 300


def dashboard_bench_command(args) -> int:
    rows = getattr(args, "rows", None)
    rows = 1_000_000 if rows is None else int(rows)
    if rows < 1:
        raise EtlError(f"--rows must be at least 1 (got {rows})")
    try:
        for line in run_dashboard_bench(rows):
            print(line, flush=True)
    except EtlError as exc:
        print(f"error: {exc}")
        return 1
    return 0


def run_dashboard_bench(rows: int, cache_dir: Path | None = None):
    """The report lines: the build (or cache hit), then one line per page query."""
    cache_dir = Path(cache_dir or CACHE_DIR)
    cache_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    db, built = synthetic_warehouse(rows, cache_dir)
    seconds = time.perf_counter() - started
    count = _scalar(db, "SELECT count(*) FROM mentions")
    how = "built" if built else "cached"
    size = db.stat().st_size / 1e6
    yield f"{'build:':<40}{seconds:8.2f} s  ({how}: {count:,} mentions, {size:,.0f} MB, {db})"
    store = _corrections_store(db, cache_dir / f"{db.stem}.corrections.jsonl")
    yield from time_queries(db, store)


def synthetic_warehouse(rows: int, cache_dir: Path) -> tuple[Path, bool]:
    """(path, built now?) of a warehouse of ``rows`` mentions recombined from the sample."""
    from etl.shards import extractor_version

    version = extractor_version().replace("+", "-")
    key = f"{rows}-{version}-{warehouse.sql_hash('schema.sql', 'ranking.sql', 'base.sql')}"
    db = cache_dir / f"synthetic-{key}.duckdb"
    if db.exists():
        return db, False
    for stale in [*cache_dir.glob(f"synthetic-{rows}-*"), *cache_dir.glob("seed-*")]:
        if not stale.name.startswith((db.stem, f"seed-{version}.")) \
                and ".tmp-" not in stale.name:      # an older extractor's (not a build under way)
            stale.unlink(missing_ok=True)
    seed = cache_dir / f"seed-{version}.duckdb"
    if not seed.exists():
        _build_seed(seed)
    work = warehouse.temp_path(db)
    try:
        _multiply(seed, work, rows)
        warehouse.publish(work, db)
    finally:
        work.unlink(missing_ok=True)
    return db, True


def _build_seed(seed: Path) -> None:
    from etl.pipeline import RunOptions, run

    settings = Settings()
    result = run(RunOptions(paths=[settings.articles_dir], db_path=seed,
                            corrections_path=seed.with_suffix(".none.jsonl"), progress=False))
    if not _scalar(seed, "SELECT count(*) FROM mentions"):
        raise EtlError(f"{settings.articles_dir}: the sample gave no mentions to multiply "
                       f"(run {result.run_id})")


def _multiply(seed: Path, work: Path, rows: int) -> None:
    """Copies of the seed's rows until ``rows`` mentions; copy 0 is the seed itself."""
    con = duckdb.connect(str(work))
    try:
        warehouse.apply_schema(con)
        con.execute(f"ATTACH {warehouse.quote_literal(seed)} AS seed (READ_ONLY)")
        per_copy = con.execute("SELECT count(*) FROM seed.mentions").fetchone()[0]
        copies = -(-rows // per_copy)
        con.execute(f"CREATE TEMP TABLE copies AS SELECT range AS i, (range % 12)::INTEGER AS shift "
                    f"FROM range({copies})")
        for table in ("meta", "runs", "indicators"):
            con.execute(f"INSERT INTO {table} SELECT * FROM seed.{table}")
        con.execute("""CREATE TEMP TABLE subjects AS
                       SELECT row_number() OVER (ORDER BY subject) - 1 AS n, subject
                       FROM (SELECT DISTINCT subject FROM seed.mentions)""")
        n_subjects = con.execute("SELECT count(*) FROM subjects").fetchone()[0]
        con.execute("""
            INSERT INTO documents
            SELECT CASE WHEN c.i = 0 THEN d.doc_id ELSE sha256(d.doc_id || '-' || c.i) END,
                   d.path || '#' || c.i, c.i || '-' || d.name, d.encoding, d.format,
                   d.published_on - INTERVAL (c.shift) YEAR + INTERVAL (c.i % 300) DAY,
                   d.published_on_source, d.url, d.source, d.extractor_version, d.options_key, d.run_id
            FROM seed.documents d, copies c ORDER BY 1""")
        con.execute("""
            INSERT INTO document_parts
            SELECT CASE WHEN c.i = 0 THEN p.doc_id ELSE sha256(p.doc_id || '-' || c.i) END,
                   p.part_index, p.span_start, p.text, p.run_id
            FROM seed.document_parts p, copies c ORDER BY 1, 2""")
        con.execute("""
            INSERT INTO articles
            SELECT CASE WHEN c.i = 0 THEN a.doc_id ELSE sha256(a.doc_id || '-' || c.i) END,
                   a.article_index, a.headline, a.byline, a.span_start, a.span_end, a.run_id
            FROM seed.articles a, copies c ORDER BY 1, 2""")
        # values vary by up to ±20 %; one copy in three moves a mention to another subject
        con.execute(f"""
            INSERT INTO mentions
            SELECT CASE WHEN c.i = 0 THEN m.mention_key ELSE md5(m.mention_key || '-' || c.i) END,
                   CASE WHEN c.i = 0 THEN m.doc_id ELSE sha256(m.doc_id || '-' || c.i) END,
                   m.article_index, c.i || '-' || m.doc, m.span_start, m.span_end, m.text,
                   CASE WHEN c.i = 0 THEN m.value
                        ELSE m.value * (0.8 + (hash(m.mention_key, c.i) % 401) / 1000.0) END,
                   m.unit, m.qualifier, m.measure,
                   CASE WHEN m.year IS NULL OR m.period IS NULL THEN m.period
                        ELSE replace(m.period, CAST(m.year AS VARCHAR),
                                     CAST(m.year - c.shift AS VARCHAR)) END,
                   m.year - c.shift, m.indicator, m.indicator_en, m.indicator_id,
                   CASE WHEN c.i % 3 = 2 THEN s.subject ELSE m.subject END,
                   CASE WHEN c.i % 3 = 2 THEN NULL ELSE m.subject_adcode END,
                   m.topic, m.context, m.confidence, m.extractor_version, m.run_id
            FROM seed.mentions m, copies c
            JOIN subjects s ON s.n = (c.i * 7) % {n_subjects}
            ORDER BY c.i, m.doc_id, m.span_start, m.span_end
            LIMIT {int(rows)}""")
        warehouse.apply_views(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _corrections_store(db: Path, store: Path) -> Path:
    """A store of a few hundred corrections (rejects, overrides, accepts) on the bench's rows."""
    if store.exists():
        return store
    from etl.corrections import add_correction

    keys = [r[0] for r in _rows(db, f"SELECT mention_key FROM mentions USING SAMPLE "
                                    f"{CORRECTIONS} ROWS (reservoir, 7) ORDER BY mention_key")]
    tmp = store.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    for n, key in enumerate(keys):
        if n % 3 == 0:
            add_correction(tmp, key, "reject")
        elif n % 3 == 1:
            add_correction(tmp, key, "override", {"value": float(n)})
        else:
            add_correction(tmp, key, "accept")
    tmp.replace(store)
    return store


def time_queries(db: Path, store: Path):
    """One line per page query, default filters then a typical filtered case."""
    import streamlit.logger

    streamlit.logger.set_log_level("error")     # no "no runtime" warning per cached function
    from dashboard import queries

    source = queries.Source(str(db), str(store), ("bench",))
    started = time.perf_counter()
    queries._connection(source.db_path, source.corrections_path, source.version)
    yield f"{'reader: open_reader (snapshot)':<40}{(time.perf_counter() - started) * 1000:8.0f} ms"
    plain = {name: getattr(getattr(queries, name), "__wrapped__", getattr(queries, name))
             for name in dir(queries)}
    region = Settings().default_region
    options = _timed(lambda: plain["filter_options"](source))
    yield _line("sidebar", "filter_options", options)
    indicator, subject = _timed(lambda: plain["default_series"](source, region)).result
    defaults = queries.Filters()
    top_indicator = indicator or (options.result["indicators"] or [""])[0]
    filtered = queries.Filters(topics=("industry",), years=(2020, 2024))
    cases = [("default", defaults), ("filtered", filtered)]
    yield _line("trends", "default_series", _timed(lambda: plain["default_series"](source, region)))
    for label, f in cases:
        subject_f = f._replace(subjects=(subject or region,))
        checks = [
            ("overview", "overview_series", lambda: plain["overview_series"](source, f, subject or region)),
            ("trends", "trend_choices", lambda: plain["trend_choices"](source, subject_f)),
            ("trends", "trend_points", lambda: plain["trend_points"](source, subject_f, (top_indicator,))),
            ("trends", "series_metadata", lambda: plain["series_metadata"](source, subject_f, (top_indicator,))),
            ("trends", "trend_reports", lambda: plain["trend_reports"](source, subject_f, (top_indicator,))),
            ("trends", "subjects_of_indicator", lambda: plain["subjects_of_indicator"](source, f, top_indicator)),
            ("trends", "latest_by_subject", lambda: plain["latest_by_subject"](source, f, top_indicator)),
            ("explore", "mention_facets", lambda: plain["mention_facets"](source, f)),
            ("explore", "mention_count", lambda: plain["mention_count"](source, f)),
            ("explore", "mention_rows", lambda: plain["mention_rows"](source, f)),
            ("explore", "mention_rows (search)", lambda: plain["mention_rows"](source, f, "增长")),
            ("article", "article_choices", lambda: plain["article_choices"](source, f)),
            ("review", "review_queue", lambda: plain["review_queue"](source, f)),
            ("review", "review_count", lambda: plain["review_count"](source, f)),
        ]
        for page, name, call in checks:
            yield _line(page, f"{name} [{label}]", _timed(call))
    latest = plain["overview_series"](source, defaults, subject or region) \
        .sort_values("year").groupby("indicator").tail(1).head(21)     # the cards a briefing shows
    yield _line("overview", "card_details", _timed(lambda: plain["card_details"](
        source, subject or region, tuple(sorted(set(latest["indicator"]))),
        tuple(sorted(latest["mention_key"])))))
    article_id = plain["article_choices"](source, defaults).iloc[0]["article_id"]
    yield _line("article", "article", _timed(lambda: plain["article"](source, article_id)))
    yield _line("article", "article_mentions",
                _timed(lambda: plain["article_mentions"](source, article_id)))


class _Timed:
    def __init__(self, result, seconds: float):
        self.result, self.seconds = result, seconds


def _timed(call) -> _Timed:
    started = time.perf_counter()
    result = call()
    return _Timed(result, time.perf_counter() - started)


def _line(page: str, name: str, timed: _Timed) -> str:
    rows = len(timed.result) if hasattr(timed.result, "shape") else 1
    return f"{page + ': ' + name:<40}{timed.seconds * 1000:8.0f} ms  ({rows} rows)"


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _scalar(db: Path, sql: str):
    return _rows(db, sql)[0][0]
