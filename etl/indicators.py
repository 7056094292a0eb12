"""Quantity + context -> Mention. (Minimal first version.)"""
from __future__ import annotations

from etl.models import Article, Document, Mention, Quantity
from etl.settings import Settings


def annotate(article: Article, quantities: list[Quantity], doc: Document, settings: Settings) -> list[Mention]:
    out = []
    year = doc.published_on.year if doc.published_on else None
    for q in quantities:
        start, end = article.body.source_span(q.start, q.end)
        out.append(Mention(doc=doc.name, start=start, end=end, text=doc.text[start:end], value=q.value,
                           unit=q.unit, qualifier=q.bound, measure="level", period=None, year=year,
                           indicator="未知", indicator_en="unknown", subject=settings.default_region,
                           topic="other", context=doc.text[max(0, start - 20):end + 20],
                           article_index=article.index))
    return out
