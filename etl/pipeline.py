"""``python -m etl run``: files -> extraction (local, process pool or Dask) -> DuckDB, published atomically.

Stages: discover the files, plan (content hash against the published database: new, changed,
unchanged), extract the files that need it into Parquet shards, load the shards into a working
copy of the database, publish it with os.replace. A failing file is reported with its stage and
skipped; the rows it had before stay. A run that would change nothing publishes nothing.
"""
from __future__ import annotations

import hashlib
import json
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

from etl import faults, load, upgrade, warehouse
from etl.corrections import read_corrections
from etl.discover import discover
from etl.errors import EtlError, InputError
from etl.manifest import load_manifest
from etl.models import RunStats
from etl.settings import REPO_ROOT
from etl.shards import (ChunkTask, FileOutcome, StoredDocument, extractor_version, options_key,
                        process_chunk)
from etl.streaming import file_sha256, size_limit_error

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
    only_if_loaded: bool = False   # publish nothing unless a file is loaded or pruned
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
    warnings: list[str] = field(default_factory=list)   # bad lines of the corrections store ...
    notes: list[str] = field(default_factory=list)      # what the run did besides loading files
    duplicates: dict[str, str] = field(default_factory=dict)   # path -> path of the same bytes


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
        only_if_loaded=getattr(args, "only_if_loaded", False),
        max_file_mb=getattr(args, "max_file_mb", None))
    result = run(options, manifest_checked=args.manifest is not None)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for _path, _stage, message in result.errors:
        print(f"error: {message}", file=sys.stderr)
    if getattr(args, "format", "text") == "json":
        print(json.dumps(summary_record(result, options.db_path), ensure_ascii=False))
    else:
        print(summary_line(result, options.db_path))
    return 1 if result.errors else 0


def summary_record(result: RunResult, db_path: Path) -> dict:
    """The summary as data (``run --format json``): what the line says, and each error,
    warning, note and duplicate, for a program to word in its own language."""
    s = result.stats
    counts = ("files_seen", "files_new", "files_changed", "files_unchanged", "files_failed",
              "files_duplicate", "files_pruned", "articles", "mentions")
    return {
        **{name: getattr(s, name) for name in counts},
        "seconds": round(s.seconds, 3),
        "published": result.published,
        "db": str(db_path),
        "run_id": result.run_id if result.published else None,
        "errors": [{"path": p, "stage": stage, "message": m} for p, stage, m in result.errors],
        "warnings": list(result.warnings),
        "notes": list(result.notes),
        "duplicates": [{"path": p, "same_as": o} for p, o in sorted(result.duplicates.items())],
    }


def summary_line(result: RunResult, db_path: Path) -> str:
    s = result.stats
    line = (f"{s.files_seen} files: {s.files_new} new, {s.files_changed} changed, "
            f"{s.files_unchanged} unchanged, {s.files_failed} failed")
    if s.files_duplicate:
        line += f", {s.files_duplicate} duplicate" + ("s" if s.files_duplicate > 1 else "")
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
    warnings = read_corrections(options.corrections_path)[1]   # reported by every run

    with warehouse.writer_lock(db_path):
        warehouse.remove_stale_files(db_path)
        files = discover(options.paths, errors)
        missing = len(errors)
        hashes = _hash_files(files, errors, options.max_file_bytes)
        meta = warehouse.read_meta(db_path)
        schema_hash = warehouse.sql_hash("schema.sql")
        reuse = meta.get("schema_hash") == schema_hash
        old = upgrade.read_old(db_path) if meta and not reuse else None
        known = _known_documents(db_path) if reuse else {}
        plan = make_plan(hashes, known, version, opts_key)
        carried = _carried(old, set(hashes.values()), options.prune)
        stats.files_seen = len(files) + missing
        stats.files_unchanged = len(plan.unchanged)
        stats.files_failed = missing + len(files) - len(hashes)

        shards = warehouse.shard_dir(db_path, run_id)
        try:
            shards.mkdir()
        except OSError as exc:
            raise EtlError(f"{db_path}: cannot create the folder {shards.name} beside it "
                           f"({exc.strerror or exc}); nothing was published") from None
        try:
            outcomes = extract(plan.to_extract, shards, version, opts_key, options, carried)
            retry = plan.retry_copies({o.path for o in outcomes if o.failed})
            while retry:             # same bytes under another name: a .txt may read where a .pdf failed
                more = extract(retry, shards, version, opts_key, options, first_chunk=len(outcomes))
                outcomes += more
                retry = plan.retry_copies({o.path for o in more if o.failed})
            _check_carried(outcomes, carried, db_path)
            loaded = _account(outcomes, plan, stats, errors, warnings)
            notes = sorted([f"{path}: same bytes as {other}, which is loaded already; a duplicate"
                            for path, other in plan.duplicates.items()] +
                           [f"{path}: same bytes as {other}; loaded once, from {other}"
                            for path, other in plan.loaded_copies(loaded).items()])
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
            duplicates = {**plan.duplicates, **plan.loaded_copies(loaded)}
            changed = loaded or pruned or plan.moved or (meta_now != meta and not options.only_if_loaded)
            if not changed and (same_errors or options.only_if_loaded):
                stats.seconds = time.perf_counter() - started
                return RunResult(stats, run_id, published=False, errors=errors, warnings=warnings,
                                 notes=notes, duplicates=duplicates)
            writer = _Writer(db_path, shards, run_id, options, errors, stats, warnings, old)
            writer.write(reuse, started_at, version, pruned, loaded, plan, meta_now, started)
        finally:
            shutil.rmtree(shards, ignore_errors=True)
    stats.errors = [(path, message) for path, _, message in errors]
    if old is not None:
        notes.append(f"{db_path}: the warehouse was published with another schema; rebuilt: "
                     f"{len(carried)} documents extracted again from their stored text")
    return RunResult(stats, run_id, published=True, errors=errors, warnings=warnings, notes=notes,
                     duplicates=duplicates)


def _carried(old: "upgrade.OldWarehouse | None", hashes: set[str],
             prune: bool) -> list[StoredDocument]:
    """The old warehouse's documents that no file of this run holds (with --prune: and whose
    file is still there), to extract again from their stored text."""
    if old is None:
        return []
    return [d for d in old.documents
            if d.doc_id not in hashes and not (prune and not Path(d.path).exists())]


def _check_carried(outcomes: list[FileOutcome], carried: list[StoredDocument],
                   db_path: Path) -> None:
    """A document carried over that cannot be extracted again would be lost: publish nothing."""
    paths = {d.path for d in carried}
    failed = [o for o in outcomes if o.failed and o.path in paths]
    if failed:
        first = failed[0].errors[0][1] if failed[0].errors else failed[0].path
        raise upgrade.refused(db_path, f"the schema changed and {len(failed)} of its documents "
                                       f"could not be extracted again from its stored text "
                                       f"({first})")


def _account(outcomes: list[FileOutcome], plan: "Plan", stats: RunStats,
             errors: list[tuple[str, str, str]], warnings: list[str]) -> list[FileOutcome]:
    """Count failures and copies, collect errors; the outcomes whose rows are to be loaded."""
    for outcome in outcomes:
        errors.extend((outcome.path, stage, msg) for stage, msg in outcome.errors)
        warnings.extend(outcome.warnings)
    loaded = [o for o in outcomes if not o.failed]
    stats.files_failed += len(outcomes) - len(loaded)
    stats.files_duplicate = len(plan.duplicates) + len(plan.copies)
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
    warnings: list[str]
    old: "upgrade.OldWarehouse | None" = None

    def write(self, reuse, started_at, version, pruned, loaded, plan, meta_now, started) -> None:
        work = warehouse.prepare_working_copy(self.db_path, reuse)
        con = duckdb.connect(str(work), config={"memory_limit": WRITER_MEMORY})
        try:
            warehouse.apply_schema(con)
            if self.old is not None:
                upgrade.carry_history(con, self.old)
            workers = f"dask {self.options.dask}" if self.options.dask else str(self.options.workers)
            load.start_run(con, self.run_id, started_at, version, workers)
            self._count(loaded, plan)
            doomed = set(pruned).union(*(plan.replaces.get(o.path, set()) for o in loaded))
            load.delete_documents(con, doomed)        # a file that cannot load keeps its old rows
            load.move_documents(con, plan.moved)
            con.execute(f"SET memory_limit = '{LOAD_MEMORY}'")
            self.stats.articles, self.stats.mentions = load.load_shards(con, self.shards, self.run_id)
            con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
            faults.checkpoint("load", work)
            if self.old is not None:
                upgrade.add_aliases(con, self.old)
            self.warnings.extend(load.load_catalogue(con, CATALOGUE))
            load.copy_corrections(con, self.options.corrections_path)
            warehouse.apply_views(con)
            faults.checkpoint("views", work)
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
        except OSError as exc:      # disk full, folder made read-only ... while writing or swapping
            raise EtlError(f"{self.db_path}: cannot write the new database ({exc.strerror or exc}); "
                           "the published database is unchanged") from None
        finally:
            con.close()
            warehouse.remove_working_copy(work)

    def _count(self, loaded: list[FileOutcome], plan: "Plan") -> None:
        for outcome in loaded:
            if outcome.path in plan.new:
                self.stats.files_new += 1
            elif outcome.path in plan.replaces:
                self.stats.files_changed += 1


# --- plan -------------------------------------------------------------------------------------

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
    duplicates: dict[str, str] = field(default_factory=dict)      # path -> path already loaded

    def retry_copies(self, failed: set[str]) -> list[str]:
        """For each failed file that has copies (same bytes, other paths), the next copy to try
        in its place: a format is chosen by name, so a copy named .txt may read where a .pdf
        failed. The copy takes over what the failed file would have replaced."""
        retry = []
        for original in sorted(failed):
            group = sorted(p for p, o in self.copies.items() if o == original)
            if not group:
                continue
            first, rest = group[0], group[1:]
            del self.copies[first]
            for path in rest:
                self.copies[path] = first
            self.replaces[first] = self.replaces.pop(original, set())
            if original in self.new:
                self.new.discard(original)
                self.new.add(first)
            retry.append(first)
        return retry

    def loaded_copies(self, loaded: list[FileOutcome]) -> dict[str, str]:
        """Copies whose bytes were loaded from another path: {copy: path loaded}."""
        done = {o.path for o in loaded}
        return {copy: original for copy, original in self.copies.items() if original in done}


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
            if entry[0] == absolute:
                plan.unchanged.add(path)
            elif not Path(entry[0]).exists():
                plan.unchanged.add(path)
                plan.moved[digest] = absolute
            else:                         # the same bytes are loaded from another file
                plan.duplicates[path] = entry[0]
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
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            rows = con.execute(
                "SELECT doc_id, path, extractor_version, options_key FROM documents").fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise upgrade.refused(db_path, f"its documents cannot be read "
                                       f"({str(exc).strip().splitlines()[0]})") from None
    return {doc_id: (path, version, key) for doc_id, path, version, key in rows}


def _last_errors(db_path: Path) -> list[tuple[str, str, str]]:
    """The errors of the last published run: a run that only repeats them changes nothing."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            return sorted(con.execute(
                """SELECT path, stage, message FROM run_errors
                   WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1)"""
            ).fetchall())
        finally:
            con.close()
    except duckdb.Error as exc:
        raise upgrade.refused(db_path, f"its run history cannot be read "
                                       f"({str(exc).strip().splitlines()[0]})") from None


def _gone(known: dict[str, tuple[str, str, str]], seen_hashes: set[str]) -> set[str]:
    return {doc_id for doc_id, (path, _, _) in known.items()
            if doc_id not in seen_hashes and not Path(path).exists()}


# --- extract ----------------------------------------------------------------------------------

def chunk_size(files: int, workers: int) -> int:
    """Small chunks keep the progress bar moving and the workers balanced."""
    return max(1, min(32, files // (max(workers, 1) * 8)))


def extract(paths: list[str], shards: Path, version: str, opts_key: str, options: RunOptions,
            stored: list[StoredDocument] = (), first_chunk: int = 0) -> list[FileOutcome]:
    """Run process_chunk over the files (and documents known only by their stored text), here,
    in a process pool or on a Dask cluster."""
    workers = options.workers if not options.dask else 8
    size = chunk_size(len(paths) + len(stored), workers)
    manifest = str(options.manifest) if options.manifest else None
    tasks = [ChunkTask(chunk_id=first_chunk + i, paths=tuple(paths[start:start + size]),
                       shard_dir=str(shards),
                       extractor_version=version, options_key=opts_key,
                       published_on=options.published_on, manifest=manifest,
                       max_bytes=options.max_file_bytes)
             for i, start in enumerate(range(0, len(paths), size))]
    tasks += [ChunkTask(chunk_id=first_chunk + len(tasks) + i, paths=(), shard_dir=str(shards),
                        extractor_version=version, options_key=opts_key,
                        stored=tuple(stored[start:start + size]))
              for i, start in enumerate(range(0, len(stored), size))]
    outcomes: list[FileOutcome] = []
    progress = _Progress(paths, enabled=options.progress and bool(paths) and sys.stderr.isatty())
    try:
        for chunk in _dispatch(tasks, options, progress.piece):
            outcomes.extend(chunk)
            progress.files_done(o.path for o in chunk)
            faults.checkpoint("extract", shards)
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
