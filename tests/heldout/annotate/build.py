"""Build ../gold/*.jsonl from the compact annotations a01..a10: offsets are found by script.

Usage (from this folder): python build.py a01 a02 a03 a04 a05 a06 a07 a08 a09 a10
Each row names its text and a unique context; the script finds the span, checks text ==
file[start:end], the vocabularies and that rows do not overlap, writes the JSONL in text order and
lists number-like characters no row covers (to review: dates and periods are left out on purpose).
"""
import json, re, sys, importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUALIFIERS = ("exact", "approx", "at_least", "target", "forecast")
MEASURES = ("level", "yoy_growth", "growth", "share", "progress")
TOPICS = ("economy", "agriculture", "industry", "investment", "tourism_culture", "consumption", "construction_housing",
          "energy_environment", "education", "labor_employment", "innovation_tech",
          "market_entities", "governance", "other")
REASONS = ("phone", "issue_number", "page_count", "date_or_time", "document_id", "policy_code",
           "ordinal_or_rank", "address_or_route", "meeting_sequence", "floor_count", "email", "other")

CATALOG = {}  # indicator -> (en, topic)
def cat(name, en, topic):
    CATALOG[name] = (en, topic)

class Doc:
    def __init__(self, name, subject, year, period):
        self.name = name
        self.text = (ROOT / 'corpus' / name).read_text(encoding='utf-8')
        self.defaults = dict(subject=subject, year=year, period=period)
        self.rows = []

    def _locate(self, text, ctx, at, occ):
        starts = [m.start() for m in re.finditer(re.escape(ctx), self.text)]
        assert starts, f'{self.name}: context not found: {ctx!r}'
        if occ is None:
            assert len(starts) == 1, f'{self.name}: context not unique ({len(starts)}): {ctx!r}'
            occ = 0
        base = starts[occ]
        inner = [m.start() for m in re.finditer(re.escape(text), ctx)]
        assert len(inner) > at, f'{self.name}: {text!r} not in context {ctx!r}'
        start = base + inner[at]
        return start, start + len(text)

    def I(self, text, ctx, value, unit, ind, q='exact', m='level', period='_', year='_',
          subj=None, note=None, at=0, occ=None, topic=None):
        start, end = self._locate(text, ctx, at, occ)
        en, default_topic = CATALOG[ind]
        row = dict(doc=self.name, start=start, end=end, text=text, context=ctx, is_indicator=True,
                   value=value, unit=unit, qualifier=q, measure=m,
                   period=self.defaults['period'] if period == '_' else period,
                   year=self.defaults['year'] if year == '_' else year,
                   indicator=ind, indicator_en=en,
                   subject=subj or self.defaults['subject'], topic=topic or default_topic)
        if note:
            row['note'] = note
        self.rows.append(row)

    def N(self, text, ctx, reason, note=None, at=0, occ=None):
        start, end = self._locate(text, ctx, at, occ)
        row = dict(doc=self.name, start=start, end=end, text=text, context=ctx,
                   is_indicator=False, reason=reason)
        if note:
            row['note'] = note
        self.rows.append(row)

    def NALL(self, text, reason, note=None):
        """Every occurrence of a term (slogans repeated through a text)."""
        for m in re.finditer(re.escape(text), self.text):
            a, b = max(0, m.start() - 12), min(len(self.text), m.end() + 12)
            ctx = self.text[a:b]
            row = dict(doc=self.name, start=m.start(), end=m.end(), text=text,
                       context=ctx, is_indicator=False, reason=reason)
            if note:
                row['note'] = note
            self.rows.append(row)

    def finish(self):
        rows = sorted(self.rows, key=lambda r: (r['start'], r['end']))
        for r in rows:
            assert self.text[r['start']:r['end']] == r['text'], r
            assert r['context'] in self.text and r['text'] in r['context'] and len(r['context']) <= 80, r
            if r['is_indicator']:
                assert r['qualifier'] in QUALIFIERS and r['measure'] in MEASURES and r['topic'] in TOPICS, r
                assert isinstance(r['value'], (int, float)) and r['unit'] and r['indicator'], r
                assert r['year'] is None or 1990 < r['year'] < 2040, r
            else:
                assert r['reason'] in REASONS, r
        for a, b in zip(rows, rows[1:]):
            assert a['end'] <= b['start'], ('overlap', a['text'], b['text'], a['start'], b['start'])
        out = ROOT / 'gold' / self.name.replace('.txt', '.jsonl')
        with out.open('w', encoding='utf-8') as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + '\n')
        self.coverage(rows)
        n_ind = sum(r['is_indicator'] for r in rows)
        print(f'{self.name}: {len(rows)} rows, {n_ind} indicators, {len(self.text)} chars')

    NUM = re.compile(r'[0-9０-９〇零一二三四五六七八九十百千万亿两兩萬億]+')
    def coverage(self, rows):
        covered = set()
        for r in rows:
            covered.update(range(r['start'], r['end']))
        for m in self.NUM.finditer(self.text):
            if any(i in covered for i in range(m.start(), m.end())):
                continue
            after = self.text[m.end():m.end() + 1]
            if after in '年月日号時时' and after:
                continue
            print('   UNCOVERED', repr(m.group()), '|', self.text[max(0, m.start()-10):m.end()+8].replace('\n', '⏎'))

if __name__ == '__main__':
    import catalog  # noqa
    for mod in sys.argv[1:]:
        importlib.import_module(mod)
