"""The extractor on the held-out set (tests/heldout): text it was never tuned on.

The floors below are regression guards, set a little under what the extractor scored when the set
was written (figures in tests/heldout/README.md). They say "no worse than then", not "good enough":
raise them as the extractor improves, never lower them to make a change pass.
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
HELDOUT = REPO_ROOT / "tests" / "heldout"
CORPUS = HELDOUT / "corpus"
GOLD = HELDOUT / "gold"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*.txt"))
REASONS = {"phone", "issue_number", "page_count", "date_or_time", "document_id", "policy_code",
           "ordinal_or_rank", "address_or_route", "meeting_sequence", "floor_count", "email", "other"}
INDICATOR_FIELDS = {"doc", "start", "end", "text", "context", "is_indicator", "value", "unit",
                    "qualifier", "measure", "period", "year", "indicator", "indicator_en",
                    "subject", "topic"}

#: Non-indicators that are never a quantity, whatever the context: reporting one is a plain bug.
NEVER_INDICATORS = {"phone", "email", "issue_number", "page_count", "document_id", "date_or_time"}

#: (figure, floor, measured when the set was written)
FLOORS = [
    ("value+unit F1", 0.98, 0.999),
    ("value+unit precision", 0.98, 0.997),
    ("value+unit recall", 0.98, 1.000),
    ("full-record F1", 0.83, 0.984),
    ("year accuracy", 0.87, 0.995),
    ("qualifier accuracy", 0.97, 0.997),
    ("measure accuracy", 0.97, 0.992),
    ("topic accuracy", 0.91, 0.939),
    ("indicator grouping F1", 0.84, 0.865),
]
MAX_NON_INDICATOR_FALSE_POSITIVES = 2      # 1 when measured: a repeated OCR line (other)


@pytest.fixture(scope="module")
def result():
    done = subprocess.run([sys.executable, "-m", "etl", "extract",
                           *(str(CORPUS / name) for name in DOCUMENTS)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    predictions: dict[str, list[dict]] = {}
    for line in done.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            predictions.setdefault(row["doc"], []).append(row)
    return score(predictions, load_gold(GOLD))


def _figure(result, name: str) -> float:
    p, r, f = result.value_unit
    return {
        "value+unit F1": f, "value+unit precision": p, "value+unit recall": r,
        "full-record F1": result.full_record[2],
        "year accuracy": result.accuracy("year"),
        "qualifier accuracy": result.accuracy("qualifier"),
        "measure accuracy": result.accuracy("measure"),
        "topic accuracy": result.accuracy("topic"),
        "indicator grouping F1": result.grouping[2],
    }[name]


@pytest.mark.parametrize("name, floor, measured", FLOORS,
                         ids=[f"{name} stays at or above {floor}" for name, floor, _ in FLOORS])
def test_the_extractor_keeps_its_held_out_score(result, name, floor, measured):
    assert _figure(result, name) >= floor, f"{name} fell below {floor} (was {measured})"


def _non_indicator_hits(result) -> list[tuple[str, str, str]]:
    """Predictions on a non-indicator row (not those on an indicator row with a wrong value)."""
    return [(p["doc"], p["text"], g["reason"]) for p, g in result.false_positives
            if g is not None and not g.get("is_indicator")]


def test_no_phone_email_issue_page_document_number_or_time_is_reported(result):
    hits = [hit for hit in _non_indicator_hits(result) if hit[2] in NEVER_INDICATORS]
    assert hits == []


def test_non_indicator_false_positives_do_not_grow(result):
    hits = _non_indicator_hits(result)
    assert len(hits) <= MAX_NON_INDICATOR_FALSE_POSITIVES, hits


@pytest.mark.parametrize("doc", DOCUMENTS,
                         ids=[f"every gold row of {d} points at its text" for d in DOCUMENTS])
def test_every_gold_row_points_at_its_text_and_uses_the_vocabularies(doc):
    text = (CORPUS / doc).read_text(encoding="utf-8")
    rows = load_gold(GOLD)[doc]
    assert rows, f"no gold rows for {doc}"
    assert rows == sorted(rows, key=lambda r: (r["start"], r["end"])), "rows not in text order"
    for before, after in zip(rows, rows[1:]):
        assert before["end"] <= after["start"], f"overlapping rows {before['text']!r} {after['text']!r}"
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"], row
        assert row["text"] in row["context"] and row["context"] in text and len(row["context"]) <= 80
        if row["is_indicator"]:
            assert INDICATOR_FIELDS <= row.keys(), row
            assert row["qualifier"] in QUALIFIERS and row["measure"] in MEASURES, row
            assert row["topic"] in TOPICS and row["unit"] and row["indicator"], row
        else:
            assert row["reason"] in REASONS, row


def test_the_set_has_every_document_of_the_corpus_and_nothing_else():
    assert sorted(p.stem for p in GOLD.glob("*.jsonl")) == [Path(d).stem for d in DOCUMENTS]
    assert len(DOCUMENTS) >= 10
