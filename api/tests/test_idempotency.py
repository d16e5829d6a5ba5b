import json

import pytest
from django.core.management import call_command

from accounts.services import create_api_token
from journey.models import JournalEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def headers(member):
    _token, raw = create_api_token(member, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(client, headers, body, key):
    return client.post(
        "/api/v1/me/journal", json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **headers
    )


def test_a_retry_with_the_same_key_gets_the_first_answer_and_writes_once(client, headers, member):
    first = _post(client, headers, {"body": "marker-1"}, "k1")
    again = _post(client, headers, {"body": "marker-1"}, "k1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert JournalEntry.objects.filter(user=member).count() == 1


def test_the_same_key_with_another_body_is_refused(client, headers):
    assert _post(client, headers, {"body": "a"}, "k2").status_code == 201
    assert _post(client, headers, {"body": "b"}, "k2").status_code == 422


def test_keys_are_per_member_and_expire(client, headers, member):
    assert _post(client, headers, {"body": "a"}, "k3").status_code == 201
    call_command("purge_idempotency_keys")
    assert _post(client, headers, {"body": "a"}, "k3")["Idempotent-Replayed"] == "true"


def test_an_over_long_key_is_a_400(client, headers):
    assert _post(client, headers, {"body": "a"}, "x" * 300).status_code == 400
