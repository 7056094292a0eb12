"""The records passed between pipeline stages.

ingest: file -> Document; segment: Document -> Article; extract: Article -> Mention; load: -> DuckDB.
Every offset stored in a record points into ``Document.text`` (the file's decoded text), so a
mention can always be shown back in its source.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
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


class OffsetMap(Sequence[int]):
    """Document offsets of the characters of a cleaned text, held as runs.

    Reads like a tuple of ``len(text) + 1`` offsets (``offsets[i]`` is the document offset of
    ``text[i]``; the last entry is just past the last character), but stores one pair per run
    of consecutive document characters (a paragraph, a line), so a body of millions of
    characters costs a few numbers, not a list of millions. Built by ``OffsetMapBuilder``.
    """

    __slots__ = ("_starts", "_offsets", "_chars")

    def __init__(self, starts: list[int], offsets: list[int], chars: int):
        self._starts, self._offsets, self._chars = starts, offsets, chars

    @classmethod
    def identity(cls, chars: int, base: int = 0) -> "OffsetMap":
        return cls([0], [base], chars)

    def __len__(self) -> int:
        return self._chars + 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index <= self._chars:
            raise IndexError("offset index out of range")
        k = bisect_right(self._starts, index) - 1
        return self._offsets[k] + index - self._starts[k]

    def __iter__(self) -> Iterator[int]:
        bounds = self._starts[1:] + [self._chars + 1]
        for start, offset, end in zip(self._starts, self._offsets, bounds):
            yield from range(offset, offset + end - start)

    def shifted(self, base: int) -> "OffsetMap":
        """The same map with every offset ``base`` further on."""
        return OffsetMap(self._starts, [o + base for o in self._offsets], self._chars)

    def runs(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """(document offset, length) of the runs holding ``text[start:end]``."""
        k = max(0, bisect_right(self._starts, start) - 1)
        while start < end:
            run_end = self._starts[k + 1] if k + 1 < len(self._starts) else self._chars
            stop = min(end, run_end)
            if stop > start:
                yield self._offsets[k] + start - self._starts[k], stop - start
            start = stop
            k += 1

    def __eq__(self, other) -> bool:
        if isinstance(other, OffsetMap):
            return (self._chars, self._starts, self._offsets) == (other._chars, other._starts, other._offsets)
        return isinstance(other, (tuple, list)) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash((self._chars, tuple(self._starts), tuple(self._offsets)))

    def __repr__(self) -> str:
        return f"OffsetMap({self._chars} characters in {len(self._starts)} runs)"


class OffsetMapBuilder:
    """Appends runs of consecutive document characters; ``build()`` gives the OffsetMap."""

    def __init__(self):
        self.starts: list[int] = []
        self.offsets: list[int] = []
        self.chars = 0

    def add(self, offset: int, length: int) -> None:
        """The next ``length`` characters are the document's from ``offset`` on."""
        if length <= 0:
            return
        if not self.starts or self.offsets[-1] + self.chars - self.starts[-1] != offset:
            self.starts.append(self.chars)
            self.offsets.append(offset)
        self.chars += length

    def build(self, empty_at: int = 0) -> OffsetMap:
        """The map; an empty text maps to ``(empty_at,)``."""
        if not self.starts:
            return OffsetMap.identity(0, empty_at)
        return OffsetMap(list(self.starts), list(self.offsets), self.chars)


@dataclass(frozen=True)
class MappedText:
    """A cleaned copy of part of a document, with a map back to document offsets.

    ``offsets[i]`` is the document offset of ``text[i]``; ``offsets`` has one extra final entry
    (the document offset just past the last character) so that end-exclusive spans map too.
    """

    text: str
    offsets: OffsetMap

    @classmethod
    def identity(cls, text: str, base: int = 0) -> "MappedText":
        return cls(text, OffsetMap.identity(len(text), base))

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
