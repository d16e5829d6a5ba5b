"""No input answers 500: a NUL character anywhere (400) and a body over the limit (413), for the API and pages.

These run on SQLite and, in the PostgreSQL lane, on PostgreSQL, where a NUL reaching a query was a 500."""

import json

import pytest
from django.db import connection

from conftest import auth

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "NUL character"


def _counter(why: str) -> str:
    return json.dumps({"pathway": "alcohol", "start_date": "2026-01-01", "why": why})


def test_postgresql_itself_refuses_a_nul_which_is_why_the_guard_exists(member):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the PostgreSQL lane of CI runs it)")
    from django.db import DataError

    from accounts.models import User

    with pytest.raises((ValueError, DataError), match="NUL"):
        list(User.objects.filter(username="x\x00y"))


def test_a_nul_in_a_json_string_answers_400_json(client, member):
    response = client.post("/api/v1/me/counters", _counter("x\u0000y"), content_type="application/json", **auth(member))
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json()["message"]


def test_a_nul_in_a_json_key_or_nested_list_answers_400(client, member):
    headers = auth(member)
    for body in ('{"a\\u0000": 1}', '{"ids": [["x\\u0000"]]}', '{"why": "raw \x00 byte"}'):
        response = client.post("/api/v1/me/notifications/read", body, content_type="application/json", **headers)
        assert response.status_code == 400, body
        assert NUL_MESSAGE in response.json()["message"]


def test_an_escaped_backslash_before_u0000_is_not_a_nul(client, member):
    body = json.dumps({"pathway": "alcohol", "start_date": "2026-01-01", "why": "a \\u0000 b"})
    response = client.post("/api/v1/me/counters", body, content_type="application/json", **auth(member))
    assert response.status_code != 400 or NUL_MESSAGE not in response.json()["message"]
    assert response.status_code < 500


@pytest.mark.parametrize(
    "path", ["/api/v1/groups?q=%00", "/api/v1/groups?%00=1", "/api/v1/groups/%00", "/api/v1/me/journal?q=a%00b"]
)
def test_a_nul_in_the_api_path_or_query_answers_400_json(client, member, path):
    response = client.get(path, **auth(member))
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json()["message"]


@pytest.mark.parametrize("path", ["/members/%00/", "/calendar/%00.ics", "/groups/?q=%00", "/meetings/?q=x%00"])
def test_a_nul_in_a_page_path_or_query_answers_an_html_400_for_anonymous_visitors(client, path):
    response = client.get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert NUL_MESSAGE in html
    assert 'data-testid="get-help"' in html
    assert html.count("<h1") == 1


def test_a_nul_in_a_form_field_answers_400(client):
    response = client.post("/accounts/login/", {"login": "river\x00", "password": "x"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_a_nul_in_a_cookie_answers_400(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/groups/")
    assert response.status_code == 400


def test_a_file_with_nul_bytes_is_not_refused_by_the_guard(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4\x00\x00binary", content_type="application/pdf")
    response = client.post("/api/v1/resources", {"title": "A file", "file": upload}, **auth(member))
    assert response.status_code < 500
    assert NUL_MESSAGE not in response.content.decode()


def test_a_json_body_over_the_limit_answers_413_json(client, member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    body = _counter("x" * (5 * 1024 * 1024))
    response = client.post("/api/v1/me/counters", body, content_type="application/json", **auth(member))
    assert response.status_code == 413
    assert response.json()["message"] == "The request is too large."


def test_a_json_body_over_the_limit_answers_413_even_with_debug(client, member, settings):
    settings.DEBUG = True
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/me/counters", _counter("x" * 2000), content_type="application/json", **auth(member))
    assert response.status_code == 413
    assert "message" in response.json()


def test_a_form_over_the_limit_answers_an_html_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/accounts/login/", {"login": "river", "password": "x" * 2000})
    assert response.status_code == 413
    html = response.content.decode()
    assert "too large" in html
    assert 'data-testid="get-help"' in html


def test_too_many_form_fields_answers_400_not_500(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post("/accounts/login/", {f"f{i}": "x" for i in range(10)})
    assert response.status_code == 400


def test_ordinary_requests_pass_the_guard(client, member):
    headers = auth(member)
    assert client.get("/api/v1/groups?q=harbour", **headers).status_code == 200
    response = client.post("/api/v1/me/counters", _counter("for my kids"), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
