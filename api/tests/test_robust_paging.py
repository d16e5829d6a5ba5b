"""Every paged endpoint bounds `page` (1..MAX_PAGE): a huge page answers 400 with a message, never a 500."""

import re

import pytest

from conftest import auth
from lib.paging import MAX_PAGE

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775807"


def _paged_paths(client) -> list[str]:
    doc = client.get("/api/v1/openapi.json").json()
    paths = []
    for path, operations in doc["paths"].items():
        get = operations.get("get")
        if get and any(p["name"] == "page" and p["in"] == "query" for p in get.get("parameters", [])):
            paths.append(path)
    return sorted(paths)


def _filled(path: str, world) -> str:
    ids = {"group_id": world.harbour.pk, "thread_id": world.thread.pk}
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def test_the_openapi_document_lists_the_paged_endpoints_with_their_maximum(client):
    doc = client.get("/api/v1/openapi.json").json()
    paths = _paged_paths(client)
    assert {"/api/v1/me/attendance", "/api/v1/resources", "/api/v1/events", "/api/v1/reports"} <= set(paths)
    for path in paths:
        page = next(p for p in doc["paths"][path]["get"]["parameters"] if p["name"] == "page")
        assert page["schema"]["maximum"] == MAX_PAGE, path


@pytest.mark.parametrize("page", [HUGE, str(MAX_PAGE + 1), "0", "-1", "1e400", "99999999999999999999999999"])
def test_a_page_out_of_range_answers_400_on_every_paged_endpoint(client, group_world, member, page):
    headers = auth(member)
    for path in _paged_paths(client):
        response = client.get(_filled(path, group_world), {"page": page}, **headers)
        assert response.status_code == 400, (path, response.status_code, response.content[:200])
        assert "page" in response.json()["message"], path


def test_the_last_allowed_page_answers_an_empty_page(client, group_world, member):
    headers = auth(member)
    for path in _paged_paths(client):
        response = client.get(_filled(path, group_world), {"page": MAX_PAGE, "limit": 100}, **headers)
        assert response.status_code == 200, (path, response.content[:200])


def test_a_service_that_pages_by_hand_refuses_a_huge_page():
    from django.core.exceptions import ValidationError

    from lib.paging import counted_page_of, page_of

    with pytest.raises(ValidationError):
        page_of([], int(HUGE), 10)
    with pytest.raises(ValidationError):
        counted_page_of(None, 0, 10)  # type: ignore[arg-type]
