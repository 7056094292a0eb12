"""Raw bytes -> text, where the decoding has to prove itself or the file is refused.

A wrong guess does not fail: UTF-8 with one stray NUL reads as UTF-16 "Chinese", Korean EUC-KR
reads as GB18030 hanzi. So each candidate must pass a test before its text is kept:

- a byte order mark, decoded strictly;
- UTF-8 (the common case, and fast): valid, or nearly so (a few bad bytes among many valid
  multi-byte characters: replaced with U+FFFD, and a warning gives their byte offsets);
- UTF-16 without BOM (a file with NUL bytes): the byte order whose text is plausible (below);
- the legacy encodings, chosen by charset-normalizer among GB18030 (a superset of GBK and
  GB2312), Big5 and, so that they can be told apart and refused by name, the Korean and
  Japanese ones: the text must be plausible and encode back to the same bytes.

Plausible: no private-use, unassigned or surrogate code points, and at least 90 % of the
characters from the scripts a Chinese article is written in (CJK ideographs and punctuation,
full-width forms, ASCII, Latin, common symbols). Control characters (NUL ...) are kept out of the
text in every encoding: a few are replaced with U+FFFD and reported by byte offset, many mean
binary data.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from etl.errors import InputError

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters that never occur in text (tab, newlines and form feed are allowed).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Encodings charset-normalizer chooses among, and the language each one means.
_LEGACY = {"gb18030": "Chinese", "big5": "Chinese", "cp949": "Korean", "euc_kr": "Korean",
           "shift_jis": "Japanese", "cp932": "Japanese", "euc_jp": "Japanese"}
_NAMES = {"cp949": "EUC-KR/CP949", "euc_kr": "EUC-KR", "shift_jis": "Shift_JIS",
          "cp932": "Shift_JIS/CP932", "euc_jp": "EUC-JP"}
#: Code point ranges of the scripts a Chinese article is written in.
_EXPECTED = (
    (0x09, 0x0D), (0x20, 0x7E), (0xA0, 0x24F),        # ASCII, Latin
    (0x370, 0x3FF), (0x400, 0x4FF),                   # Greek, Cyrillic (symbols, names)
    (0x2000, 0x2BFF),                                 # punctuation, number forms, arrows, symbols
    (0x2E80, 0x2FDF), (0x3000, 0x303F),               # radicals, CJK punctuation
    (0x3100, 0x312F), (0x31A0, 0x31BF), (0x31C0, 0x31EF),   # bopomofo, strokes
    (0x3200, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),   # enclosed, ext A, unified ideographs
    (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),   # compatibility, full-width forms
    (0xFFFD, 0xFFFD), (0x20000, 0x3134F),             # replacement character, ext B..G
)
_UNEXPECTED = re.compile("[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _EXPECTED) + "]")
_CHAOS_THRESHOLD = 0.5     # charset-normalizer's mean chaos above which a candidate is dropped
#: A short page (热线 82987136 three times: six multi-byte characters) cannot show ten good
#: characters per bad run; when no other encoding fits either, two per run and a plausible text do.
_LAST_RESORT_GOOD_PER_BAD = 2
_SAMPLE = 200_000          # characters looked at by the plausibility test


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(raw: bytes, path: Path) -> Decoded:
    """Decode ``raw`` (the bytes of ``path``) or raise InputError naming the file and why."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _clean(_strict(raw, name, path).lstrip("\ufeff"), name, raw, path)
    utf8 = _utf8(raw, path)
    if utf8 is not None:
        return utf8
    nuls = raw.count(0)
    if nuls:
        utf16 = _utf16(raw, path)
        if utf16 is not None:
            return utf16
    refused = None
    try:
        legacy = _legacy(raw, path)
    except InputError as exc:        # Korean, Japanese, implausible: unless UTF-8 fits after all
        legacy, refused = None, exc
    if legacy is not None:
        return legacy
    short = _utf8(raw, path, good_per_bad=_LAST_RESORT_GOOD_PER_BAD)   # nothing else fits
    if short is not None and _implausible(short.text) is None:
        return short
    if refused is not None:
        raise refused
    if nuls:
        raise InputError(str(path), "binary data, not text (NUL bytes)")
    raise InputError(str(path), "cannot be decoded as text: not UTF-8, UTF-16, GB18030/GBK or Big5")


# --- candidates -------------------------------------------------------------------------------

def _utf8(raw: bytes, path: Path, good_per_bad: int = 10) -> Decoded | None:
    """Valid UTF-8, or UTF-8 with a few bad bytes among many good multi-byte characters (at
    least ``good_per_bad`` of them per run of bad bytes)."""
    try:
        text = raw.decode("utf-8")
        bad: list[tuple[int, int]] = []
    except UnicodeDecodeError:
        text, bad = _decode_replacing(raw)
        if bad is None:
            return None
        runs = _runs(bad)   # one corrupted lead byte orphans the continuation bytes after it
        multibyte = len(text) - len(text.encode("ascii", "ignore")) - len(bad)
        if runs > max(3, len(raw) // 1000) or multibyte < good_per_bad * runs:
            return None
    if _too_many_controls(text):
        return None
    warnings = ()
    if bad:
        warnings = (f"{path}: {_count(len(bad), 'byte sequence')} not valid UTF-8, replaced by "
                    f"U+FFFD, at byte {_offsets([start for start, _ in bad])}",)
    return _clean(text, "utf-8", raw, path, warnings)


def _runs(bad: list[tuple[int, int]]) -> int:
    """Bad byte sequences counted as runs of adjacent ones."""
    return sum(1 for i, (start, _) in enumerate(bad) if i == 0 or bad[i - 1][1] != start)


def _decode_replacing(raw: bytes, limit: int = 1000) -> tuple[str, list[tuple[int, int]] | None]:
    """UTF-8 with each bad byte sequence replaced by U+FFFD, and the (start, end) byte offsets
    of those sequences; None when there are more than ``limit`` of them."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    pieces, bad, position = [], [], 0
    while position < len(raw):
        try:
            pieces.append(decoder.decode(raw[position:], final=True))
            break
        except UnicodeDecodeError as exc:
            pieces.append(raw[position:position + exc.start].decode("utf-8"))
            bad.append((position + exc.start, position + exc.end))
            pieces.append("\ufffd")
            position += exc.end
            decoder.reset()
            if len(bad) > limit:
                return "", None
    return "".join(pieces), bad


def _utf16(raw: bytes, path: Path) -> Decoded | None:
    """UTF-16 without BOM: the byte order whose text is plausible, the one with NULs on the high
    side (ASCII digits and newlines) tried first. Ideographs such as 一 (U+4E00) put NULs on the
    other side too, so the count alone does not decide."""
    if len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    for name in ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le"):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if not _too_many_controls(text) and not _implausible(text):
            return _clean(text, name, raw, path)
    return None


def _legacy(raw: bytes, path: Path) -> Decoded | None:
    """GB18030 or Big5 when charset-normalizer finds them as coherent as anything else (GB18030
    on a tie); a Korean or Japanese encoding that fits clearly better is refused by name."""
    from charset_normalizer import from_bytes

    # Its default threshold drops an encoding when any one chunk looks chaotic (a single Ⅴ or
    # full-width run in a short page can); the plausibility and round-trip tests below decide.
    matches = {m.encoding: m for m in from_bytes(raw, cp_isolation=list(_LEGACY),
                                                 threshold=_CHAOS_THRESHOLD)}
    if not matches:
        return None
    best = min(matches.values(), key=lambda m: m.chaos)
    chinese = [m for m in matches.values() if _LEGACY.get(m.encoding) == "Chinese"]
    close = [m for m in chinese if m.chaos <= best.chaos + 0.05]
    if not close:
        language = _LEGACY.get(best.encoding, "other")
        raise InputError(str(path), f"looks like {language} text in "
                                    f"{_NAMES.get(best.encoding, best.encoding)}, not Chinese: "
                                    "only Chinese text is read (UTF-8, UTF-16, GB18030/GBK, Big5)")
    pick = next((m for m in close if m.encoding == "gb18030"), close[0])
    name = "gb18030" if pick.encoding == "gb18030" else "big5hkscs"
    text = _strict(raw, name, path)
    if _too_many_controls(text):
        return None
    problem = _implausible(text)
    if problem:
        raise InputError(str(path), f"decoded as {name.upper()} it {problem}: not Chinese text "
                                    "in a known encoding")
    if text.encode(name) != raw:
        raise InputError(str(path), f"{name.upper()} does not read it back to the same bytes")
    return _clean(text, name, raw, path)


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"cannot be decoded as {encoding} (bad bytes at "
                                    f"{exc.start})") from None


# --- tests every text passes ------------------------------------------------------------------

def _too_many_controls(text: str) -> bool:
    return len(CONTROL_CHARACTERS.findall(text)) > max(3, len(text) // 1000)


def _implausible(text: str) -> str | None:
    """Why ``text`` is not what a Chinese article decodes to (None when it could be)."""
    sample = text[:_SAMPLE]
    for char in sorted(set(sample)):
        if unicodedata.category(char) in ("Co", "Cn", "Cs"):
            return f"holds private-use or unassigned code points (U+{ord(char):04X})"
    unexpected = len(_UNEXPECTED.findall(sample))
    if unexpected > 0.1 * len(sample):
        return (f"is {unexpected / len(sample):.0%} characters of scripts a Chinese article is "
                "not written in")
    return None


def _clean(text: str, encoding: str, raw: bytes, path: Path,
           warnings: tuple[str, ...] = ()) -> Decoded:
    """Control characters replaced by U+FFFD (one for one: offsets into the text stay right),
    reported by their byte offsets; too many of them mean binary data."""
    found = [m.start() for m in CONTROL_CHARACTERS.finditer(text)]
    if not found:
        return Decoded(text, encoding, warnings)
    if len(found) > max(3, len(text) // 1000):
        kind = "NUL bytes" if "\x00" in text else "control characters"
        raise InputError(str(path), f"binary data, not text ({kind})")
    codec = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le" if raw[:2] == codecs.BOM_UTF16_LE
             else "utf-16-be", "utf-32": "utf-32-le" if raw[:4] == codecs.BOM_UTF32_LE
             else "utf-32-be"}.get(encoding, encoding)
    bom = next((len(b) for b, _ in _BOMS if raw.startswith(b)), 0)
    offsets = [bom + len(text[:i].encode(codec, "replace")) for i in found]
    names = sorted({unicodedata.name(text[i], f"U+{ord(text[i]):04X}") for i in found})
    cleaned = CONTROL_CHARACTERS.sub("\ufffd", text)
    return Decoded(cleaned, encoding, warnings + (
        f"{path}: {_count(len(found), 'control character')} ({', '.join(names)}) replaced by "
        f"U+FFFD, at byte {_offsets(offsets)}",))


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("s" if n != 1 else "")


def _offsets(offsets: list[int], shown: int = 10) -> str:
    text = ", ".join(str(o) for o in offsets[:shown])
    return text + (f" and {len(offsets) - shown} more" if len(offsets) > shown else "")
