"""Extraction of a chunk of files into Parquet shards: the unit of work sent to workers.

The same function runs in the main process, in a local process pool and on Dask workers, and
the load always reads the shards back with ``read_parquet``: a run gives the same rows whichever
way it was spread. Everything here is module-level and picklable, as workers require.
"""
from __future__ import annotations

import functools
import hashlib
import math
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

import etl
from etl import faults
from etl.errors import EtlError, InputError, StageError
from etl.models import MEASURES, QUALIFIERS, TOPICS, Document, Mention, mention_key
from etl.windows import Piece

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("path", pa.string()), ("name", pa.string()),
    ("encoding", pa.string()), ("format", pa.string()), ("published_on", pa.date32()),
    ("published_on_source", pa.string()), ("url", pa.string()), ("source", pa.string()),
    ("extractor_version", pa.string()), ("options_key", pa.string()),
])
DOCUMENT_PARTS = pa.schema([
    ("doc_id", pa.string()), ("part_index", pa.int32()), ("span_start", pa.int64()),
    ("text", pa.string()),
])
ARTICLES = pa.schema([
    ("doc_id", pa.string()), ("article_index", pa.int32()), ("headline", pa.string()),
    ("byline", pa.string()), ("span_start", pa.int32()), ("span_end", pa.int32()),
])
MENTIONS = pa.schema([
    ("mention_key", pa.string()), ("doc_id", pa.string()), ("article_index", pa.int32()),
    ("doc", pa.string()), ("span_start", pa.int32()), ("span_end", pa.int32()),
    ("text", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("qualifier", pa.string()), ("measure", pa.string()), ("period", pa.string()),
    ("year", pa.int32()), ("indicator", pa.string()), ("indicator_en", pa.string()),
    ("indicator_id", pa.string()), ("subject", pa.string()), ("subject_adcode", pa.string()),
    ("topic", pa.string()),
    ("context", pa.string()), ("confidence", pa.float64()), ("extractor_version", pa.string()),
])
SCHEMAS = {"documents": DOCUMENTS, "document_parts": DOCUMENT_PARTS, "articles": ARTICLES,
           "mentions": MENTIONS}
#: Rows (and characters of text) a shard buffers before it writes them as a row group.
BATCH_ROWS = 4_000
BATCH_CHARS = 1_000_000
#: A document's text is stored in parts of at most this many characters (DuckDB keeps long
#: strings whole in memory), and a shard's parts file is closed after this many characters, so
#: the load inserts a long text a file at a time.
PART_CHARS = 32_000
PARTS_FILE_CHARS = 8_000_000

#: Modules that do not change what is extracted: editing them does not force re-extraction.
_NOT_EXTRACTION = {"__init__.py", "__main__.py", "cli.py", "pipeline.py", "discover.py", "load.py",
                   "shards.py", "warehouse.py", "corrections.py", "export.py", "evaluate.py",
                   "bench.py", "bench_scaling.py", "bench_dashboard.py", "upgrade.py", "faults.py"}

#: Seconds to sleep per file while extracting (a hook for tests that need a slow run).
DELAY_ENV = "POLICY_ETL_DELAY"


@dataclass(frozen=True)
class StoredDocument:
    """A document known only from a warehouse's ``documents`` row (its file may be gone):
    extracted again from its stored text when the warehouse is rebuilt for a new schema."""

    doc_id: str
    path: str
    name: str
    encoding: str
    format: str
    text: str
    options_key: str
    published_on: date | None = None
    published_on_source: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ChunkTask:
    chunk_id: int
    paths: tuple[str, ...]
    shard_dir: str
    extractor_version: str
    options_key: str
    published_on: date | None = None
    manifest: str | None = None
    max_bytes: int | None = None                   # files above are refused (None: the settings')
    stored: tuple[StoredDocument, ...] = ()


@dataclass
class FileOutcome:
    path: str
    doc_id: str | None = None
    articles: int = 0
    mentions: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)   # (stage, message)
    failed: bool = False
    warnings: list[str] = field(default_factory=list)   # the file loaded, but reading repaired it


def extractor_version() -> str:
    """etl.__version__ plus a hash of the lexicon files and the extraction code."""
    package = Path(etl.__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted((package / "lexicon").rglob("*")) + sorted(
        p for p in package.glob("*.py") if p.name not in _NOT_EXTRACTION)
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{etl.__version__}+{digest.hexdigest()[:12]}"


def options_key(published_on: date | None, manifest: Path | None) -> str:
    """What the command line adds to a file's content: re-extract when it changes."""
    parts = [published_on.isoformat() if published_on else ""]
    if manifest is not None:
        try:
            parts.append(hashlib.sha256(Path(manifest).read_bytes()).hexdigest())
        except OSError as exc:
            raise InputError(str(manifest), exc.strerror or str(exc)) from None
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class ShardWriter:
    """The Parquet files of one shard (``{table}-{stem}.parquet``), written a row group at a time,
    so a shard of any size is written in bounded memory."""

    def __init__(self, directory: Path, stem: str):
        self.directory, self.stem = Path(directory), stem
        self._rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
        self._chars = 0
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._written: list[Path] = []
        self._parts_file, self._parts_chars = 0, 0

    def add(self, table: str, rows: list[dict]) -> None:
        self._rows[table].extend(rows)
        if table == "document_parts":
            self._chars += sum(len(row["text"]) for row in rows)
        if len(self._rows[table]) >= BATCH_ROWS or self._chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        for name, rows in self._rows.items():
            if rows:
                if name not in self._writers:
                    path = self._path(name)
                    self._writers[name] = pq.ParquetWriter(path, SCHEMAS[name])
                    self._written.append(path)
                self._writers[name].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
                rows.clear()
        if self._chars and "document_parts" in self._writers:
            self._parts_chars += self._chars
            if self._parts_chars >= PARTS_FILE_CHARS:       # the next parts go to a new file
                self._writers.pop("document_parts").close()
                self._parts_file, self._parts_chars = self._parts_file + 1, 0
        self._chars = 0

    def close(self) -> None:
        self.flush()
        for writer in self._writers.values():
            writer.close()

    def discard(self) -> None:
        """Close and delete what was written (the file it held failed)."""
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        for path in self._written:
            path.unlink(missing_ok=True)

    def _path(self, table: str) -> Path:
        if table == "document_parts" and self._parts_file:
            return self.directory / f"{table}-{self.stem}.{self._parts_file}.parquet"
        return self.directory / f"{table}-{self.stem}.parquet"


def process_chunk(task: ChunkTask, progress=None) -> list[FileOutcome]:
    """Extract every file of the chunk; write its shard; one outcome per file, never raise.

    A file read in pieces (``etl.streaming``) gets a shard of its own, written as it goes and
    deleted if the file fails half-way. ``progress(path, bytes)``, when given, hears of every
    piece extracted (bytes of its text in UTF-8)."""
    outcomes = []
    delay = float(os.environ.get(DELAY_ENV) or 0)
    shard = ShardWriter(Path(task.shard_dir), f"{task.chunk_id:06d}")
    try:
        for number, path in enumerate(task.paths):
            outcome, rows = _process_file(path, task, shard, number, progress)
            if rows is not None:
                rows.write_to(shard)
            outcomes.append(outcome)
            if delay:
                time.sleep(delay)
        for stored in task.stored:
            outcome, rows = _process_stored(stored, task)
            if rows is not None:
                rows.write_to(shard)
            outcomes.append(outcome)
        faults.checkpoint("shard", shard.directory)
    finally:
        shard.close()
    return outcomes


def _process_file(path: str, task: ChunkTask, shard: ShardWriter, number: int,
                  progress=None) -> tuple[FileOutcome, "_FileRows | None"]:
    """The outcome of one file, and its rows when they are still to be written to ``shard``
    (a file read whole); a file read in pieces writes its own shard as it goes."""
    from etl.settings import Settings
    from etl.windows import extract_pieces

    outcome = FileOutcome(path=path)
    stage = "ingest"
    own: ShardWriter | None = None
    try:
        settings = Settings.from_env()
        doc, text = _read(path, task, settings)
        outcome.warnings.extend(doc.warnings)
        stage = "extract"
        rows = _FileRows(doc, task, str(Path(path).resolve()), task.options_key, outcome)
        if not doc.text:
            own = ShardWriter(shard.directory, f"{shard.stem}-{number:04d}")
        for piece in extract_pieces(doc, text, settings):
            rows.add(piece)
            if own is not None:
                rows.write_to(own)
            if progress is not None:
                progress(path, len(piece.window.own_text.encode("utf-8")))
        rows.finish()
        if own is not None:
            rows.write_to(own)
            own.close()
            return outcome, None
        return outcome, rows
    except StageError as exc:
        return _failed(outcome, exc.stage if exc.stage in _STAGES else stage, str(exc), own), None
    except InputError as exc:
        return _failed(outcome, "ingest", str(exc), own), None
    except EtlError as exc:
        return _failed(outcome, stage, f"{path}: {stage} failed: {exc}", own), None
    except Exception as exc:   # an extractor bug must not stop the run: name file and stage
        return _failed(outcome, stage, f"{path}: {stage} failed: {type(exc).__name__}: {exc}",
                       own), None


def _process_stored(stored: StoredDocument, task: ChunkTask) -> tuple[FileOutcome, "_FileRows | None"]:
    """A document from its stored text: same id, path, date and options as when it was loaded."""
    from etl.settings import Settings
    from etl.windows import extract_pieces

    outcome = FileOutcome(path=stored.path)
    doc = Document(path=stored.path, name=stored.name, text=stored.text,
                   content_hash=stored.doc_id, encoding=stored.encoding, format=stored.format,
                   published_on=stored.published_on, published_on_source=stored.published_on_source,
                   url=stored.url, source=stored.source)
    try:
        rows = _FileRows(doc, task, stored.path, stored.options_key, outcome)
        for piece in extract_pieces(doc, [doc.text], Settings.from_env()):
            rows.add(piece)
        rows.finish()
        return outcome, rows
    except StageError as exc:
        return _failed(outcome, exc.stage if exc.stage in _STAGES else "extract", str(exc)), None
    except Exception as exc:   # an extractor bug must not stop the run: name document and stage
        return _failed(outcome, "extract", f"{stored.path}: extract failed: {type(exc).__name__}: {exc}"), None


class _FileRows:
    """The rows of one file, gathered piece by piece; checked as the mentions table checks."""

    def __init__(self, doc: Document, task: ChunkTask, path: str, options: str, outcome: FileOutcome):
        self.doc, self.path, self.outcome = doc, path, outcome
        self.version, self.options_key = task.extractor_version, options
        self.parts = 0
        self.rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
        outcome.doc_id = doc.content_hash

    def add(self, piece: Piece) -> None:
        doc_id, window = self.doc.content_hash, piece.window
        own = window.own_text
        for at in range(0, max(len(own), 1), PART_CHARS):
            self.rows["document_parts"].append({"doc_id": doc_id, "part_index": self.parts,
                                                "span_start": window.start + at,
                                                "text": own[at:at + PART_CHARS]})
            self.parts += 1
        for a in piece.articles:
            self.rows["articles"].append({
                "doc_id": doc_id, "article_index": a.index, "headline": a.headline or "",
                "byline": a.byline, "span_start": a.start, "span_end": a.end})
        self.outcome.articles += len(piece.articles)
        seen: set[str] = set()
        for m in piece.mentions:
            problem = mention_problem(m, window.text, window.context_start)
            if problem:
                self.outcome.errors.append(("extract", f"{self.outcome.path}: extract: mention {m.text!r} at "
                                                       f"{m.start} skipped: {problem}"))
                continue
            key = mention_key(doc_id, m.start, m.text)
            if key in seen:
                continue
            seen.add(key)
            self.rows["mentions"].append(_mention_row(m, key, doc_id, self.version))
        self.outcome.mentions += len(seen)

    def finish(self) -> None:
        """The document's own row, once all its pieces are in."""
        doc = self.doc
        self.rows["documents"].append({
            "doc_id": doc.content_hash, "path": self.path, "name": doc.name,
            "encoding": doc.encoding, "format": doc.format, "published_on": doc.published_on,
            "published_on_source": doc.published_on_source, "url": doc.url, "source": doc.source,
            "extractor_version": self.version, "options_key": self.options_key})

    def write_to(self, shard: ShardWriter) -> None:
        for name, rows in self.rows.items():
            if rows:
                shard.add(name, rows)
                self.rows[name] = []


_STAGES = ("ingest", "segment", "extract", "load")


@functools.lru_cache(maxsize=4)
def _manifest(path: str, key: str):
    """Read once per worker and manifest version (``key`` hashes the manifest's bytes)."""
    from etl.manifest import load_manifest
    return load_manifest(Path(path))


def _read(path: str, task: ChunkTask, settings) -> tuple[Document, Iterable[str]]:
    from etl.streaming import open_document

    kwargs = {"published_on": task.published_on}
    if task.manifest is not None:
        kwargs["manifest"] = _manifest(task.manifest, task.options_key)
    max_bytes = task.max_bytes if task.max_bytes is not None else settings.max_file_bytes
    return open_document(Path(path), max_bytes=max_bytes, **kwargs)


def _failed(outcome: FileOutcome, stage: str, message: str,
            own: ShardWriter | None = None) -> FileOutcome:
    """A failed file: its own shard (if any) deleted, its rows never loaded."""
    if own is not None:
        own.discard()
    outcome.failed = True
    outcome.errors.append((stage, message))
    return outcome


def mention_problem(m: Mention, text: str, base: int = 0) -> str | None:
    """Why a mention would break a constraint of the mentions table (None when it is fine);
    ``text`` is the document's text from offset ``base`` on."""
    if not base <= m.start < m.end <= base + len(text):
        return f"span {m.start}..{m.end} outside the text"
    if text[m.start - base:m.end - base] != m.text:
        return "text does not match its span"
    if not isinstance(m.value, (int, float)) or not math.isfinite(m.value):
        return f"value {m.value!r} is not a finite number"
    if m.qualifier not in QUALIFIERS:
        return f"qualifier {m.qualifier!r} not in {QUALIFIERS}"
    if m.measure not in MEASURES:
        return f"measure {m.measure!r} not in {MEASURES}"
    if m.topic not in TOPICS:
        return f"topic {m.topic!r} not in the topic list"
    if m.year is not None and not 1900 <= m.year <= 2200:
        return f"year {m.year} out of range"
    if not 0 <= m.confidence <= 1:
        return f"confidence {m.confidence} outside 0..1"
    if not m.indicator or not m.subject:
        return "empty indicator or subject"
    return None


def _mention_row(m: Mention, key: str, doc_id: str, version: str) -> dict:
    return {
        "mention_key": key, "doc_id": doc_id, "article_index": m.article_index,
        "doc": m.doc, "span_start": m.start, "span_end": m.end, "text": m.text,
        "value": float(m.value), "unit": m.unit, "qualifier": m.qualifier, "measure": m.measure,
        "period": m.period, "year": m.year, "indicator": m.indicator,
        "indicator_en": m.indicator_en or "", "indicator_id": m.indicator_id,
        "subject": m.subject, "subject_adcode": m.subject_adcode, "topic": m.topic,
        "context": m.context or "", "confidence": float(m.confidence), "extractor_version": version,
    }
