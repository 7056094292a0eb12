"""Files -> a Document and its text in pieces: a large file is never held whole.

A file above the size limit (``Settings.max_file_mb``, ``POLICY_MAX_FILE_MB``, ``run
--max-file-mb``) is refused by name, with the limit. A plain-text or PDF file above STREAM_BYTES
is read a piece at a time: text is decoded incrementally in the encoding its first megabyte shows
(``etl.formats.decode_text`` decides, as for any file), strictly: a bad byte sequence or a control
character anywhere in it refuses the file with its byte offset (a whole read may repair a few), a
PDF page by page. Its publication date
comes from its first HEAD_CHARS characters, its checksum from a streaming pass over its bytes;
the Document of such a file has no ``text`` (its pieces go to ``etl.windows``). Smaller files,
and HTML pages (trafilatura reads a page whole), are read whole by ``etl.ingest``.
"""
from __future__ import annotations

import codecs
import hashlib
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

from etl.decoding import CONTROL_CHARACTERS
from etl.errors import InputError
from etl.formats import Extracted, decode_text, detect_format
from etl.ingest import document_of, read_document
from etl.manifest import Manifest
from etl.models import Document

#: Files larger than this are read in pieces.
STREAM_BYTES = 8_000_000
#: Bytes read from a large file at a time.
CHUNK_BYTES = 1 << 20
#: Characters of a large file its publication date is looked for in.
HEAD_CHARS = 200_000
_BOM_OR_WIDE = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def size_limit_error(path: Path, size: int, max_bytes: int | None) -> InputError | None:
    """The error of a file above the size limit (None when it is within the limit)."""
    if max_bytes is None or size <= max_bytes:
        return None
    return InputError(str(path), f"refused: {_mb(size)} MB is above the size limit of "
                                 f"{_mb(max_bytes)} MB (set by --max-file-mb or POLICY_MAX_FILE_MB)")


def _mb(size: int) -> str:
    return f"{round(size / 1e6, 2):,g}"


def open_document(path: Path, published_on: date | None = None, manifest: Manifest | None = None,
                  max_bytes: int | None = None) -> tuple[Document, Iterable[str]]:
    """The Document of a file and its text as consecutive pieces.

    Raises InputError for a file that cannot be read, is above ``max_bytes``, or holds no text.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    too_large = size_limit_error(path, size, max_bytes)
    if too_large is not None:
        raise too_large
    if path.is_dir() or size <= STREAM_BYTES:
        doc = read_document(path, published_on=published_on, manifest=manifest)
        return doc, [doc.text]
    with open(path, "rb") as handle:
        head = handle.read(CHUNK_BYTES)
    kind = detect_format(path, head)
    if kind == "html":
        doc = read_document(path, published_on=published_on, manifest=manifest)
        return doc, [doc.text]
    encoding, pieces = ("pdf", _pdf_pieces(path)) if kind == "pdf" else _text_pieces(path, head)
    pieces = iter(pieces)
    first = _head(pieces, path)
    extracted = Extracted(text="".join(first), encoding=encoding, format=kind)
    doc = document_of(path, extracted, file_sha256(path), published_on, manifest)
    return _without_text(doc), chain(first, pieces)


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def _without_text(doc: Document) -> Document:
    from dataclasses import replace
    return replace(doc, text="")


def _head(pieces: Iterator[str], path: Path) -> list[str]:
    """The first pieces, up to HEAD_CHARS characters (and up to some text that is not blank)."""
    first, chars, blank = [], 0, True
    for piece in pieces:
        first.append(piece)
        chars += len(piece)
        blank = blank and not piece.strip()
        if chars >= HEAD_CHARS and not blank:
            break
    if blank:
        raise InputError(str(path), "no text (the file holds only whitespace)")
    return first


def _text_pieces(path: Path, head: bytes) -> tuple[str, Iterator[str]]:
    """(encoding, decoded pieces) of a text file; the encoding as its first bytes show it."""
    encoding = decode_text(_whole_characters(head), path).encoding

    def pieces() -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        position, first = 0, True
        with open(path, "rb") as handle:
            while True:
                block = handle.read(CHUNK_BYTES)
                try:
                    text = decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    raise InputError(str(path), f"cannot be decoded as {encoding} "
                                                f"(bad bytes at {position + max(exc.start, 0)})") from None
                if first and text:
                    text, first = text.lstrip("\ufeff"), False
                control = CONTROL_CHARACTERS.search(text)
                if control:
                    raise InputError(str(path), f"binary data in the text (control character "
                                                f"U+{ord(control.group()):04X} after byte {position})")
                if text:
                    yield text
                if not block:
                    return
                position += len(block)

    return encoding, pieces()


def _whole_characters(head: bytes) -> bytes:
    """The first bytes of a file cut where no character is cut: after the last line break (a
    newline byte is never part of a character in UTF-8, GB18030 or Big5), or to whole UTF-16/32
    code units."""
    if head.startswith(_BOM_OR_WIDE) or b"\x00" in head:
        return head[:len(head) - len(head) % 4]
    newline = head.rfind(b"\n")
    if newline > 0:
        return head[:newline + 1]
    for cut in range(4):                       # a single line: drop a cut UTF-8 character
        try:
            head[:len(head) - cut].decode("utf-8")
            return head[:len(head) - cut]
        except UnicodeDecodeError:
            continue
    return head


def _pdf_pieces(path: Path) -> Iterator[str]:
    """The text of a PDF page by page, as ``etl.formats.read_pdf`` joins it."""
    import pypdfium2 as pdfium

    from etl.formats import _page_paragraphs

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(str(path), f"cannot open the PDF ({exc})") from None
    try:
        found = False
        for i in range(len(pdf)):
            page = _page_paragraphs(pdf[i])
            if page:
                yield ("\n\n" if found else "") + page
                found = True
        if not found:
            raise InputError(str(path), "the PDF has no text layer (a scanned image?); OCR it first")
        yield "\n"
    finally:
        pdf.close()
