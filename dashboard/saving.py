"""The Review page's writes: one correction through ``etl.corrections.add_correction``.

The dashboard never writes the database; corrections go to the append-only store that the ETL
and the reader both apply. Caches are cleared after a save so the charts show it at once.
"""
from __future__ import annotations

from pathlib import Path

from dashboard import queries
from etl.corrections import add_correction

#: Review decisions -> store actions. "accept" marks the mention as reviewed and confirmed as
#: extracted: it stays unchanged and leaves the review queue.
STORE_ACTIONS = {"accept": "accept", "reject": "reject", "correct": "override"}
FIELDS = ("value", "unit", "year", "indicator", "subject")


def save_review(store: Path, mention_key: str, decision: str, fields: dict,
                note: str | None = None) -> None:
    """Record an analyst's decision; raises EtlError when the store refuses the line."""
    action = STORE_ACTIONS[decision]
    payload = None
    if action == "override":
        payload = {k: v for k, v in fields.items() if k in FIELDS and v not in (None, "")}
        if "value" in payload:
            payload["value"] = float(payload["value"])
        if "year" in payload:
            payload["year"] = int(payload["year"])
    add_correction(Path(store), mention_key, action, fields=payload, note=note)
    queries.clear_caches()


def withdraw(store: Path, mention_key: str) -> None:
    """Withdraw every correction of a mention (a ``restore`` line): it shows as extracted again."""
    add_correction(Path(store), mention_key, "restore")
    queries.clear_caches()


def undo(store: Path, mention_key: str) -> str:
    """Undo the last correction of a mention by appending a line (the store stays append-only):
    a copy of the line before it, or a ``restore`` when there was none. Returns the action of
    the line appended."""
    from etl.corrections import read_corrections

    lines = [c for c in read_corrections(Path(store))[0] if c.mention_key == mention_key]
    if not lines:
        raise ValueError(f"{mention_key}: no correction to undo")
    before = lines[-2] if len(lines) > 1 else None
    note = f"undo of line {lines[-1].line_no}"
    if before is None or before.action == "restore":
        add_correction(Path(store), mention_key, "restore", note=note)
        action = "restore"
    else:
        add_correction(Path(store), mention_key, before.action, fields=before.fields or None,
                       note=note)
        action = before.action
    queries.clear_caches()
    return action
