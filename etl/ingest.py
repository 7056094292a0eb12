"""Files -> Document. (Minimal first version: UTF-8 text only.)"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from etl.errors import InputError
from etl.models import Document


def read_document(path: Path, published_on: date | None = None) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"cannot be decoded as text (byte {exc.start})") from None
    source = "override" if published_on else None
    if published_on is None:
        found = _MASTHEAD_DATE.search(text[:2000])
        if found:
            published_on = date(*map(int, found.groups()))
            source = "masthead"
    return Document(path=str(path), name=path.name, text=text,
                    content_hash=hashlib.sha256(raw).hexdigest(), encoding="utf-8", format="text",
                    published_on=published_on, published_on_source=source)


_MASTHEAD_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*星期")
