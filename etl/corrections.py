"""Analyst corrections: an append-only JSON Lines store keyed by mention_key.

One line per correction::

    {"mention_key": "3f2a…", "created_at": "2026-11-22T22:40:00+00:00", "action": "override",
     "fields": {"value": 400000000000.0, "year": 2025}, "note": "OCR misread 4000 as 400"}

``action`` is ``reject`` (drop the mention), ``override`` (replace some of value, unit, year,
indicator, subject), ``accept`` (reviewed and confirmed as extracted: the mention is unchanged,
leaves the review queue and is shown as confirmed) or ``restore`` (withdraw the earlier
corrections of that key). The last
line for a key wins. The store lives outside the database so it survives every ETL run. This
module is its only parser and holds its only rule set (``validate_line``): the reader's
``corrections`` table, the ETL's copy and ``add_correction`` all go through it, so what is
refused when saved is what a reader skips. Only the dashboard (through ``add_correction``)
writes it; the ETL only reads it.
"""
from __future__ import annotations

import codecs
import fcntl
import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa

from etl.errors import EtlError

ACTIONS = ("reject", "override", "accept", "restore")
#: Overridable fields and the JSON type each must have.
FIELDS = {"value": "number", "year": "integer", "unit": "text", "indicator": "text", "subject": "text"}
#: The largest absolute value a correction may set, in base units (1e20 元 is ten thousand times
#: the world's yearly output): anything larger is a slip of the keyboard, refused when saved.
MAX_ABS_VALUE = 1e20


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
    try:
        line = json.dumps(row, ensure_ascii=True, allow_nan=False)   # a torn write stays UTF-8
    except (TypeError, ValueError) as exc:      # NaN, infinity, or not JSON at all
        raise EtlError(f"{store}: correction not saved: {exc}") from None
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
    """(row, None) for a valid line, (None, problem) otherwise; blank lines are (None, None).

    The one rule set of the store: the reader's ``corrections`` view, the ETL's copy and
    ``add_correction`` all apply it (through ``read_corrections`` or directly).
    """
    line = line.strip(" \t\r")
    if not line:
        return None, None
    try:
        row = json.loads(line, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        return None, f"key {exc.args[0]!r} given twice"
    except (ValueError, RecursionError):
        return None, "not valid JSON"
    if not isinstance(row, dict):
        return None, "not a JSON object"
    key = row.get("mention_key")
    if not isinstance(key, str) or not key:
        return None, "mention_key missing or not a non-empty string"
    if row.get("action") not in ACTIONS:
        return None, f"action {row.get('action')!r} is not one of {', '.join(ACTIONS)}"
    for name in ("note", "created_at"):
        if row.get(name) is not None and not isinstance(row[name], str):
            return None, f"{name} is not a string"
    fields = row.get("fields")
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        return None, "fields is not a JSON object"
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        return None, f"unknown field(s) {', '.join(unknown)} (allowed: {', '.join(FIELDS)})"
    if row["action"] == "override" and all(v is None for v in fields.values()):
        return None, "override without fields"
    for name, value in fields.items():
        if value is None:
            continue
        problem = _field_problem(name, value)
        if problem:
            return None, problem
    if _has_surrogate(row):
        return None, "text holds an unpaired surrogate (\\ud800-\\udfff), not valid Unicode"
    return row, None


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: with a key given twice, which one counts?"""
    row = {}
    for key, value in pairs:
        if key in row:
            raise _DuplicateKey(key)
        row[key] = value
    return row


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return False


def _field_problem(name: str, value) -> str | None:
    kind = FIELDS[name]
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{name} is not a number"
        if isinstance(value, float) and not math.isfinite(value):
            return f"{name} is not a finite number"
        if abs(value) > MAX_ABS_VALUE:
            return f"{name} {_short(value)} is out of range (at most {MAX_ABS_VALUE:g} in absolute value)"
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            return f"{name} is not a year between 1900 and 2200"
    elif not isinstance(value, str) or not value:
        return f"{name} is not a non-empty string"
    return None


def _short(value: int | float) -> str:
    """A number for a message: 1e+300, not three hundred digits."""
    try:
        return f"{float(value):g}"
    except OverflowError:
        return f"~1e{len(str(abs(value))) - 1}"


def read_corrections(store: Path) -> tuple[list[Correction], list[str]]:
    """Every valid line in order, and one warning per skipped line ("file:line: problem").

    Each line is decoded on its own (UTF-8; a byte order mark before line 1 is ignored), so a
    line broken by a hand edit costs that line only.
    """
    store = Path(store)
    try:
        raw = store.read_bytes()
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [f"{store}: cannot be read ({exc.strerror or exc}); no correction applied"]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    corrections, warnings = [], []
    for line_no, data in enumerate(raw.split(b"\n"), start=1):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
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


#: The ``corrections`` table of schema.sql: what the views read.
TABLE_SCHEMA = pa.schema([
    ("line_no", pa.int32()), ("mention_key", pa.string()), ("created_at", pa.string()),
    ("action", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("year", pa.int32()), ("indicator", pa.string()), ("subject", pa.string()),
    ("note", pa.string()),
])


def corrections_table(corrections: list[Correction]) -> pa.Table:
    """The valid lines as rows of the ``corrections`` table; only an override's fields change a
    mention, so the other actions carry none."""
    rows = []
    for c in corrections:
        fields = c.fields if c.action == "override" else {}
        value = fields.get("value")
        rows.append({"line_no": c.line_no, "mention_key": c.mention_key,
                     "created_at": c.created_at, "action": c.action,
                     "value": float(value) if value is not None else None,
                     "unit": fields.get("unit"), "year": fields.get("year"),
                     "indicator": fields.get("indicator"), "subject": fields.get("subject"),
                     "note": c.note})
    return pa.Table.from_pylist(rows, schema=TABLE_SCHEMA)


def current_corrections(store: Path) -> dict[str, Correction]:
    """The correction in force for each key: the last line wins; a restore removes the key."""
    current: dict[str, Correction] = {}
    for correction in read_corrections(store)[0]:
        if correction.action == "restore":
            current.pop(correction.mention_key, None)
        else:
            current[correction.mention_key] = correction
    return current
