"""Paging a list endpoint by `page` and `limit`: one query, no COUNT (one extra row tells whether more follow)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field

# The one bound on `page` for every paged endpoint: past it an offset could overflow the database's integer (a 500
# on SQLite and PostgreSQL alike); nobody reads 10,000 pages one by one.
MAX_PAGE = 10_000


def page_field(description: str | None = None) -> Any:
    """The `page` parameter of a paged endpoint's query schema: 1 (the first) to `MAX_PAGE`, documented so."""
    return Field(1, ge=1, le=MAX_PAGE, description=description)


def check_page(page: int, limit: int) -> None:
    """Refuse a page outside 1..`MAX_PAGE` or a limit below 1 with a ValidationError (400 in the API), so that no
    caller slices a queryset at an offset the database cannot hold."""
    if not 1 <= page <= MAX_PAGE:
        raise ValidationError({"page": [f"must be between 1 and {MAX_PAGE}"]})
    if limit < 1:
        raise ValidationError({"limit": ["must be at least 1"]})


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int
    has_next: bool


def page_of(queryset: QuerySet[Any] | Sequence[Any], page: int, limit: int) -> Page:
    """Rows `(page - 1) * limit` to `page * limit` of `queryset` (1-based pages); reads `limit + 1` rows."""
    check_page(page, limit)
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


@dataclass(frozen=True)
class CountedPage:
    """A page that also tells how many rows there are in all (for answers that show `count` and `pages`)."""

    items: list[Any]
    page: int
    count: int
    pages: int
    next_page: int | None


def counted_page_of(queryset: QuerySet[Any], page: int, limit: int, *, clamp: bool = False) -> CountedPage:
    """Rows of page `page` (1-based) of `queryset`, `limit` a page, with the total: a COUNT, then one read (none
    when the page is past the end). `clamp`: a page past the end answers the last page instead of no rows (as
    Django's `Paginator.get_page` does); there is always at least one page, perhaps empty."""
    check_page(page, limit)
    count = queryset.count()
    pages = max(1, -(-count // limit))
    if clamp:
        page = min(page, pages)
    start = (page - 1) * limit
    items = list(queryset[start : start + limit]) if start < count else []
    return CountedPage(
        items=items, page=page, count=count, pages=pages, next_page=page + 1 if start + limit < count else None
    )
