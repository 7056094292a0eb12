"""Document -> articles -> mentions: the extraction stage, pure (no files, no database)."""
from __future__ import annotations

from etl.indicators import annotate
from etl.models import Article, Document, Mention
from etl.places import page_places
from etl.quantities import find_quantities
from etl.segment import split_articles
from etl.settings import Settings


def extract_document(doc: Document, settings: Settings | None = None) -> tuple[list[Article], list[Mention]]:
    """Split a document into articles and extract every indicator mention, in text order."""
    settings = settings or Settings()
    articles = split_articles(doc)
    mentions: list[Mention] = []
    page = page_places(doc, settings.default_region)
    for article in articles:
        quantities = find_quantities(article.body.text)
        mentions.extend(annotate(article, quantities, doc, settings, page))
    mentions.sort(key=lambda m: (m.start, m.end))
    return articles, mentions
