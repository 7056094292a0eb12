"""``python -m etl run``: files -> extraction (local, process pool or Dask) -> DuckDB, published atomically.

Stages: discover the files, plan (content hash against the published database: new, changed,
unchanged), extract the files that need it into Parquet shards, load the shards into a working
copy of the database, publish it with os.replace. A failing file is reported with its stage and
skipped; the rows it had before stay. A run that would change nothing publishes nothing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import duckdb
from tqdm import tqdm

from etl import load, warehouse
from etl.errors import EtlError, InputError
from etl.manifest import load_manifest
from etl.models import RunStats
from etl.settings import REPO_ROOT
from etl.shards import ChunkTask, FileOutcome, extractor_version, options_key, process_chunk
from etl.streaming import file_sha256, size_limit_error

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
CATALOGUE = REPO_ROOT / "etl" / "lexicon" / "indicators.csv"
#: Seconds to wait before publishing (a hook for tests that kill or watch a run mid-load).
LOAD_DELAY_ENV = "POLICY_ETL_LOAD_DELAY"
#: Seconds to wait for the Dask scheduler to answer (default 10).
DASK_TIMEOUT_ENV = "POLICY_DASK_TIMEOUT"
#: Exit code of a run stopped before it began: the manifest cannot be used.
EXIT_BAD_MANIFEST = 2
#: Memory DuckDB may use while it writes the next database (beyond it, it spills to a folder
#: beside the database): ranking ten million mentions fits in 1 GB (in 5 minutes; 2 without a
#: limit, and 11 GB). The insert of the extracted rows gets less, since DuckDB holds what one
#: statement inserts until it commits: the load of a large file stays within it.
WRITER_MEMORY = "1GB"
LOAD_MEMORY = "256MB"


@dataclass
class RunOptions:
    paths: list[Path]
    db_path: Path
    corrections_path: Path
    published_on: date | None = None
    manifest: Path | None = None
    prune: bool = False
    workers: int = 1
    dask: str | None = None
    progress: bool = True
    max_file_mb: float | None = None     # None: Settings.max_file_mb (POLICY_MAX_FILE_MB)

    @property
    def max_file_bytes(self) -> int:
        from etl.settings import Settings
        mb = self.max_file_mb if self.max_file_mb is not None else Settings.from_env().max_file_mb
        return int(mb * 1_000_000)


@dataclass
class RunResult:
    stats: RunStats
    run_id: str
    published: bool
    errors: list[tuple[str, str, str]] = field(default_factory=list)   # (path, stage, message)


def run_command(args) -> int:
    """The CLI's ``run``: print errors and one summary line; exit 1 when something failed,
    2 when the manifest cannot be used (then nothing is read or published)."""
    if args.workers < 1:
        raise EtlError(f"--workers must be at least 1 (got {args.workers})")
    if args.manifest is not None:
        try:
            load_manifest(Path(args.manifest))       # once, before any file is read
        except InputError as exc:
            print(f"error: {exc}; nothing was loaded", file=sys.stderr)
            return EXIT_BAD_MANIFEST
    options = RunOptions(
        paths=list(args.paths), db_path=args.db, corrections_path=args.corrections,
        published_on=args.published_on, manifest=args.manifest, prune=args.prune,
        workers=args.workers, dask=args.dask, progress=not args.no_progress,
        max_file_mb=getattr(args, "max_file_mb", None))
    result = run(options, manifest_checked=args.manifest is not None)
    for _path, _stage, message in result.errors:
        print(f"error: {message}", file=sys.stderr)
    print(summary_line(result, options.db_path))
    return 1 if result.errors else 0


def summary_line(result: RunResult, db_path: Path) -> str:
    s = result.stats
    line = (f"{s.files_seen} files: {s.files_new} new, {s.files_changed} changed, "
            f"{s.files_unchanged} unchanged, {s.files_failed} failed")
    if s.files_pruned:
        line += f", {s.files_pruned} pruned"
    line += f"; {s.articles} articles, {s.mentions} mentions loaded in {s.seconds:.1f} s"
    if result.published:
        return f"{line}; published {db_path} (run {result.run_id})"
    return f"{line}; nothing changed, {db_path} left as it was"


def run(options: RunOptions, manifest_checked: bool = False) -> RunResult:
    """One ETL run; raises EtlError only when nothing could be published at all.

    A bad manifest raises InputError before any file is read (``manifest_checked``: the caller
    has already read it)."""
    started = time.perf_counter()
    started_at = load.utc_now()
    run_id = f"{started_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:4]}"
    db_path = Path(options.db_path)
    version = extractor_version()
    if options.manifest is not None and not manifest_checked:
        load_manifest(Path(options.manifest))        # a bad manifest stops the run here, once
    opts_key = options_key(options.published_on, options.manifest)
    stats = RunStats()
    errors: list[tuple[str, str, str]] = []

    with warehouse.writer_lock(db_path):
        warehouse.remove_stale_files(db_path)
        files = discover(options.paths, errors)
        missing = len(errors)
        hashes = _hash_files(files, errors, options.max_file_bytes)
        meta = warehouse.read_meta(db_path)
        schema_hash = warehouse.sql_hash("schema.sql")
        reuse = meta.get("schema_hash") == schema_hash
        known = _known_documents(db_path) if reuse else {}
        plan = make_plan(hashes, known, version, opts_key)
        stats.files_seen = len(files) + missing
        stats.files_unchanged = len(plan.unchanged)
        stats.files_failed = missing + len(files) - len(hashes)

        shards = warehouse.shard_dir(db_path, run_id)
        shards.mkdir()
        try:
            outcomes = extract(plan.to_extract, shards, version, opts_key, options)
            loaded = _account(outcomes, plan, stats, errors)
            pruned = _gone(known, set(hashes.values())) if options.prune else set()
            stats.files_pruned = len(pruned)
            meta_now = {
                "schema_hash": schema_hash,
                "views_hash": warehouse.views_hash(),
                "base_hash": warehouse.base_hash(),
                "extractor_version": version,
                "corrections_hash": _file_hash(options.corrections_path),
                "catalogue_hash": _file_hash(CATALOGUE),
            }
            same_errors = not errors or (reuse and sorted(errors) == _last_errors(db_path))
            if not (loaded or pruned or plan.moved or meta_now != meta) and same_errors:
                stats.seconds = time.perf_counter() - started
                return RunResult(stats, run_id, published=False, errors=errors)
            writer = _Writer(db_path, shards, run_id, options, errors, stats)
            writer.write(reuse, started_at, version, pruned, loaded, plan, meta_now, started)
        finally:
            shutil.rmtree(shards, ignore_errors=True)
    stats.errors = [(path, message) for path, _, message in errors]
    return RunResult(stats, run_id, published=True, errors=errors)


def _account(outcomes: list[FileOutcome], plan: "Plan", stats: RunStats,
             errors: list[tuple[str, str, str]]) -> list[FileOutcome]:
    """Count failures and copies, collect errors; the outcomes whose rows are to be loaded."""
    for outcome in outcomes:
        errors.extend((outcome.path, stage, msg) for stage, msg in outcome.errors)
    loaded = [o for o in outcomes if not o.failed]
    stats.files_failed += len(outcomes) - len(loaded)
    failed_paths = {o.path for o in outcomes if o.failed}
    for copy, original in plan.copies.items():
        if original in failed_paths:
            stats.files_failed += 1
            errors.append((copy, "ingest", f"{copy}: same bytes as {original}, which failed"))
        else:
            stats.files_unchanged += 1
    return loaded


@dataclass
class _Writer:
    """Builds the next database in a working copy and publishes it."""

    db_path: Path
    shards: Path
    run_id: str
    options: RunOptions
    errors: list[tuple[str, str, str]]
    stats: RunStats

    def write(self, reuse, started_at, version, pruned, loaded, plan, meta_now, started) -> None:
        work = warehouse.prepare_working_copy(self.db_path, reuse)
        con = duckdb.connect(str(work), config={"memory_limit": WRITER_MEMORY})
        try:
            warehouse.apply_schema(con)
            workers = f"dask {self.options.dask}" if self.options.dask else str(self.options.workers)
            load.start_run(con, self.run_id, started_at, version, workers)
            doomed, clashes = self._doomed_and_clashes(con, pruned, loaded, plan)
            self._count(loaded, plan, clashes)
            load.delete_documents(con, doomed)        # a file that cannot load keeps its old rows
            load.move_documents(con, plan.moved)
            con.execute(f"SET memory_limit = '{LOAD_MEMORY}'")
            self.stats.articles, self.stats.mentions = load.load_shards(
                con, self.shards, self.run_id, set(clashes))
            con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
            for warning in load.load_catalogue(con, CATALOGUE):
                print(f"warning: {warning}", file=sys.stderr)
            load.copy_corrections(con, self.options.corrections_path)
            warehouse.apply_views(con)
            load.record_errors(con, self.run_id, self.errors)
            load.set_meta(con, meta_now)
            delay = float(os.environ.get(LOAD_DELAY_ENV) or 0)
            if delay:
                time.sleep(delay)
            self.stats.seconds = time.perf_counter() - started
            load.finish_run(con, self.run_id, self.stats)
            con.execute("CHECKPOINT")
            con.close()
            warehouse.publish(work, self.db_path)
        except duckdb.Error as exc:
            raise EtlError(f"{self.db_path}: load failed, the published database is unchanged: "
                           f"{str(exc).strip().splitlines()[0]}") from None
        finally:
            con.close()
            work.unlink(missing_ok=True)

    def _doomed_and_clashes(self, con, pruned: set[str], loaded: list[FileOutcome],
                            plan: "Plan") -> tuple[set[str], dict[str, str]]:
        """Documents to delete, and new documents that cannot load because of key clashes.

        A document being replaced does not clash with its own new version; but when the new
        version cannot load, the old one stays, and may clash with others: repeat until stable.
        """
        clashes: dict[str, str] = {}
        while True:
            doomed = set(pruned).union(*(plan.replaces.get(o.path, set()) for o in loaded
                                         if o.doc_id not in clashes))
            found = load.colliding_documents(con, self.shards, ignore=doomed)
            if set(found) <= set(clashes):
                return doomed, clashes
            clashes.update(found)

    def _count(self, loaded: list[FileOutcome], plan: "Plan", clashes: dict[str, str]) -> None:
        for outcome in loaded:
            if outcome.doc_id in clashes:
                message = f"{outcome.path}: load failed: {clashes[outcome.doc_id]}"
                self.errors.append((outcome.path, "load", message))
                self.stats.files_failed += 1
            elif outcome.path in plan.new:
                self.stats.files_new += 1
            else:
                self.stats.files_changed += 1


# --- discover and plan ------------------------------------------------------------------------

def discover(paths: list[Path], errors: list[tuple[str, str, str]]) -> list[Path]:
    """Files given and files under folders given (recursively, known suffixes), each once."""
    found: dict[Path, Path] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES \
                        and not child.name.startswith("."):
                    found.setdefault(child.resolve(), child)
        elif path.is_file():
            found.setdefault(path.resolve(), path)
        else:
            errors.append((str(path), "ingest", f"{path}: no such file or folder"))
    return list(found.values())


def _hash_files(files: list[Path], errors: list[tuple[str, str, str]],
                max_bytes: int | None = None) -> dict[str, str]:
    """sha256 of each file, read in pieces; a file above the size limit is refused unread."""
    hashes = {}
    for path in files:
        try:
            too_large = size_limit_error(path, path.stat().st_size, max_bytes)
            if too_large is not None:
                errors.append((str(path), "ingest", str(too_large)))
                continue
            hashes[str(path)] = file_sha256(path)
        except OSError as exc:
            errors.append((str(path), "ingest", f"{path}: {exc.strerror or exc}"))
    return hashes


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


@dataclass
class Plan:
    to_extract: list[str] = field(default_factory=list)
    new: set[str] = field(default_factory=set)
    unchanged: set[str] = field(default_factory=set)
    replaces: dict[str, set[str]] = field(default_factory=dict)   # path -> doc_ids it replaces
    copies: dict[str, str] = field(default_factory=dict)          # path -> path extracted instead
    moved: dict[str, str] = field(default_factory=dict)           # doc_id -> its new absolute path


def make_plan(hashes: dict[str, str], known: dict[str, tuple[str, str, str]],
              version: str, opts_key: str) -> Plan:
    """Which files to extract. known: {doc_id: (absolute path, extractor_version, options_key)}."""
    plan = Plan()
    by_path = {path: doc_id for doc_id, (path, _, _) in known.items()}
    seen_hashes = set(hashes.values())
    extracting: dict[str, str] = {}
    for path, digest in hashes.items():
        absolute = str(Path(path).resolve())
        entry = known.get(digest)
        if entry is not None and entry[1:] == (version, opts_key):
            plan.unchanged.add(path)
            if entry[0] != absolute and not Path(entry[0]).exists():
                plan.moved[digest] = absolute
            continue
        if digest in extracting:          # the same bytes at two paths: extract once
            plan.copies[path] = extracting[digest]
            continue
        extracting[digest] = path
        plan.to_extract.append(path)
        old = by_path.get(absolute)
        if entry is None and old is None:
            plan.new.add(path)
        replaced = {digest} if entry is not None else set()
        if old is not None and old != digest and old not in seen_hashes:
            replaced.add(old)
        plan.replaces[path] = replaced
    return plan


def _known_documents(db_path: Path) -> dict[str, tuple[str, str, str]]:
    if not db_path.exists():
        return {}
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute("SELECT doc_id, path, extractor_version, options_key FROM documents").fetchall()
    finally:
        con.close()
    return {doc_id: (path, version, key) for doc_id, path, version, key in rows}


def _last_errors(db_path: Path) -> list[tuple[str, str, str]]:
    """The errors of the last published run: a run that only repeats them changes nothing."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return sorted(con.execute(
            """SELECT path, stage, message FROM run_errors
               WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1)""").fetchall())
    finally:
        con.close()


def _gone(known: dict[str, tuple[str, str, str]], seen_hashes: set[str]) -> set[str]:
    return {doc_id for doc_id, (path, _, _) in known.items()
            if doc_id not in seen_hashes and not Path(path).exists()}


# --- extract ----------------------------------------------------------------------------------

def chunk_size(files: int, workers: int) -> int:
    """Small chunks keep the progress bar moving and the workers balanced."""
    return max(1, min(32, files // (max(workers, 1) * 8)))


def extract(paths: list[str], shards: Path, version: str, opts_key: str,
            options: RunOptions) -> list[FileOutcome]:
    """Run process_chunk over the files, here, in a process pool or on a Dask cluster."""
    workers = options.workers if not options.dask else 8
    size = chunk_size(len(paths), workers)
    tasks = [ChunkTask(chunk_id=i, paths=tuple(paths[start:start + size]), shard_dir=str(shards),
                       extractor_version=version, options_key=opts_key,
                       published_on=options.published_on,
                       manifest=str(options.manifest) if options.manifest else None,
                       max_bytes=options.max_file_bytes)
             for i, start in enumerate(range(0, len(paths), size))]
    outcomes: list[FileOutcome] = []
    progress = _Progress(paths, enabled=options.progress and bool(paths))
    try:
        for chunk in _dispatch(tasks, options, progress.piece):
            outcomes.extend(chunk)
            progress.files_done(o.path for o in chunk)
    finally:
        progress.close()
    return sorted(outcomes, key=lambda o: o.path)


class _Progress:
    """The progress bar in bytes of the files: a large file read here moves it piece by piece,
    other files when their chunk is done."""

    def __init__(self, paths: list[str], enabled: bool):
        self.sizes = {path: _size(path) for path in paths}
        self.reported = dict.fromkeys(paths, 0)
        self.files, self.done = len(paths), 0
        self.bar = tqdm(total=sum(self.sizes.values()), unit="B", unit_scale=True, desc="extract",
                        file=sys.stderr, disable=not enabled, leave=False)

    def piece(self, path: str, size: int) -> None:
        self._advance(path, min(size, self.sizes.get(path, 0) - self.reported.get(path, 0)))

    def files_done(self, paths) -> None:
        for path in paths:
            self._advance(path, self.sizes.get(path, 0) - self.reported.get(path, 0))
            self.done += 1
        self.bar.set_postfix_str(f"{self.done}/{self.files} files", refresh=False)

    def _advance(self, path: str, size: int) -> None:
        if size > 0 and path in self.reported:
            self.reported[path] += size
            self.bar.update(size)

    def close(self) -> None:
        self.bar.close()


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _dispatch(tasks: list[ChunkTask], options: RunOptions, progress=None):
    if not tasks:
        return
    if options.dask:
        yield from _dispatch_dask(tasks, options.dask)
    elif options.workers > 1:
        with ProcessPoolExecutor(max_workers=options.workers, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(process_chunk, task) for task in tasks]
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:     # a worker died or could not write its shard
                    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                    raise EtlError(f"a worker process failed, nothing was published: "
                                   f"{type(exc).__name__}: {first}") from None
    else:
        for task in tasks:
            try:
                yield process_chunk(task, progress)
            except OSError as exc:
                raise EtlError(f"{task.shard_dir}: cannot write the extraction shard: {exc}") from None


def _dispatch_dask(tasks: list[ChunkTask], address: str):
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:
        raise EtlError("--dask needs the `distributed` package") from None
    try:
        client = Client(address, timeout=f"{os.environ.get(DASK_TIMEOUT_ENV) or 10}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise EtlError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(process_chunk, tasks, pure=False)
        for future in dask_completed(futures):
            try:
                yield future.result()
            except Exception as exc:     # a worker died, or cannot import etl or reach the files
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                raise EtlError(f"a Dask task failed on {address}, nothing was published "
                               f"(can the workers import etl and read the files?): "
                               f"{type(exc).__name__}: {first}") from None
    finally:
        client.close()
