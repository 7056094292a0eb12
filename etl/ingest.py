"""Files -> Document: read the bytes, detect format and encoding, checksum, publication date.

Plain text and Markdown, HTML (main text by trafilatura) and PDF with a text layer. The
publication date comes from, in order: the ``published_on`` argument, the manifest, then the
document itself (masthead, dateline, URL, file name, or inferred from the content).
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from etl.dates import find_publication_date
from etl.errors import InputError
from etl.formats import Extracted, decode_text, detect_format, read_html, read_pdf
from etl.manifest import Manifest, ManifestEntry, load_manifest
from etl.models import Document

__all__ = ["read_document", "document_of", "load_manifest", "Manifest", "ManifestEntry"]


def read_document(path: Path, published_on: date | None = None,
                  manifest: Manifest | None = None) -> Document:
    """Read one file; anything unreadable raises InputError(path, reason)."""
    path = Path(path)
    raw = _read_bytes(path)
    extracted = _extract(path, raw)
    return document_of(path, extracted, hashlib.sha256(raw).hexdigest(), published_on, manifest)


def document_of(path: Path, extracted: Extracted, content_hash: str,
                published_on: date | None = None, manifest: Manifest | None = None) -> Document:
    """The Document of a file's extracted text; its publication date from, in order, the
    ``published_on`` argument, the manifest, then the text itself."""
    entry = manifest.lookup(path) if manifest is not None else None
    url = (entry.url if entry else None) or extracted.url
    if published_on is not None:
        source = "override"
    elif entry is not None and entry.published_on is not None:
        published_on, source = entry.published_on, "manifest"
    else:
        found = find_publication_date(extracted.text, file_name=path.name, url=url,
                                      metadata_date=extracted.date)
        published_on, source = found if found else (None, None)
    return Document(path=str(path), name=path.name, text=extracted.text,
                    content_hash=content_hash, encoding=extracted.encoding,
                    format=extracted.format, published_on=published_on,
                    published_on_source=source, url=url, source=entry.source if entry else None,
                    warnings=extracted.warnings)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not raw:
        raise InputError(str(path), "empty file")
    return raw


def _extract(path: Path, raw: bytes) -> Extracted:
    kind = detect_format(path, raw)
    if kind == "pdf":
        extracted = read_pdf(raw, path)
    elif kind == "html":
        extracted = read_html(raw, path)
    else:
        decoded = decode_text(raw, path)
        extracted = Extracted(text=decoded.text, encoding=decoded.encoding, format="text",
                              warnings=decoded.warnings)
    if not extracted.text.strip():
        raise InputError(str(path), "no text (the file holds only whitespace)")
    return extracted
