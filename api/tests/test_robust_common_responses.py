"""Every operation documents the errors any request may get, with the one Error schema (schemathesis checks that
every status code answered is documented)."""

import pytest

from api.api import COMMON_RESPONSES

pytestmark = pytest.mark.django_db


def test_every_operation_documents_the_common_error_responses(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["components"]["schemas"]["Error"]["required"] == ["message"]
    assert {400, 401, 403, 404, 413, 422, 429} <= set(COMMON_RESPONSES)
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status in COMMON_RESPONSES:
                assert str(status) in operation["responses"], (method, path, status)


def test_an_operation_keeps_its_own_success_responses(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "201" in doc["paths"]["/api/v1/me/counters"]["post"]["responses"]
    assert "200" in doc["paths"]["/api/v1/me"]["get"]["responses"]


def test_the_reminder_time_is_documented_as_a_local_time_without_offset(client):
    doc = client.get("/api/v1/openapi.json").json()
    text = str(doc["components"]["schemas"]["ReminderOut"]["properties"]["time"])
    assert "'format': 'time'" not in text
    assert "pattern" in text
