"""A suspension takes effect on the whole site at once: only help, the account, the moderation page (to appeal),
notifications and logging out stay open; a lift opens everything again at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import create_api_token
from moderation.models import ActionKind, ModerationAction

pytestmark = pytest.mark.django_db


def suspend(member, moderator, until=None):
    return ModerationAction.objects.create(
        moderator=moderator, member=member, kind=ActionKind.SUSPEND, reason="Repeated harassment.", until=until
    )


def test_a_suspended_member_is_refused_pages_and_told_why(member_client, member, moderator):
    assert member_client.get("/me/recovery/").status_code == 200
    suspend(member, moderator)
    response = member_client.get("/me/recovery/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Repeated harassment." in html and 'href="/me/moderation/"' in html and 'href="/help/"' in html
    for open_path in ("/help/", "/me/", "/me/moderation/", "/me/notifications/", "/me/data/"):
        assert member_client.get(open_path).status_code == 200, open_path


def test_a_suspended_member_is_refused_the_api_with_a_message(client, member, moderator):
    token = create_api_token(member, name="phone")[1]
    suspend(member, moderator)
    response = client.get("/api/v1/me/counters", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403
    assert "suspended" in response.json()["message"]
    assert client.get("/api/v1/me/moderation", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_lifting_or_the_end_date_opens_the_site_again(member_client, member, moderator):
    suspend(member, moderator)
    assert member_client.get("/groups/").status_code == 403
    ModerationAction.objects.create(moderator=moderator, member=member, kind=ActionKind.LIFT, reason="Talked it over.")
    assert member_client.get("/groups/").status_code == 200
    suspend(member, moderator, until=timezone.now() - timedelta(minutes=1))
    assert member_client.get("/groups/").status_code == 200


def test_other_members_are_not_affected(member, moderator, outsider_client):
    suspend(member, moderator)
    assert outsider_client.get("/me/recovery/").status_code == 200
