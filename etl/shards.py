"""Extraction of a chunk of files into Parquet shards: the unit of work sent to workers.

The same function runs in the main process, in a local process pool and on Dask workers, and
the load always reads the shards back with ``read_parquet``: a run gives the same rows whichever
way it was spread. Everything here is module-level and picklable, as workers require.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import math
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import etl
from etl import faults
from etl.errors import EtlError, InputError, StageError
from etl.models import MEASURES, QUALIFIERS, TOPICS, Mention, mention_key

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("path", pa.string()), ("name", pa.string()),
    ("encoding", pa.string()), ("format", pa.string()), ("published_on", pa.date32()),
    ("published_on_source", pa.string()), ("url", pa.string()), ("source", pa.string()), ("text", pa.string()),
    ("extractor_version", pa.string()), ("options_key", pa.string()),
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
    ("indicator_id", pa.string()), ("subject", pa.string()), ("subject_adcode", pa.string()), ("topic", pa.string()),
    ("context", pa.string()), ("confidence", pa.float64()), ("extractor_version", pa.string()),
])
SCHEMAS = {"documents": DOCUMENTS, "articles": ARTICLES, "mentions": MENTIONS}

#: Modules that do not change what is extracted: editing them does not force re-extraction.
_NOT_EXTRACTION = {"__init__.py", "__main__.py", "cli.py", "pipeline.py", "discover.py", "load.py",
                   "shards.py", "warehouse.py", "corrections.py", "export.py", "evaluate.py",
                   "bench.py", "upgrade.py", "faults.py"}

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


@dataclass(frozen=True)
class ChunkTask:
    chunk_id: int
    paths: tuple[str, ...]
    shard_dir: str
    extractor_version: str
    options_key: str
    published_on: date | None = None
    manifest: str | None = None
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


def process_chunk(task: ChunkTask) -> list[FileOutcome]:
    """Extract every file of the chunk; write its shard; one outcome per file, never raise."""
    docs, arts, ments, outcomes = [], [], [], []
    delay = float(os.environ.get(DELAY_ENV) or 0)
    for path in task.paths:
        outcome = _process_file(path, task, docs, arts, ments)
        outcomes.append(outcome)
        if delay:
            time.sleep(delay)
    for stored in task.stored:
        outcomes.append(_process_stored(stored, task, docs, arts, ments))
    directory = Path(task.shard_dir)
    faults.checkpoint("shard", directory)
    for name, rows in (("documents", docs), ("articles", arts), ("mentions", ments)):
        if rows:
            table = pa.Table.from_pylist(rows, schema=SCHEMAS[name])
            pq.write_table(table, directory / f"{name}-{task.chunk_id:06d}.parquet")
    return outcomes


def _process_file(path: str, task: ChunkTask, docs: list, arts: list, ments: list) -> FileOutcome:
    outcome = FileOutcome(path=path)
    try:
        doc = _read(path, task)
    except InputError as exc:
        return _failed(outcome, "ingest", str(exc))
    except EtlError as exc:
        return _failed(outcome, "ingest", f"{path}: ingest failed: {exc}")
    except Exception as exc:   # a reader bug must not stop the run: name file and stage
        return _failed(outcome, "ingest", f"{path}: ingest failed: {type(exc).__name__}: {exc}")
    return _extract(doc, str(Path(path).resolve()), task.options_key, task, outcome,
                    docs, arts, ments)


def _process_stored(stored: StoredDocument, task: ChunkTask, docs: list, arts: list,
                    ments: list) -> FileOutcome:
    """A document from its stored text: same id, path, date and options as when it was loaded."""
    from etl.models import Document

    doc = Document(path=stored.path, name=stored.name, text=stored.text,
                   content_hash=stored.doc_id, encoding=stored.encoding, format=stored.format,
                   published_on=stored.published_on,
                   published_on_source=stored.published_on_source, url=stored.url)
    return _extract(doc, stored.path, stored.options_key, task, FileOutcome(path=stored.path),
                    docs, arts, ments)


def _extract(doc, path: str, options_key: str, task: ChunkTask, outcome: FileOutcome,
             docs: list, arts: list, ments: list) -> FileOutcome:
    """Articles and mentions of a read document, as shard rows; failures name file and stage."""
    stage = "extract"
    try:
        from etl.extract import extract_document
        from etl.settings import Settings

        articles, mentions = extract_document(doc, Settings.from_env())
    except StageError as exc:
        return _failed(outcome, exc.stage if exc.stage in _STAGES else stage, str(exc))
    except InputError as exc:
        return _failed(outcome, "ingest", str(exc))
    except EtlError as exc:
        return _failed(outcome, stage, f"{outcome.path}: {stage} failed: {exc}")
    except Exception as exc:   # an extractor bug must not stop the run: name file and stage
        return _failed(outcome, stage, f"{outcome.path}: {stage} failed: {type(exc).__name__}: {exc}")
    outcome.doc_id = doc.content_hash
    outcome.warnings.extend(doc.warnings)
    docs.append({
        "doc_id": doc.content_hash, "path": path, "name": doc.name,
        "encoding": doc.encoding, "format": doc.format, "published_on": doc.published_on,
        "published_on_source": doc.published_on_source, "url": doc.url, "source": doc.source, "text": doc.text,
        "extractor_version": task.extractor_version, "options_key": options_key,
    })
    for a in articles:
        arts.append({"doc_id": doc.content_hash, "article_index": a.index, "headline": a.headline or "",
                     "byline": a.byline, "span_start": a.start, "span_end": a.end})
    outcome.articles = len(articles)
    seen: set[str] = set()
    for m in mentions:
        problem = mention_problem(m, doc.text)
        if problem:
            outcome.errors.append(("extract", f"{outcome.path}: extract: mention {m.text!r} at "
                                              f"{m.start} skipped: {problem}"))
            continue
        key = mention_key(doc.content_hash, m.start, m.text)
        if key in seen:
            continue
        seen.add(key)
        ments.append(_mention_row(m, key, doc.content_hash, task.extractor_version))
    outcome.mentions = len(seen)
    return outcome


_STAGES = ("ingest", "segment", "extract", "load")


@functools.lru_cache(maxsize=4)
def _manifest(path: str, key: str):
    """Read once per worker and manifest version (``key`` hashes the manifest's bytes)."""
    from etl.manifest import load_manifest
    return load_manifest(Path(path))


def _read(path: str, task: ChunkTask):
    from etl.ingest import read_document

    kwargs = {"published_on": task.published_on}
    if task.manifest is not None:
        if "manifest" not in inspect.signature(read_document).parameters:
            raise EtlError(f"{task.manifest}: manifests are not supported by this version")
        kwargs["manifest"] = _manifest(task.manifest, task.options_key)
    return read_document(Path(path), **kwargs)


def _failed(outcome: FileOutcome, stage: str, message: str) -> FileOutcome:
    outcome.failed = True
    outcome.errors.append((stage, message))
    return outcome


def mention_problem(m: Mention, text: str) -> str | None:
    """Why a mention would break a constraint of the mentions table (None when it is fine)."""
    if not 0 <= m.start < m.end <= len(text):
        return f"span {m.start}..{m.end} outside the text"
    if text[m.start:m.end] != m.text:
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
        "subject": m.subject, "subject_adcode": m.subject_adcode, "topic": m.topic, "context": m.context or "",
        "confidence": float(m.confidence), "extractor_version": version,
    }
