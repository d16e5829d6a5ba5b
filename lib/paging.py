"""Paging a list endpoint by `page` and `limit`: one query, no COUNT (one extra row tells whether more follow)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int
    has_next: bool


def page_of(queryset: QuerySet[Any] | Sequence[Any], page: int, limit: int) -> Page:
    """Rows `(page - 1) * limit` to `page * limit` of `queryset` (1-based pages); reads `limit + 1` rows."""
    start = (page - 1) * limit
    rows = list(queryset[start : start + limit + 1])
    return Page(items=rows[:limit], page=page, has_next=len(rows) > limit)


def next_link(request: HttpRequest, page: Page) -> str | None:
    """The URL of the next page (the same query with `page` + 1), for a `Link: <…>; rel="next"` header."""
    if not page.has_next:
        return None
    query = request.GET.copy()
    query["page"] = str(page.page + 1)
    return f'<{request.path}?{query.urlencode()}>; rel="next"'
