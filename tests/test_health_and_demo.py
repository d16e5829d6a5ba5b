import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from directory.models import Meeting
from groups.models import Group


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_demo_data_loads_twice_without_duplicates(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert User.objects.count() == 5
    assert Group.objects.count() == 4
    assert Meeting.objects.count() == 8
    from peerhaven.management.commands.load_demo import DEMO_PASSWORD

    response = client.post("/accounts/login/", {"login": "river", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200
