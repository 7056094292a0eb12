"""A long text extracted window by window: the same numbers as the whole text, in bounded pieces."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from etl import windows
from etl.extract import extract_document, extract_whole
from etl.ingest import read_document
from etl.places import page_places
from etl.settings import Settings
from warehouse_support import SAMPLE

PAGES = [read_document(p) for p in sorted(SAMPLE.glob("*.txt"))]


def _fields(mentions):
    return [(m.start, m.end, m.text, m.value, m.unit, m.qualifier, m.measure, m.year, m.indicator,
             m.subject, m.subject_adcode, m.topic, m.context) for m in mentions]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab。，\n ", max_size=300), max_size=8), st.integers(20, 200),
       st.integers(0, 50))
def test_the_windows_own_texts_put_together_are_the_text(chunks, size, overlap):
    text = "".join(chunks)
    found = list(windows.windows(chunks, size, overlap))
    assert "".join(w.own_text for w in found) == text
    assert [w.start for w in found] == sorted({w.start for w in found})
    for w in found:
        assert w.context_start <= w.start and len(w.own_text) <= size
        assert w.text == text[w.context_start:w.end] and w.start - w.context_start <= overlap


def test_a_window_ends_at_the_strongest_break_of_its_last_half():
    text = "甲" * 60 + "。" + "乙" * 20 + "\n" + "丙" * 30 + "，" + "丁" * 30
    first = next(windows.windows([text], size=100, overlap=10))
    assert first.own_text.endswith("\n")                 # a line break beats a sentence end


@pytest.mark.parametrize("layout", ["pages", "one line"])
def test_a_long_text_gives_the_numbers_of_the_whole_text(monkeypatch, layout):
    """Sample pages one after another (with blank lines), or joined into one line without any
    break, extracted in windows of 6,000 characters: the same mentions, field for field, as the
    whole text read with the places its first window names."""
    if layout == "pages":
        text = "\n\n\n".join(doc.text for doc in PAGES) * 2
    else:
        text = "".join("".join(doc.text.split()) for doc in PAGES)
    doc = replace(PAGES[0], text=text)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 6_000)
    articles, mentions = extract_document(doc)
    assert len({a.index for a in articles}) == len(articles)
    first = next(windows.windows([text]))
    page = page_places(replace(doc, text=first.text), Settings().default_region)
    assert _fields(mentions) == _fields(extract_whole(doc, page=page)[1])
    for m in mentions:
        assert text[m.start:m.end] == m.text
        article = articles[m.article_index]
        assert article.start <= m.start and m.end <= article.end


def test_a_text_in_one_window_is_extracted_as_a_whole():
    doc = PAGES[1]
    assert _fields(extract_document(doc)[1]) == _fields(extract_whole(doc)[1])
    assert [a.start for a in extract_document(doc)[0]] == [a.start for a in extract_whole(doc)[0]]


def test_pieces_come_as_the_text_does(monkeypatch):
    """extract_pieces reads its chunks lazily: the first piece is ready before the text ends."""
    monkeypatch.setattr(windows, "WINDOW_CHARS", 20_000)
    text = "\n\n\n".join(doc.text for doc in PAGES) * 3
    doc = replace(PAGES[0], text="")
    read = []

    def chunks():
        for at in range(0, len(text), 10_000):
            read.append(at)
            yield text[at:at + 10_000]

    pieces = windows.extract_pieces(doc, chunks())
    first = next(pieces)
    assert first.index == 0 and first.mentions and len(read) < len(range(0, len(text), 10_000))
    rest = list(pieces)
    assert "".join(p.window.own_text for p in [first, *rest]) == text
