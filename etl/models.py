"""The records passed between pipeline stages.

ingest: file -> Document; segment: Document -> Article; extract: Article -> Mention; load: -> DuckDB.
Every offset stored in a record points into ``Document.text`` (the file's decoded text), so a
mention can always be shown back in its source.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

#: Vocabularies of ../shared/gold/README.md, shared by every stage.
QUALIFIERS = ("exact", "approx", "at_least", "target", "forecast")
MEASURES = ("level", "yoy_growth", "growth", "share", "progress")
TOPICS = (
    "economy", "agriculture", "industry", "investment", "tourism_culture", "consumption", "construction_housing",
    "energy_environment", "education", "labor_employment", "innovation_tech",
    "market_entities", "governance", "other",
)


@dataclass(frozen=True)
class Document:
    """One input file, decoded. ``text`` is what every offset points into."""

    path: str                      # as given on the command line / found in a folder
    name: str                      # file name, the ``doc`` of the extract output
    text: str                      # decoded text (for HTML/PDF: the extracted text)
    content_hash: str              # sha256 of the raw bytes
    encoding: str                  # e.g. "utf-8", "utf-8-sig", "gb18030", "utf-16"
    format: str                    # "text", "html", "pdf"
    published_on: date | None = None
    published_on_source: str | None = None   # "masthead", "dateline", "filename", "inferred", "override" ...
    url: str | None = None
    source: str | None = None      # the outlet or publisher a manifest names (钱塘新区报, 宜昌市统计局)
    warnings: tuple[str, ...] = ()           # what reading repaired (bad UTF-8 bytes ...), by byte offset


@dataclass(frozen=True)
class MappedText:
    """A cleaned copy of part of a document, with a map back to document offsets.

    ``offsets[i]`` is the document offset of ``text[i]``; ``offsets`` has one extra final entry
    (the document offset just past the last character) so that end-exclusive spans map too.
    """

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def identity(cls, text: str, base: int = 0) -> "MappedText":
        return cls(text, tuple(range(base, base + len(text) + 1)))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Document span of ``text[start:end]`` (end exclusive)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Article:
    """One article of a page: headline, byline and a cleaned body mapped to document offsets."""

    doc_name: str
    index: int                     # 0-based position in the document
    headline: str
    byline: str | None
    start: int                     # span of the whole article in Document.text
    end: int
    body: MappedText               # cleaned text the extractor reads (column breaks joined ...)


@dataclass(frozen=True)
class Mention:
    """One numeric indicator found in an article: the extract output, one JSONL row."""

    doc: str
    start: int                     # offsets into Document.text, end exclusive
    end: int
    text: str                      # Document.text[start:end]
    value: float
    unit: str
    qualifier: str                 # one of QUALIFIERS
    measure: str                   # one of MEASURES
    period: str | None
    year: int | None
    indicator: str                 # canonical Chinese name
    indicator_en: str
    subject: str
    topic: str                     # one of TOPICS
    context: str = ""              # the source sentence
    article_index: int = 0
    indicator_id: str | None = None   # catalogue id; None when uncatalogued
    confidence: float = 1.0
    subject_adcode: str | None = None  # the subject's administrative division code, when a place

    @property
    def catalogued(self) -> bool:
        return self.indicator_id is not None

    def to_gold_row(self) -> dict:
        """The JSONL row of ``python -m etl extract`` (fields of the gold README)."""
        row = asdict(self)
        for extra in ("context", "article_index", "indicator_id", "confidence", "subject_adcode"):
            row.pop(extra)
        row = {"doc": row.pop("doc"), **row}
        row["context"] = self.context
        return row


def mention_key(doc_id: str, start: int, text: str) -> str:
    """Stable id of a mention across re-runs: the document's content hash and the surface span.

    Not the file name: two different files may share a name (two uploads of ``report.txt``),
    and the same file may be renamed; the content and the position identify the number.
    """
    raw = f"{doc_id}\x1f{start}\x1f{text}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class RunStats:
    """What one ETL run did, for the summary line and the runs table."""

    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_duplicate: int = 0       # same bytes as a file loaded from another path
    files_pruned: int = 0
    articles: int = 0
    mentions: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)   # (path, message)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as found in text, before it is interpreted as an indicator.

    Offsets are into the text the finder was given (an article body), end exclusive. ``text``
    spans the number, its magnitude and unit (``32.5万人次``), not the words before it (约, 超).
    """

    start: int
    end: int
    text: str
    value: float                   # in base units: 32.5万人次 -> 325000; 下降3.5% -> -3.5
    unit: str                      # base unit: 元, 人次, 人, %, 百分点, 平方米 ...
    bound: str = "exact"           # exact | approx | at_least, from 约/近/左右, 超/余/以上 ...
    value_high: float | None = None   # upper end of a range (3—5亿元)
