"""The annotator on real sentences: tests/cases/annotate.csv, one row per behaviour or bug.

Each row gives a passage, every quantity in it (``text=value unit bound``, in order) and the
fields expected of one of them (``check`` is its index); an empty expected cell is not checked.
Quantities are built here, so the table tests the annotator alone.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from etl.indicators import annotate
from etl.models import QUALIFIERS, MEASURES, TOPICS, Article, Document, MappedText, Quantity
from etl.settings import Settings

CASES = Path(__file__).parent / "cases"
FIELDS = ("qualifier", "measure", "year", "indicator", "topic", "subject")


def _rows() -> list[dict[str, str]]:
    with open(CASES / "annotate.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _document(text: str, published_on: date | None) -> Document:
    return Document(path="case.txt", name="case.txt", text=text, content_hash="0" * 64,
                    encoding="utf-8", format="text", published_on=published_on)


def _article(text: str, headline: str = "") -> Article:
    return Article(doc_name="case.txt", index=0, headline=headline, byline=None, start=0,
                   end=len(text), body=MappedText.identity(text))


def _quantities(passage: str, cell: str) -> list[Quantity]:
    """``3000亿元=300000000000 元 at_least;…`` -> quantities located in order in the passage."""
    out, pos = [], 0
    for item in filter(None, (part.strip() for part in cell.split(";"))):
        text, _, rest = item.partition("=")
        value, unit, bound = rest.split()
        start = passage.index(text, pos)
        pos = start + len(text)
        out.append(Quantity(start, pos, text, float(value), unit, bound))
    return out


def _annotated(row: dict[str, str]):
    published_on = date.fromisoformat(row["published_on"]) if row["published_on"] else None
    passage = row["passage"]
    mentions = annotate(_article(passage), _quantities(passage, row["quantities"]),
                        _document(passage, published_on), Settings())
    return mentions[int(row["check"])]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for r in _rows()])
def test_annotate_case(row):
    mention = _annotated(row)
    got = {name: getattr(mention, name) for name in FIELDS}
    expected = {name: row[name] for name in FIELDS if row[name] != "" or name == "year"}
    if "year" in expected:
        expected["year"] = int(expected["year"]) if expected["year"] else None
    assert {name: got[name] for name in expected} == expected


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for r in _rows()[:12]])
def test_mention_spans_and_context_are_exact_substrings(row):
    mention = _annotated(row)
    passage = row["passage"]
    assert mention.text == passage[mention.start:mention.end]
    assert mention.context in passage and mention.text in mention.context
    assert len(mention.context) <= 130


def test_same_concept_in_two_articles_gets_the_same_uncatalogued_name():
    first = "此外，属于钱塘的“满塘彩”还有很多：三项工作获省政府督查激励。"
    second = "今年，全区又有两项工作获省政府督查激励。"
    names = []
    for text, surface, value in ((first, "三项", 3), (second, "两项", 2)):
        start = text.index(surface)
        q = Quantity(start, start + 2, surface, value, "项")
        mention = annotate(_article(text), [q], _document(text, date(2025, 2, 7)), Settings())[0]
        assert mention.indicator_id is None and mention.confidence < 0.8
        names.append(mention.indicator)
    assert names[0] == names[1]


def test_catalogued_mentions_carry_the_catalogue_id():
    text = "春节期间，钱塘累计接待游客32.5万人次。"
    start = text.index("32.5")
    q = Quantity(start, start + 8, "32.5万人次", 325000, "人次")
    mention = annotate(_article(text), [q], _document(text, date(2025, 2, 7)), Settings())[0]
    assert (mention.indicator_id, mention.indicator_en) == ("tourist_visits", "tourist visits")
    assert mention.period == "2025-春节" and mention.confidence >= 0.8


def test_offsets_map_back_to_the_document_through_the_body():
    """The body is a cleaned copy starting later in the document; mentions point into the document."""
    doc_text = "标题\n\n总投资约１１.２亿元，总用地面积４.７６万平方米。"
    body_text = "总投资约11.2亿元,总用地面积4.76万平方米。"
    base = doc_text.index("总投资")
    article = Article("case.txt", 0, "标题", None, base, len(doc_text),
                      MappedText.identity(body_text, base))
    start = body_text.index("11.2")
    q = Quantity(start, start + 6, "11.2亿元", 1.12e9, "元", "approx")
    mention = annotate(article, [q], _document(doc_text, date(2025, 2, 7)), Settings())[0]
    assert doc_text[mention.start:mention.end] == "１１.２亿元" == mention.text
    assert mention.context in doc_text and mention.indicator == "项目总投资"


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.text(alphabet="今年去年前三季度2024年,。、增长同比占约超预计将力争项目总投资元万亿栋个\n 1234567890%",
               max_size=80),
       st.lists(st.tuples(st.integers(0, 79), st.integers(1, 6)), max_size=5))
def test_any_text_gives_well_formed_mentions(text, spans):
    """Whatever the words around them, every quantity gives one mention with valid fields."""
    quantities = sorted({(s, min(len(text), s + n)) for s, n in spans if s < len(text)})
    quantities = [Quantity(s, e, text[s:e], 1.0, "元") for s, e in quantities if e > s]
    mentions = annotate(_article(text), quantities, _document(text, date(2025, 2, 7)), Settings())
    assert len(mentions) == len(quantities)
    for m in mentions:
        assert m.text == text[m.start:m.end]
        assert m.qualifier in QUALIFIERS and m.measure in MEASURES and m.topic in TOPICS
        assert m.indicator and 0 < m.confidence <= 1
