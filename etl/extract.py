"""Document -> articles -> mentions: the extraction stage, pure (no files, no database).

``extract_document`` reads a long text window by window (``etl/windows.py``), so its work and
memory per window stay bounded; ``extract_whole`` is the extraction of one window.
"""
from __future__ import annotations

from etl.indicators import annotate
from etl.models import Article, Document, Mention
from etl.places import PagePlaces, page_places
from etl.quantities import find_quantities
from etl.segment import split_articles
from etl.settings import Settings


def extract_document(doc: Document, settings: Settings | None = None) -> tuple[list[Article], list[Mention]]:
    """Split a document into articles and extract every indicator mention, in text order."""
    from etl.windows import extract_text

    return extract_text(doc, settings)


def extract_whole(doc: Document, settings: Settings | None = None,
                  page: PagePlaces | None = None) -> tuple[list[Article], list[Mention]]:
    """The articles and mentions of ``doc.text`` read at once (one window); ``page`` is what the
    document says of its own place (found in ``doc.text`` when not given)."""
    settings = settings or Settings()
    articles = split_articles(doc)
    mentions: list[Mention] = []
    page = page or page_places(doc, settings.default_region)
    for article in articles:
        quantities = find_quantities(article.body.text)
        mentions.extend(annotate(article, quantities, doc, settings, page))
    mentions.sort(key=lambda m: (m.start, m.end))
    return articles, mentions
