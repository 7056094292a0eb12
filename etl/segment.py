"""Document -> Article. (Minimal first version: the whole document is one article.)"""
from __future__ import annotations

from etl.models import Article, Document, MappedText
from etl.normalize import canonical


def split_articles(doc: Document) -> list[Article]:
    body = MappedText(canonical(doc.text), tuple(range(len(doc.text) + 1)))
    return [Article(doc_name=doc.name, index=0, headline="", byline=None, start=0,
                    end=len(doc.text), body=body)]
