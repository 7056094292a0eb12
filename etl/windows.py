"""A document's text in windows: bounded work and memory per window, whatever the text's length.

A text of at most WINDOW_CHARS characters is one window, extracted exactly as a whole. A longer
text (a year of bulletins in one file, a text with no line breaks) is extracted a window at a
time, in order, as its pieces arrive (``etl.streaming`` reads large files piece by piece). A
window ends at the strongest break in its last half: a wide gap between articles, a blank line,
a line break, a sentence end, a clause mark, else at WINDOW_CHARS. Each window is read with up to
OVERLAP_CHARS of the text before it as context (from a line start when there is one), so that
look-backs see the sentences before the cut; only the numbers that start in the window itself are
kept, so each number is extracted once. What the document says of its own place (masthead, 来源
line, the places it names most) is read once, from the first window, and holds for every window. An article cut by a window boundary becomes two articles;
the second keeps the headline its window read, if any. Offsets are document offsets throughout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from etl.models import Article, Document, MappedText, Mention
from etl.places import PagePlaces, page_places
from etl.settings import Settings

#: Characters extracted at once: the unit of work and of memory of a long text.
WINDOW_CHARS = 200_000
#: Characters of the text before a window read with it as context (numbers there are not kept).
OVERLAP_CHARS = 2_000
#: Breaks a window may end at, strongest first: wide gap, blank line, line break, sentence end,
#: clause mark. A window ends just after the last break of the strongest kind in its last half.
_BREAKS = (re.compile(r"\n[ \t\u3000\r]*\n[ \t\u3000\r]*\n"), re.compile(r"\n[ \t\u3000\r]*\n"),
           re.compile(r"\n"), re.compile(r"[。！？!?；;][”’」』)）]?"), re.compile(r"[，,、：:]"))


@dataclass(frozen=True)
class Window:
    """``text`` is the document's text from ``context_start`` on; the window's own characters
    start at ``start`` (the characters before it are context only)."""

    start: int
    context_start: int
    text: str

    @property
    def end(self) -> int:
        return self.context_start + len(self.text)

    @property
    def own_text(self) -> str:
        return self.text[self.start - self.context_start:]


@dataclass(frozen=True)
class Piece:
    """What one window gave: its own text and the articles and mentions found in it."""

    index: int
    window: Window
    articles: list[Article]
    mentions: list[Mention]


def windows(chunks: Iterable[str], size: int | None = None,
            overlap: int | None = None) -> Iterator[Window]:
    """The windows of the text made of ``chunks`` (pieces of any length, in order); ``size`` and
    ``overlap`` default to WINDOW_CHARS and OVERLAP_CHARS."""
    size = size or WINDOW_CHARS
    overlap = OVERLAP_CHARS if overlap is None else overlap
    buffer, buffer_start, own_start = "", 0, 0
    for chunk in chunks:
        buffer += chunk
        while buffer_start + len(buffer) - own_start > size:
            own = own_start - buffer_start
            cut = _cut(buffer, own, size)
            yield Window(own_start, buffer_start, buffer[:cut])
            context = _context_start(buffer, cut, overlap)
            buffer, buffer_start, own_start = buffer[context:], buffer_start + context, buffer_start + cut
    if buffer or own_start == 0:
        yield Window(own_start, buffer_start, buffer)


def _cut(text: str, own: int, size: int) -> int:
    """Where the window whose own text starts at ``own`` ends: after the strongest break of its
    last half, else after ``size`` characters."""
    low, high = own + size // 2, own + size
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, low, high):
            pass
        if last is not None:
            return last.end()
    return high


def _context_start(text: str, cut: int, overlap: int) -> int:
    """Where the context of the window starting at ``cut`` begins: the first line start (else
    the first sentence start) in the ``overlap`` characters before it."""
    low = max(0, cut - overlap)
    if low == 0:
        return 0
    for pattern in _BREAKS[2:4]:
        found = pattern.search(text, low, cut)
        if found is not None:
            return found.end()
    return low


def extract_pieces(doc: Document, chunks: Iterable[str],
                   settings: Settings | None = None) -> Iterator[Piece]:
    """The pieces of a document whose text comes as ``chunks``, in order.

    ``doc`` gives the name and publication date; its ``text`` is not read (a file read in
    pieces has none). Articles are numbered across the whole document.
    """
    settings = settings or Settings()
    articles_before, page = 0, None
    for index, window in enumerate(windows(chunks)):
        if page is None:             # the masthead, 来源 line and places of the first window
            page = page_places(replace(doc, text=window.text), settings.default_region)
        articles, mentions = _extract_window(doc, window, settings, articles_before, page)
        articles_before += len(articles)
        yield Piece(index, window, articles, mentions)


def extract_text(doc: Document, settings: Settings | None = None) -> tuple[list[Article], list[Mention]]:
    """Articles and mentions of a whole document (``doc.text``), window by window."""
    articles: list[Article] = []
    mentions: list[Mention] = []
    for piece in extract_pieces(doc, [doc.text], settings):
        articles.extend(piece.articles)
        mentions.extend(piece.mentions)
    return articles, mentions


def _extract_window(doc: Document, window: Window, settings: Settings, first_index: int,
                    page: PagePlaces) -> tuple[list[Article], list[Mention]]:
    from etl.extract import extract_whole

    base, own = window.context_start, window.start - window.context_start
    whole = doc if (base == 0 and doc.text == window.text) else replace(doc, text=window.text)
    articles, mentions = extract_whole(whole, settings, page)
    if base == 0 and own == 0 and first_index == 0:
        return articles, mentions                   # a text in one window: as it was found
    numbers: dict[int, int] = {}
    kept_articles = []
    for article in articles:
        if article.end <= own:
            continue                                # wholly in the context before the window
        numbers[article.index] = first_index + len(kept_articles)
        kept_articles.append(replace(
            article, index=numbers[article.index], start=base + max(article.start, own),
            end=base + article.end,
            body=MappedText(article.body.text, article.body.offsets.shifted(base))))
    kept_mentions = [replace(m, start=base + m.start, end=base + m.end,
                             article_index=numbers[m.article_index])
                     for m in mentions if m.start >= own]
    return kept_articles, kept_mentions
