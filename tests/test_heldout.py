"""The extractor on the evaluation sets of real-register text (tests/heldout*, tests/dev_real).

The floors below are regression guards, set a little under what the extractor scores today (the
figures are in each set's README and in the README's Extraction section). They say "no worse than
now", not "good enough": raise them as the extractor improves, never lower them to make a change
pass. Each set's gold rows are checked too: they point at their text and use the vocabularies.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.evaluate import load_gold, score
from etl.models import MEASURES, QUALIFIERS, TOPICS

REPO_ROOT = Path(__file__).resolve().parent.parent
SETS = ("heldout", "heldout_b", "heldout_c", "dev_real", "heldout_d")
REASONS = {"phone", "issue_number", "page_count", "date_or_time", "document_id", "policy_code",
           "ordinal_or_rank", "address_or_route", "meeting_sequence", "floor_count", "email", "other"}
INDICATOR_FIELDS = {"doc", "start", "end", "text", "context", "is_indicator", "value", "unit",
                    "qualifier", "measure", "period", "year", "indicator", "indicator_en",
                    "subject", "topic"}

#: Non-indicators that are never a quantity, whatever the context: reporting one is a plain bug.
NEVER_INDICATORS = {"phone", "email", "issue_number", "page_count", "document_id", "date_or_time"}

FIGURES = ("value+unit F1", "full-record F1", "year accuracy", "qualifier accuracy",
           "measure accuracy", "topic accuracy", "subject accuracy", "indicator grouping F1",
           "series grouping F1")
#: set -> the floor of each figure of FIGURES, in that order
FLOORS = {
    "heldout":   (0.99, 0.97, 0.99, 0.99, 0.98, 0.96, 0.92, 0.90, 0.92),
    "heldout_b": (0.98, 0.93, 0.96, 0.98, 0.98, 0.90, 0.92, 0.78, 0.85),
    "heldout_c": (0.98, 0.95, 0.99, 0.97, 0.98, 0.93, 0.90, 0.85, 0.88),
    "dev_real":  (0.98, 0.97, 0.99, 0.99, 0.98, 0.96, 0.93, 0.86, 0.89),
    "heldout_d": (0.97, 0.95, 0.99, 0.98, 0.97, 0.89, 0.84, 0.79, 0.84),
}
#: set -> the most predictions on non-indicator rows allowed
MAX_NON_INDICATOR_FALSE_POSITIVES = {"heldout": 0, "heldout_b": 0, "heldout_c": 6, "dev_real": 9,
                                     "heldout_d": 12}


def _documents(name: str) -> list[str]:
    return sorted(p.name for p in (REPO_ROOT / "tests" / name / "corpus").glob("*.txt"))


@pytest.fixture(scope="module", params=SETS)
def scored(request):
    """(set name, Score) of `python -m etl extract` over the set's corpus."""
    name = request.param
    corpus = REPO_ROOT / "tests" / name / "corpus"
    done = subprocess.run([sys.executable, "-m", "etl", "extract",
                           *(str(corpus / doc) for doc in _documents(name))],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    predictions: dict[str, list[dict]] = {}
    for line in done.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            predictions.setdefault(row["doc"], []).append(row)
    return name, score(predictions, load_gold(REPO_ROOT / "tests" / name / "gold"))


def _figures(result) -> dict[str, float]:
    return {
        "value+unit F1": result.value_unit[2],
        "full-record F1": result.full_record[2],
        "year accuracy": result.accuracy("year"),
        "qualifier accuracy": result.accuracy("qualifier"),
        "measure accuracy": result.accuracy("measure"),
        "topic accuracy": result.accuracy("topic"),
        "subject accuracy": result.accuracy("subject"),
        "indicator grouping F1": result.grouping[2],
        "series grouping F1": result.series_grouping[2],
    }


def test_the_extractor_keeps_its_score_on_every_set(scored):
    name, result = scored
    figures = _figures(result)
    fallen = {figure: (round(figures[figure], 3), floor)
              for figure, floor in zip(FIGURES, FLOORS[name]) if figures[figure] < floor}
    assert not fallen, f"{name}: figures below their floors (now, floor): {fallen}"


def _non_indicator_hits(result) -> list[tuple[str, str, str]]:
    return [(p["doc"], p["text"], g["reason"]) for p, g in result.non_indicator_false_positives]


def test_no_phone_email_issue_page_document_number_or_time_is_reported(scored):
    _, result = scored
    assert [hit for hit in _non_indicator_hits(result) if hit[2] in NEVER_INDICATORS] == []


def test_non_indicator_false_positives_do_not_grow(scored):
    name, result = scored
    hits = _non_indicator_hits(result)
    assert len(hits) <= MAX_NON_INDICATOR_FALSE_POSITIVES[name], hits


@pytest.mark.parametrize("name", SETS)
def test_every_gold_row_points_at_its_text_and_uses_the_vocabularies(name):
    corpus, gold = REPO_ROOT / "tests" / name / "corpus", REPO_ROOT / "tests" / name / "gold"
    rows_of = load_gold(gold)
    assert sorted(p.stem for p in gold.glob("*.jsonl")) == [Path(d).stem for d in _documents(name)]
    for doc in _documents(name):
        text = (corpus / doc).read_text(encoding="utf-8")
        rows = rows_of[doc]
        assert rows, f"no gold rows for {doc}"
        assert rows == sorted(rows, key=lambda r: (r["start"], r["end"])), f"{doc}: rows not in text order"
        for before, after in zip(rows, rows[1:]):
            assert before["end"] <= after["start"], f"{doc}: overlapping {before['text']!r} {after['text']!r}"
        for row in rows:
            assert text[row["start"]:row["end"]] == row["text"], row
            assert row["text"] in row["context"] and row["context"] in text and len(row["context"]) <= 80
            if row["is_indicator"]:
                assert INDICATOR_FIELDS <= row.keys(), row
                assert row["qualifier"] in QUALIFIERS and row["measure"] in MEASURES, row
                assert row["topic"] in TOPICS and row["unit"] and row["indicator"], row
            else:
                assert row["reason"] in REASONS, row
