"""Searching the catalogue in Chinese, on PostgreSQL (full-text search over the pairs) and on
SQLite (the same pairs matched as whole tokens)."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from gongkai import search
from gongkai.web.registers.models import Publication


def matching(publications: QuerySet[Publication], query: str) -> QuerySet[Publication]:
    words = list(dict.fromkeys(search.tokens(query)))[:30]
    if not words:
        return publications
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        wanted = SearchQuery(" & ".join(words), config="simple", search_type="raw")
        vector = SearchVector("search_text", config="simple")
        return publications.annotate(found=vector).filter(found=wanted)
    for word in words:
        publications = publications.filter(search_text__contains=f" {word} ")
    return publications
