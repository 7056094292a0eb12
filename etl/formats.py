"""Raw bytes -> text: encoding detection, HTML main-text extraction, PDF text layers.

Each reader returns the text every later offset points into, so what it builds is what the
user sees when a mention is shown back in its source. Failures raise ``InputError`` with a
reason a user can act on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.decoding import Decoded, decode
from etl.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED = ", ".join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES))

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    """What a format reader found: the text, how it was decoded, and page metadata."""

    text: str
    encoding: str
    format: str
    title: str | None = None
    date: str | None = None        # ISO date from HTML metadata
    url: str | None = None
    warnings: tuple[str, ...] = ()     # what the reader had to repair, e.g. bad UTF-8 bytes


def detect_format(path: Path, raw: bytes) -> str:
    """The format from the bytes first (a PDF named .txt is still a PDF), then the extension."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        raise InputError(str(path), "not a PDF file (no %PDF header)")
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "html" if _HTML_SNIFF.match(raw[:512]) else "text"
    raise InputError(str(path), f"unsupported format {suffix!r} (supported: {SUPPORTED})")


def decode_text(raw: bytes, path: Path) -> Decoded:
    """Decode bytes to text without a BOM, or refuse the file (etl/decoding.py says how)."""
    return decode(raw, path)


def read_html(raw: bytes, path: Path) -> Extracted:
    """Main text of a web page (trafilatura), headline first; paragraphs separated by a blank line."""
    import trafilatura

    decoded = decode_text(raw, path)
    html, encoding = decoded.text, decoded.encoding
    _check_depth(html, path)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                        include_tables=True, favor_recall=True)
    body = (found.text or "").strip() if found else ""
    if not body:
        raise InputError(str(path), "no main text found in the HTML page")
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    title = (found.title or "").strip() or None
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return Extracted(text="\n\n".join(paragraphs) + "\n", encoding=encoding, format="html",
                     title=title, date=found.date, url=found.url, warnings=decoded.warnings)


def _check_depth(html: str, path: Path) -> None:
    """Refuse a page nested deeper than libxml2 parses (256 levels): everything below that depth
    would be dropped without a word, or the page reported as having no main text."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(recover=True)
    try:
        lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return                           # nothing to parse: trafilatura says what is wrong
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise InputError(str(path), "HTML nested deeper than 255 levels (the HTML parser's "
                                        "limit): the text below that depth would be lost")


def read_pdf(raw: bytes, path: Path) -> Extracted:
    """The text layer of a PDF, wrapped lines joined back into paragraphs, pages in order."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise InputError(str(path), f"cannot open the PDF ({exc})") from None
    try:
        pages = [_page_paragraphs(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise InputError(str(path), "the PDF has no text layer (a scanned image?); OCR it first")
    return Extracted(text=text + "\n", encoding="pdf", format="pdf")


def _page_paragraphs(page) -> str:
    """Lines of one page; a line that reaches its column's right edge continues on the next one."""
    textpage = page.get_textpage()
    try:
        lines: list[list] = []               # [text, left, right, height, vertical centre]
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            piece = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", "")
            if not piece.strip():
                continue
            centre, height = (top + bottom) / 2, top - bottom
            last = lines[-1] if lines else None
            if last and abs(last[4] - centre) < max(last[3], height) / 2 and left >= last[2] - height:
                last[0] += piece             # another run on the same visual line
                last[2] = max(last[2], right)
            else:
                lines.append([piece, left, right, height, centre])
    finally:
        textpage.close()
    if not lines:
        return ""
    out: list[str] = []
    margins = _column_margins(lines)
    for (text, left, right, height, _), margin in zip(lines, margins):
        out.append(text.rstrip())
        out.append("" if right >= margin - 1.5 * height else "\n\n")
    return "".join(out).strip()


def _column_margins(lines: list[list]) -> list[float]:
    """The right edge of each line's column: the widest line starting near the same left edge."""
    widest: dict[int, float] = {}
    keys = []
    for _, left, right, height, _ in lines:
        key = int(left // max(height, 1.0))
        keys.append(key)
        widest[key] = max(widest.get(key, right), right)
    return [max(widest.get(k + d, 0.0) for d in (-2, -1, 0, 1, 2)) for k in keys]
