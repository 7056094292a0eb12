"""Analyst corrections: an append-only JSON Lines store keyed by mention_key.

One line per correction::

    {"mention_key": "3f2a…", "created_at": "2026-11-22T22:40:00+00:00", "action": "override",
     "fields": {"value": 400000000000.0, "year": 2025}, "note": "OCR misread 4000 as 400"}

``action`` is ``reject`` (drop the mention), ``override`` (replace some of value, unit, year,
indicator, subject), ``accept`` (reviewed and confirmed as extracted: the mention is unchanged,
leaves the review queue and is shown as confirmed) or ``restore`` (withdraw the earlier
corrections of that key). The last
line for a key wins. The store lives outside the database so it survives every ETL run; the
views read it through etl/sql/corrections.sql, which applies the rule of ``validate_line``.
Only the dashboard (through ``add_correction``) writes it; the ETL only reads it.
"""
from __future__ import annotations

import fcntl
import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from etl.errors import EtlError

ACTIONS = ("reject", "override", "accept", "restore")
#: Overridable fields and the JSON type each must have.
FIELDS = {"value": "number", "year": "integer", "unit": "text", "indicator": "text", "subject": "text"}


@dataclass(frozen=True)
class Correction:
    mention_key: str
    action: str
    fields: dict = field(default_factory=dict)
    note: str | None = None
    created_at: str | None = None
    line_no: int = 0


def add_correction(store: Path, mention_key: str, action: str, fields: dict | None = None,
                   note: str | None = None) -> Correction:
    """Append one correction to the store (created if missing); raises EtlError if invalid."""
    row = {"mention_key": mention_key,
           "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "action": action, "fields": dict(fields or {}), "note": note}
    line = json.dumps(row, ensure_ascii=True, allow_nan=False)   # a torn write stays UTF-8
    problem = validate_line(line)[1]
    if problem:
        raise EtlError(f"{store}: correction not saved: {problem}")
    store = Path(store)
    store.parent.mkdir(parents=True, exist_ok=True)
    with open(store, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0, os.SEEK_END)
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":      # a torn last line stays on its own line
                    handle.write(b"\n")
            handle.write(line.encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return Correction(mention_key, action, row["fields"], note, row["created_at"])


def reject(store: Path, mention_key: str, note: str | None = None) -> Correction:
    return add_correction(store, mention_key, "reject", note=note)


def override(store: Path, mention_key: str, note: str | None = None, **fields) -> Correction:
    return add_correction(store, mention_key, "override", fields, note)


def accept(store: Path, mention_key: str, note: str | None = None) -> Correction:
    """Mark a mention as reviewed and confirmed as extracted."""
    return add_correction(store, mention_key, "accept", note=note)


def restore(store: Path, mention_key: str, note: str | None = None) -> Correction:
    return add_correction(store, mention_key, "restore", note=note)


def validate_line(line: str) -> tuple[dict | None, str | None]:
    """(row, None) for a valid line, (None, problem) otherwise; blank lines are (None, None)."""
    line = line.strip(" \t\r")
    if not line:
        return None, None
    try:
        row = json.loads(line, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None, "not valid JSON"
    if not isinstance(row, dict):
        return None, "not a JSON object"
    key = row.get("mention_key")
    if not isinstance(key, str) or not key:
        return None, "mention_key missing or not a non-empty string"
    if row.get("action") not in ACTIONS:
        return None, f"action {row.get('action')!r} is not one of {', '.join(ACTIONS)}"
    if row.get("note") is not None and not isinstance(row["note"], str):
        return None, "note is not a string"
    fields = row.get("fields")
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        return None, "fields is not a JSON object"
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        return None, f"unknown field(s) {', '.join(unknown)} (allowed: {', '.join(FIELDS)})"
    if row["action"] == "override" and not fields:
        return None, "override without fields"
    for name, value in fields.items():
        if value is None:
            continue
        problem = _field_problem(name, value)
        if problem:
            return None, problem
    return row, None


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _field_problem(name: str, value) -> str | None:
    kind = FIELDS[name]
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"{name} is not a number"
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            return f"{name} is not a year between 1900 and 2200"
    elif not isinstance(value, str) or not value:
        return f"{name} is not a non-empty string"
    return None


def read_corrections(store: Path) -> tuple[list[Correction], list[str]]:
    """Every valid line in order, and one warning per skipped line ("file:line: problem")."""
    store = Path(store)
    if not store.exists():
        return [], []
    try:
        raw = store.read_bytes()
    except OSError as exc:
        return [], [f"{store}: {exc.strerror or exc}"]
    try:
        lines = raw.decode("utf-8").split("\n")
        ascii_only = False
    except UnicodeDecodeError:          # a hand edit broke the encoding: keep the ASCII lines
        lines = [line.decode("latin-1") for line in raw.split(b"\n")]
        ascii_only = True
    corrections, warnings = [], []
    for line_no, text in enumerate(lines, start=1):
        if ascii_only and not text.isascii():
            warnings.append(f"{store}:{line_no}: not valid UTF-8; line skipped")
            continue
        row, problem = validate_line(text)
        if problem:
            warnings.append(f"{store}:{line_no}: {problem}; line skipped")
        elif row is not None:
            corrections.append(Correction(
                row["mention_key"], row["action"],
                {k: v for k, v in (row.get("fields") or {}).items() if v is not None},
                row.get("note"), row.get("created_at"), line_no))
    return corrections, warnings


def current_corrections(store: Path) -> dict[str, Correction]:
    """The correction in force for each key: the last line wins; a restore removes the key."""
    current: dict[str, Correction] = {}
    for correction in read_corrections(store)[0]:
        if correction.action == "restore":
            current.pop(correction.mention_key, None)
        else:
            current[correction.mention_key] = correction
    return current
