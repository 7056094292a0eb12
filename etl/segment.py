"""Document -> articles: headline, byline and a cleaned body mapped back to document offsets.

A page is read as blocks (paragraphs between blank lines). The masthead block at the top is
dropped; an article opens at a headline run followed by a byline, a news lead (本报讯) or a
jump marker (上接第1版), at a Markdown heading, at a lead without headline, or after a wide gap
that follows a finished sentence. Short headline-like blocks inside an article are subheads; a
headline with no text of its own (OCR read it below its column) goes to the untitled text
before it. Paragraphs split by a column break (no sentence end before the break) are joined;
an article continued on the same page (下转第2版 … 上接第1版 under the same headline) becomes
one article. An index box (导读) keeps its entries (headline + >>>详见本报第4版) as one article.
Every block outside the masthead belongs to an article; the body holds headline and paragraphs,
while bylines, datelines and page markers stay in the article's span only. A clause the OCR
read twice across a line or column break is dropped from the body, so its numbers count once.
An article without a headline is listed under the lead of its first sentence. Signals are read
on the canonical copy of the text (本報訊 as 本报讯); their vocabulary is
``lexicon/segment_markers.tsv``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.models import Article, Document, MappedText, OffsetMap, OffsetMapBuilder
from etl.normalize import canonical
from etl.tables import is_row

LEXICON = Path(__file__).parent / "lexicon"
#: A sentence is finished when its last character (closing quotes/brackets aside) is one of these.
TERMINAL = set("。！？!?…—:：;；")
CLOSERS = "”’」』)）》】\"' \t"
#: A headline line is at most this long; longer lines are prose.
HEADLINE_MAX = 60
#: Blank lines of this many newlines or more separate regions of the page.
WIDE_GAP = 3
#: Masthead blocks are searched among the first blocks of a page only.
MASTHEAD_SCAN = 16
#: Masthead lines are short; a long line holding a phone number is prose.
MASTHEAD_LINE_MAX = 40
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
#: Set around or inside a section heading (【导读】, ■导读, 导 读): not part of its words.
_SECTION_DECORATION = re.compile(r"[\s【】\[\]■□●◆▲]")
_BLOCK_SEPARATOR = re.compile(r"\n[ \t\u3000\r]*(?:\n[ \t\u3000\r]*)+")
#: Headlines are set with spaces; these marks only occur in prose.
_PROSE_PUNCTUATION = re.compile(r"[。，,;；]")
#: A name standing alone under a headline: the author (two to four characters).
_AUTHOR_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LEAD_BYLINE = re.compile(r"^\S{0,12}?[(（]([^()（）\n]{2,40})[)）]")
_LEAD_CREDIT = re.compile(r"\s*[(（][^()（）\n]{2,40}[)）]\s*")
_CREDIT_NAMES = re.compile(r"(?:(?:首席|见习|特约|实习)?记者|通讯员)\s*[^\s:：,，()（）\d]{2,4}"
                           r"(?:[\s、]+(?:(?:首席|见习|特约|实习)?记者|通讯员)?\s*[^\s:：,，()（）\d]{2,4})*\s*$")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
#: A clause read twice across a line or column break is dropped from this length on.
REPEAT_MIN = 12
#: Marks that end a clause: a repeated fragment must be whole clauses.
_CLAUSE_MARKS = set("。!?;,:、")
#: A stand-in headline (the first sentence's lead) is at most this long.
FALLBACK_HEADLINE_MAX = 24
#: A stand-in headline is read from this many characters of the body at most.
LEAD_CHARS = 1000


@dataclass(eq=False, slots=True)
class Block:
    start: int
    end: int
    text: str
    gap: int                                   # newlines between this block and the previous one
    heading: bool = False                      # a Markdown heading
    headline_like: bool = False
    byline: bool = False                       # a byline, or a web dateline (dateline=True)
    dateline: bool = False
    lead: bool = False
    section: bool = False
    jump_from: int = 0                         # length of a leading (上接第1版) marker
    tail_marker: int = 0                       # length of a trailing (下转第2版) / (详见第2版) marker
    jump_to: str | None = None                 # the page a trailing 下转 marker names
    only_marker: bool = False                  # the block is nothing but a marker

    @property
    def terminal(self) -> bool:
        """Does the block end a sentence (so a following block is a new paragraph)?"""
        if self.tail_marker:
            return True
        stripped = self.text.rstrip(CLOSERS)
        return not stripped or stripped[-1] in TERMINAL or is_row(canonical(stripped.rsplit("\n", 1)[-1]))


@dataclass(eq=False)
class _Part:
    blocks: list[Block] = field(default_factory=list)
    head: list[Block] = field(default_factory=list)
    continued: bool = False                    # opens with a 上接/紧接 marker

    @property
    def has_text(self) -> bool:
        """Does the part hold more than its headline and byline?"""
        return any(b not in self.head and not b.byline for b in self.blocks)

    @property
    def index(self) -> bool:
        """Is the part an index box (导读, 要目), whose entries point to other pages?"""
        return any(b.section for b in self.head)

    @property
    def headline(self) -> str:
        """The headline lines, up to a dateline or byline set in the same block."""
        out = []
        for block in self.head:
            lines = _MARKDOWN_HEADING.sub("", block.text).splitlines()
            for line in lines[:1] if block.section else lines:     # 导读 over its entries
                line = line.strip()
                if out and _credit_line(line):
                    return " ".join(out)
                if line:
                    out.append(line)
        return " ".join(out)


# --- lexicon -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _markers() -> dict[str, re.Pattern]:
    parts: dict[str, list[str]] = {}
    with open(LEXICON / "segment_markers.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            parts.setdefault(row["kind"], []).append(row["pattern"])
    compiled = {}
    for kind, patterns in parts.items():
        if kind == "jump_to":
            compiled[kind] = re.compile(patterns[0], re.M)
        else:
            compiled[kind] = re.compile("|".join(f"(?:{p})" for p in patterns), re.M)
    return compiled


# --- blocks ------------------------------------------------------------------------------------

def page_blocks(text: str, canonical_text: str | None = None) -> list[Block]:
    """Blocks of non-blank lines with their spans, classified once (on one canonical copy)."""
    blocks, position, gap = [], 0, 0
    if canonical_text is None:
        canonical_text = canonical(text)        # same length: a block's span slices it
    for separator in _BLOCK_SEPARATOR.finditer(text + "\n\n"):
        chunk = text[position:separator.start()]
        lead_space = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = position + lead_space
            block = Block(start, start + len(body), body, gap)
            blocks.append(_classify(block, canonical_text[block.start:block.end]))
            gap = 0
        gap += separator.group().count("\n")
        position = separator.end()
    return blocks


def _credit_line(line: str) -> bool:
    """A dateline, byline or news-lead line (【本報訊】2024年7月3日 記者 …), read canonically."""
    m, line = _markers(), canonical(line)
    return bool(m["dateline"].match(line) or m["byline"].match(line) or m["lead"].match(line))


def _classify(block: Block, text: str) -> Block:
    """``text`` is the block's canonical copy: 本報訊, （上接第１版）read as usual; same length."""
    m = _markers()
    lines = [line for line in map(str.strip, text.split("\n")) if line]
    heading = _MARKDOWN_HEADING.match(text)
    block.heading = heading is not None
    first_start = heading.end() if heading else 0         # the line after the '#' marks
    first_end = text.find("\n", first_start)
    first_line = text[first_start:first_end if first_end >= 0 else len(text)]
    block.section = bool(m["section"].match(_SECTION_DECORATION.sub("", first_line)))
    block.dateline = all(m["dateline"].match(line) for line in lines)
    block.byline = not block.section and (block.dateline or all(m["byline"].match(line) for line in lines))
    block.lead = bool(m["lead"].match(text))
    jump_from = m["jump_from"].match(text)
    block.jump_from = jump_from.end() if jump_from else 0
    tail = _closing_match(m["jump_to"], text) or _closing_match(m["page_ref"], text)
    if tail:
        block.tail_marker = len(text) - tail.start()
        block.jump_to = tail.groupdict().get("page")
    block.only_marker = block.jump_from == len(text) or block.tail_marker == len(text)
    block.headline_like = block.heading or block.section or (
        not (block.byline or block.lead or block.jump_from or block.tail_marker or _parenthesised(text))
        and all(len(line) <= HEADLINE_MAX for line in lines)
        and not _PROSE_PUNCTUATION.search(text)
        and (text[-1] not in TERMINAL or text[-1] in "?？!！"))
    return block


def _closing_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """A marker (下转第2版, >>>详见第4版) that closes the block; one closing an inner line
    (a paragraph or an index entry that more lines follow) is left in the text."""
    found = None
    for found in pattern.finditer(text):
        pass
    return found if found is not None and not text[found.end():].strip() else None


def _masthead_end(blocks: list[Block]) -> int:
    """Index of the first block after the masthead (0 when the page has none)."""
    masthead = _markers()["masthead"]
    end = 0
    for i, block in enumerate(blocks[:MASTHEAD_SCAN]):
        lines = block.text.split("\n")
        if all(len(line) <= MASTHEAD_LINE_MAX for line in lines) and any(masthead.search(line) for line in lines):
            end = i + 1
        elif not (len(block.text) <= 24 and block.headline_like and not block.heading
                  or block.text.lstrip("#").strip().endswith("报")):
            break
    return end


# --- grouping ----------------------------------------------------------------------------------

def _parts(blocks: list[Block]) -> list[_Part]:
    """Group blocks into article parts, in page order."""
    parts: list[_Part] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.headline_like:
            run_end = i
            while run_end + 1 < len(blocks) and _same_headline(blocks[run_end], blocks[run_end + 1]):
                run_end += 1
            after = run_end + 1
            while after < len(blocks) and blocks[after].byline:
                after += 1
            opens = _opens_article(blocks, i, run_end, after)
            if parts and parts[-1].index and _teaser(blocks, after):
                parts[-1].blocks.extend(blocks[i:after])    # an entry of the index box
                i = after
                continue
            if not parts or opens == "strong" or (opens and not _continues(blocks, i)):
                if run_end > i and _AUTHOR_NAME.match(blocks[run_end].text):
                    blocks[run_end].byline = True        # 工作报告 / ——subtitle / 陈金泉
                    run_end -= 1
                part = _Part(head=blocks[i:run_end + 1])
                part.blocks.extend(blocks[i:after])
                part.continued = after < len(blocks) and bool(blocks[after].jump_from)
                parts.append(part)
                i = after
                continue
            if _continues(blocks, i):               # a column-break fragment: body text
                parts[-1].blocks.append(block)
                i += 1
                continue
            parts[-1].blocks.extend(blocks[i:run_end + 1])     # subheads
            i = run_end + 1
            continue
        if not parts or _starts_untitled(block, blocks[i - 1] if i else None, parts[-1]):
            parts.append(_Part(continued=bool(block.jump_from)))
        parts[-1].blocks.append(block)
        i += 1
    return _adopt_orphan_headlines(parts)


def _same_headline(block: Block, following: Block) -> bool:
    """Consecutive headline-like blocks form one headline; a Markdown heading opens its own,
    and a section heading (导读) stands alone."""
    return (following.headline_like and not (block.section or following.section)
            and (not following.heading or block.heading))


def _teaser(blocks: list[Block], after: int) -> bool:
    """Is the headline run ending before ``after`` a teaser: headline + (详见第4版) and nothing else?"""
    return after < len(blocks) and blocks[after].tail_marker > 0 and blocks[after].only_marker


def _continues(blocks: list[Block], i: int) -> bool:
    """A short block after an unfinished sentence is the rest of that sentence (column break)."""
    if i == 0 or blocks[i].heading or blocks[i].section:
        return False
    previous = blocks[i - 1]
    return not previous.terminal and not previous.headline_like and not previous.byline


#: 【曲靖】工业用电“开门红”: a bracketed place or tag opens each item of a digest page
_DIGEST_ITEM = re.compile(r"\s*【[^】\d]{1,8}】\s*\S")


def _opens_article(blocks: list[Block], first: int, last: int, after: int) -> str | None:
    """Is a run of headline-like blocks the headline of a new article, or a subhead (None)?

    "strong" when a byline, lead, jump marker or Markdown heading says so; "weak" when only
    its place does (after a finished article or a wide gap).
    """
    run = blocks[first:last + 1]
    if any(b.heading or b.section for b in run) or after > last + 1:
        return "strong"                                  # Markdown heading, or a byline follows
    if _DIGEST_ITEM.match(canonical(run[0].text)):
        return "strong"                                  # 【曲靖】…: an item of a news digest
    if after < len(blocks):
        nxt = blocks[after]
        if nxt.lead or nxt.jump_from or _parenthesised(nxt.text):
            return "strong"
        if _teaser(blocks, after):                          # teaser: headline + (详见第4版)
            return "strong"
    previous = blocks[first - 1] if first else None
    if previous is None or previous.tail_marker > 0 or (blocks[first].gap >= WIDE_GAP and previous.terminal):
        return "weak"
    return None


def _starts_untitled(block: Block, previous: Block | None, current: _Part) -> bool:
    """A block that opens an article without a headline of its own."""
    if previous is None:
        return True
    if block.lead or block.jump_from:
        return current.has_text
    return block.gap >= WIDE_GAP and previous.terminal and not previous.headline_like


def _parenthesised(text: str) -> bool:
    return text[0] in "(（" and text[-1] in ")）" and "\n" not in text


def _adopt_orphan_headlines(parts: list[_Part]) -> list[_Part]:
    """A headline (and byline) with no text of its own belongs to the untitled article before it.

    Column layouts put a commentary's headline below its text; OCR then reads the text first.
    """
    out: list[_Part] = []
    for part in parts:
        if part.head and not part.has_text and out and not out[-1].head:
            out[-1].head = part.head
            out[-1].blocks.extend(part.blocks)
        else:
            out.append(part)
    return out


# --- articles ----------------------------------------------------------------------------------

def split_articles(doc: Document) -> list[Article]:
    """The articles of a page in reading order, each with a body mapped to ``doc.text`` offsets."""
    canonical_text = canonical(doc.text)         # once per page: every block and body slices it
    blocks = page_blocks(doc.text, canonical_text)
    blocks = blocks[_masthead_end(blocks):]
    parts = _join_jumps(_parts(blocks))
    articles = []
    for index, chain in enumerate(parts):
        head = chain[0]
        every = [b for part in chain for b in part.blocks]
        body = _body(doc.text, canonical_text, chain)
        headline = head.headline or lead_headline(_as_written(doc.text, body, LEAD_CHARS))
        byline = _byline(every) or _credit_byline(head.head)
        articles.append(Article(doc_name=doc.name, index=index, headline=headline, byline=byline,
                                start=every[0].start, end=every[-1].end, body=body))
    return articles


def _as_written(text: str, body: MappedText, limit: int) -> str:
    """The first ``limit`` characters of the body with the document's own characters (the body
    itself is canonical; a line break it adds stays a line break)."""
    written = "".join(text[o:o + n] for o, n in body.offsets.runs(0, min(limit, len(body.text))))
    return "".join("\n" if c == "\n" else w for c, w in zip(body.text[:limit], written))


def lead_headline(body: str) -> str:
    """A stand-in headline for an untitled article: its first line when that is a title, else
    the lead of its first sentence, trimmed.

    The news-lead opening and its byline (本报讯(记者 …)) are dropped; a long sentence is cut at
    the last comma within FALLBACK_HEADLINE_MAX characters, else there with an ellipsis. The
    signals are read on the canonical copy, the words kept as written.
    """
    line = body.strip().split("\n", 1)[0].strip()
    norm = canonical(line)
    if len(line) <= HEADLINE_MAX and not _PROSE_PUNCTUATION.search(norm) and not _SENTENCE_END.search(norm):
        return line                                  # a title line the layout did not set apart
    start = 0
    opening = _markers()["lead"].match(norm)
    if opening:
        start = opening.end()
        while start < len(norm) and norm[start] in "】] \t":
            start += 1
        credit = _LEAD_CREDIT.match(norm, start)
        start = credit.end() if credit else start
    stop = _SENTENCE_END.search(norm, start)
    end = stop.start() if stop else len(norm)
    if end - start <= FALLBACK_HEADLINE_MAX:
        return line[start:end].strip()
    cut = max(norm.rfind(c, start, start + FALLBACK_HEADLINE_MAX) for c in ",、")
    if cut - start >= FALLBACK_HEADLINE_MAX // 2:
        return line[start:cut].strip()
    return line[start:start + FALLBACK_HEADLINE_MAX].strip() + "…"


def _join_jumps(parts: list[_Part]) -> list[list[_Part]]:
    """Chain a part ending in 下转第N版 with a later part opening with 上接/紧接 (same article)."""
    chains: list[list[_Part]] = []
    open_chains: list[list[_Part]] = []              # chains whose last part jumps elsewhere
    for part in parts:
        target = _best_open_chain(part, open_chains) if part.continued else None
        if target is not None:
            target.append(part)
            open_chains.remove(target)
        else:
            target = [part]
            chains.append(target)
        if part.blocks[-1].jump_to:
            open_chains.append(target)
    return chains


def _best_open_chain(part: _Part, open_chains: list[list[_Part]]) -> list[_Part] | None:
    """The jumped article a continuation belongs to: the one whose headline it repeats.

    A continuation without a headline stays an article of its own: the page it came from may
    not be in this document, and a wrong merge would mix two stories.
    """
    if not open_chains or not part.headline:
        return None
    scored = [(_similarity(part.headline, chain[0].headline), chain) for chain in open_chains]
    score, chain = max(scored, key=lambda pair: pair[0])
    return chain if score >= 0.3 else None


def _similarity(a: str, b: str) -> float:
    """Share of ``a``'s character bigrams found in ``b`` (a continued headline is often shortened)."""
    grams = {a[i:i + 2] for i in range(len(a) - 1)} - {"  "}
    other = {b[i:i + 2] for i in range(len(b) - 1)}
    return len(grams & other) / len(grams) if grams else 0.0


def _byline(blocks: list[Block]) -> str | None:
    for block in blocks:
        if block.byline and not block.dateline:
            return " ".join(block.text.lstrip("■□●◆▲ ").split())
        if block.lead:
            found = _LEAD_BYLINE.match(block.text)
            return found.group(1).strip() if found else None
    return None


def _credit_byline(head: list[Block]) -> str | None:
    """The reporters named at the end of a dateline set under the headline
    (【本報訊】2024年7月3日（星期三） 記者 鄭家朗; 来源:澄湖日报 作者:记者 林晓婷 通讯员 何振),
    or in the brackets of a news lead (钱江晚报讯(记者 周宁)2023年9月8日)."""
    for block in head:
        for line in block.text.splitlines():
            line = line.strip()
            if not _credit_line(line):
                continue
            norm = canonical(line)
            found = _CREDIT_NAMES.search(norm)
            if found:
                return " ".join(line[found.start():found.end()].split())
            bracketed = _LEAD_BYLINE.match(norm) if _markers()["lead"].match(norm) else None
            if bracketed and _CREDIT_NAMES.search(bracketed.group(1)):     # not (星期三)
                return " ".join(line[bracketed.start(1):bracketed.end(1)].split())
    return None


def _body(text: str, canonical_text: str, chain: list[_Part]) -> MappedText:
    """The cleaned text of an article: headline and paragraphs, column breaks joined, markers out.

    ``canonical_text`` is the page's canonical copy (same length): the body is sliced from it,
    while repeats are looked for in the characters as written.
    """
    pieces: list[str] = []                     # as written
    canonical_pieces: list[str] = []
    offsets = OffsetMapBuilder()
    line_starts: list[int] = []                # body positions where a line of text begins
    previous: Block | None = None
    for part in chain:
        for block in part.blocks:
            if block.byline or block.only_marker:
                continue
            start, end = block.start + block.jump_from, block.end - block.tail_marker
            if block.heading:
                start += _MARKDOWN_HEADING.match(block.text).end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            if previous is not None:
                column_break = not previous.terminal and not previous.headline_like and not block.headline_like
                if not column_break:
                    pieces.append("\n")
                    canonical_pieces.append("\n")
                    offsets.add(previous.end, 1)
                if not (previous.headline_like or block.headline_like):
                    line_starts.append(offsets.chars)
            if not block.headline_like:
                newline = text.find("\n", start, end)
                while newline != -1:
                    line_starts.append(offsets.chars + newline - start + 1)
                    newline = text.find("\n", newline + 1, end)
            pieces.append(text[start:end])
            canonical_pieces.append(canonical_text[start:end])
            offsets.add(start, end - start)
            previous = block
    mapped = offsets.build(empty_at=chain[0].blocks[0].start)
    drops = _repeats("".join(pieces), line_starts)
    body = "".join(canonical_pieces)
    return _without(body, mapped, drops) if drops else MappedText(body, mapped)


def _repeats(body: str, line_starts: list[int]) -> list[tuple[int, int]]:
    """(start, length) of each clause the OCR read twice across a line or column break.

    ``…。其中,临泽老街接待游客21.6万人次,⏎其中,临泽老街接待游客21.6万人次,大年初二…``: when
    the clauses that open a line repeat, verbatim, the clauses that close the line before
    (REPEAT_MIN characters or more, whole clauses on both sides), the second copy is dropped,
    with its offsets, so a number in it is not counted twice. Works on positions, never on
    copies of the rest of the body, so a long page stays linear.
    """
    drops: list[tuple[int, int]] = []
    for start in sorted(set(line_starts)):
        if drops and start < sum(drops[-1]):
            continue
        before_end = start
        while before_end > 0 and body[before_end - 1] == "\n":
            before_end -= 1
        length = _repeat_length(body, before_end, start)
        if length:
            drops.append((start, length))
    return drops


def _without(body: str, offsets: OffsetMap, drops: list[tuple[int, int]]) -> MappedText:
    """The body and its offsets with the dropped spans taken out."""
    kept_text, kept = [], OffsetMapBuilder()
    cursor = 0
    for start, length in [*drops, (len(body), 0)]:
        kept_text.append(body[cursor:start])
        for offset, size in offsets.runs(cursor, start):
            kept.add(offset, size)
        cursor = start + length
    return MappedText("".join(kept_text), kept.build())


def _repeat_length(body: str, before_end: int, start: int) -> int:
    """Length of the longest run of whole clauses closing the line that ends at ``before_end``
    that also opens the text at ``start``."""
    line_start = body.rfind("\n", 0, before_end) + 1
    if before_end - line_start < REPEAT_MIN or body.find(body[start:start + REPEAT_MIN], line_start, before_end) < 0:
        return 0                                # no repeat can start here: skip the clause scan
    line = canonical(body[line_start:before_end])
    heads = [0] + [i + 1 for i, c in enumerate(line) if c in _CLAUSE_MARKS]
    for head in heads:                          # the longest candidate first
        length = len(line) - head
        if length < REPEAT_MIN:
            break
        if not body.startswith(body[line_start + head:before_end], start):
            continue
        end = start + length
        if end == len(body) or body[end] == "\n" or canonical(body[end - 1]) in _CLAUSE_MARKS:
            return length
    return 0
