"""Independent check of ../gold/*.jsonl against ../corpus/*.txt and the gold README
(/work/shared/gold/README.md): offsets, contexts, vocabularies, periods, years, consistency.

Usage (from this folder): python validate.py
Exit status 1 on any error; prints a per-document summary otherwise.
"""
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUALIFIERS = {"exact", "approx", "at_least", "target", "forecast"}
MEASURES = {"level", "yoy_growth", "growth", "share", "progress"}
TOPICS = {"economy", "agriculture", "industry", "investment", "tourism_culture", "consumption",
          "construction_housing", "energy_environment", "education", "labor_employment",
          "innovation_tech", "market_entities", "governance", "other"}
REASONS = {"phone", "issue_number", "page_count", "date_or_time", "document_id", "policy_code",
           "ordinal_or_rank", "address_or_route", "meeting_sequence", "floor_count", "email", "other"}
BASE = {"doc", "start", "end", "text", "context", "is_indicator"}
IND = BASE | {"value", "unit", "qualifier", "measure", "period", "year", "indicator",
              "indicator_en", "subject", "topic"}
PERIOD = re.compile(
    r"^(?:\d{4}"
    r"(?:-Q[1-4](?:\.\.Q[1-4])?"
    r"|-\d{2}(?:\.\.\d{2})?"
    r"|-\d{2}\.\.\d{4}-\d{2}"
    r"|-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?"
    r"|-[\u4e00-\u9fff]+)?"
    r"|\.\.\d{4}|每年|每日)$")
ORG = re.compile(r"(统计局|供电公司|文旅广电局|文旅局|住建局|住房和城乡建设局|农业农村局|商务局|管委会|日报|融媒体中心|人民政府)$")

errors = []
def err(msg):
    errors.append(msg)

corpus = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))}
golds = sorted((ROOT / "gold").glob("*.jsonl"))
if {g.stem for g in golds} != {Path(n).stem for n in corpus}:
    err(f"gold and corpus names differ: {sorted(g.stem for g in golds)} vs {sorted(corpus)}")

by_indicator = collections.defaultdict(set)
summary = []
for g in golds:
    doc = g.stem + ".txt"
    text = corpus.get(doc, "")
    rows = [json.loads(line) for line in g.read_text(encoding="utf-8").splitlines() if line.strip()]
    prev_end = -1
    for i, r in enumerate(rows):
        where = f"{g.name}:{i + 1}"
        keys = set(r) - {"note", "reason"}
        if r.get("doc") != doc:
            err(f"{where}: doc {r.get('doc')!r} != {doc!r}")
        s, e = r.get("start"), r.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            err(f"{where}: bad offsets {s}, {e}")
            continue
        if text[s:e] != r["text"]:
            err(f"{where}: text {r['text']!r} != file[{s}:{e}] {text[s:e]!r}")
        ctx = r.get("context", "")
        if not (0 < len(ctx) <= 80 and r["text"] in ctx):
            err(f"{where}: context must hold the text and be 1..80 chars: {ctx!r}")
        covers = [m.start() for m in re.finditer(re.escape(ctx), text)
                  if m.start() <= s and e <= m.start() + len(ctx)]
        if not covers:
            err(f"{where}: no occurrence of the context covers the span: {ctx!r}")
        if s < prev_end:
            err(f"{where}: rows overlap or are out of order at {s}")
        prev_end = e
        if not isinstance(r.get("is_indicator"), bool):
            err(f"{where}: is_indicator must be a boolean")
        if r["is_indicator"]:
            if keys != IND:
                err(f"{where}: fields {sorted(keys ^ IND)} missing or extra")
                continue
            v = r["value"]
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                err(f"{where}: value must be a number")
            if not (isinstance(r["unit"], str) and r["unit"]):
                err(f"{where}: empty unit")
            if r["qualifier"] not in QUALIFIERS:
                err(f"{where}: qualifier {r['qualifier']!r}")
            if r["measure"] not in MEASURES:
                err(f"{where}: measure {r['measure']!r}")
            if r["topic"] not in TOPICS:
                err(f"{where}: topic {r['topic']!r}")
            if r["measure"] in ("yoy_growth", "share", "progress") and r["unit"] != "%":
                err(f"{where}: {r['measure']} in {r['unit']!r}, expected %")
            if r["unit"] == "百分点" and r["measure"] != "growth":
                err(f"{where}: 百分点 must be a growth")
            p, y = r["period"], r["year"]
            if p is not None and not (isinstance(p, str) and PERIOD.match(p)):
                err(f"{where}: period {p!r}")
            if not (isinstance(y, int) and 1990 < y < 2040):
                err(f"{where}: year {y!r}")
            elif isinstance(p, str) and re.match(r"^(\.\.)?\d{4}", p) and int(p.lstrip(".")[:4]) != y:
                err(f"{where}: year {y} does not match period {p}")
            for f in ("indicator", "indicator_en", "subject"):
                if not (isinstance(r[f], str) and r[f].strip()):
                    err(f"{where}: empty {f}")
            if ORG.search(r["subject"]):
                err(f"{where}: subject looks like a reporting organisation: {r['subject']}")
            if r["measure"] in ("yoy_growth", "growth") and r["value"] < 0 and r["qualifier"] != "exact":
                pass
            by_indicator[r["indicator"]].add((r["indicator_en"], r["topic"]))
        else:
            if keys != BASE:
                err(f"{where}: non-indicator with fields {sorted(keys - BASE)}")
            if r.get("reason") not in REASONS:
                err(f"{where}: reason {r.get('reason')!r}")
    n_ind = sum(r["is_indicator"] for r in rows)
    summary.append((doc, len(text), len(rows), n_ind, len(rows) - n_ind))

for ind, variants in sorted(by_indicator.items()):
    if len(variants) > 1:
        err(f"indicator {ind} has several English names or topics: {sorted(variants)}")

for doc, chars, n, ni, nn in summary:
    print(f"{doc:45s} {chars:5d} chars {n:4d} rows {ni:4d} indicators {nn:4d} non-indicators")
tot = [sum(x[i] for x in summary) for i in (2, 3, 4)]
print(f"{'total':45s}            {tot[0]:4d} rows {tot[1]:4d} indicators {tot[2]:4d} non-indicators")
if errors:
    print(f"\n{len(errors)} error(s):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("\nOK: offsets, contexts, vocabularies, periods, years and indicator catalogue are consistent.")
