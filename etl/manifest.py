"""The manifest: a CSV that gives a file's publication date, source and URL when the file lacks them.

Columns ``path,published_on,source,url``; ``path`` is relative to the manifest's folder (or
absolute, or a bare file name); empty cells mean "not known".
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.errors import InputError

COLUMNS = ("path", "published_on", "source", "url")


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    published_on: date | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Manifest:
    """Entries by resolved path, with a fallback by file name for paths given differently."""

    path: Path
    by_path: dict[Path, ManifestEntry] = field(default_factory=dict)
    by_name: dict[str, ManifestEntry] = field(default_factory=dict)

    def lookup(self, path: Path) -> ManifestEntry | None:
        path = Path(path)
        entry = self.by_path.get(_resolved(path))
        return entry if entry is not None else self.by_name.get(path.name)

    def __len__(self) -> int:
        return len(self.by_path)


def load_manifest(path: Path) -> Manifest:
    """Read a manifest CSV; a bad file or row raises InputError naming the file and the line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "manifest not found") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the manifest ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(str(path), "the manifest is not UTF-8 text") from None
    rows = csv.DictReader(text.splitlines(), strict=True)
    try:
        return _read_rows(rows, path)
    except csv.Error as exc:                   # the record after the last one read is broken
        raise InputError(str(path), f"line {rows.line_num + 1}: not valid CSV ({exc})") from None


def _read_rows(rows: csv.DictReader, path: Path) -> Manifest:
    header = [name.strip() for name in (rows.fieldnames or [])]
    missing = [name for name in ("path", "published_on") if name not in header]
    if missing:
        raise InputError(str(path), f"line 1: manifest header lacks {', '.join(missing)} "
                                    f"(expected {','.join(COLUMNS)})")
    rows.fieldnames = header
    by_path: dict[Path, ManifestEntry] = {}
    by_name: dict[str, ManifestEntry] = {}
    first_line: dict[Path, int] = {}
    for row in rows:
        line = rows.line_num
        entry = _entry(row, path, line)
        target = Path(entry.path)
        if not target.is_absolute():
            target = path.parent / target
        key = _resolved(target)
        if key in by_path and by_path[key] != entry:     # which of the two would be meant?
            raise InputError(str(path), f"line {line}: {entry.path} is listed again with other values "
                                        f"(first on line {first_line[key]})")
        first_line.setdefault(key, line)
        by_path[key] = entry
        by_name.setdefault(target.name, entry)
    return Manifest(path=path, by_path=by_path, by_name=by_name)


def _entry(row: dict, manifest: Path, line: int) -> ManifestEntry:
    cells = {key: (value or "").strip() for key, value in row.items() if key}
    if not cells.get("path"):
        raise InputError(str(manifest), f"line {line}: empty path")
    published_on = None
    if cells.get("published_on"):
        try:
            published_on = date.fromisoformat(cells["published_on"])
        except ValueError:
            raise InputError(str(manifest), f"line {line}: published_on {cells['published_on']!r} "
                                            "is not a date in YYYY-MM-DD form") from None
    return ManifestEntry(path=cells["path"], published_on=published_on,
                         source=cells.get("source") or None, url=cells.get("url") or None)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
