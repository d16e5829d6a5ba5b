"""Long lists in the API come a page at a time, with a Link header to the next page."""

from datetime import timedelta

import pytest

from accounts.services import create_api_token
from journey.models import Attendance, JournalEntry, today_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(member):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='phone')[1]}"}


@pytest.mark.parametrize("path", ["/api/v1/me/journal", "/api/v1/me/attendance"])
def test_a_list_pages_with_a_link_to_the_next_page(client, member, auth, path):
    today = today_for(member)
    for n in range(5):
        JournalEntry.objects.create(user=member, date=today - timedelta(days=n), body=f"entry {n}")
        Attendance.objects.create(user=member, date=today - timedelta(days=n), name=f"meeting {n}")
    first = client.get(f"{path}?limit=2", **auth)
    assert first.status_code == 200 and len(first.json()) == 2
    assert first["Link"] == f'<{path}?limit=2&page=2>; rel="next"'
    last = client.get(f"{path}?limit=2&page=3", **auth)
    assert len(last.json()) == 1 and "Link" not in last
    seen = [row["date"] for page in (1, 2, 3) for row in client.get(f"{path}?limit=2&page={page}", **auth).json()]
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 5


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "page=0", "page=x"])
def test_bad_paging_answers_400_naming_it(client, auth, query):
    response = client.get(f"/api/v1/me/journal?{query}", **auth)
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["message"]
