import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps

from accounts.models import PersonalAccessToken, Role, User
from accounts.services import connect, create_api_token, grant_role
from conftest import PASSWORD, enable_totp
from groups.models import Group, Membership
from lib.personal_data import covered_models

pytestmark = pytest.mark.django_db

# Models that point at a member but are not the member's own data, and why.
NOT_PERSONAL_DATA = {
    "admin.logentry": "the admin's record of what staff changed; kept as an audit trail, removed by cascade",
    "account.emailconfirmation": "a pending verification link, removed with its email address",
    "django_tasks_db.dbtaskresult": "background task bookkeeping, no personal content",
    "api.idempotencykey": "a retried API write's stored answer (encrypted), kept 24 hours, removed by cascade",
}


def test_download_holds_my_data_and_nobody_elses(member_client, member, sponsor, outsider):
    member.pronouns = "she/her"
    member.save()
    EmailAddress.objects.create(user=member, email="robin@example.org", verified=True, primary=True)
    grant_role(member, Role.FACILITATOR)
    enable_totp(member)
    connect(member, sponsor)
    create_api_token(member, name="phone")
    group = Group.objects.create(slug="g", name="Harbour", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    create_api_token(outsider, name="outsider-token")

    response = member_client.get("/me/data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)["data"]
    account = data["account"]
    assert account["username"] == "member"
    assert account["profile"]["pronouns"] == {"value": "she/her", "visible_to": "only_me"}
    assert account["emails"] == [{"email": "robin@example.org", "verified": True, "primary": True}]
    assert "facilitator" in account["roles"]
    assert account["connections"] == ["Sam"]
    assert sorted(account["two_factor_methods"]) == ["recovery_codes", "totp"]
    assert [t["name"] for t in account["api_tokens"]] == ["phone"]
    assert data["groups"]["memberships"][0]["group"] == "Harbour"
    text = response.content.decode()
    assert "outsider-token" not in text
    assert "token_hash" not in text and "secret" not in text


def test_every_model_that_points_at_a_member_is_exported_or_explained():
    user_model = apps.get_model("accounts", "User")
    missing = []
    for model in apps.get_models():
        label = model._meta.label_lower
        points_at_user = any(
            field.concrete and (field.many_to_one or field.one_to_one) and field.related_model is user_model
            for field in model._meta.get_fields()
        )
        if points_at_user and label not in covered_models() | set(NOT_PERSONAL_DATA):
            missing.append(label)
    assert not missing, f"register an exporter in lib.personal_data for: {missing}"


def test_delete_needs_the_password_and_the_word(member_client, member):
    response = member_client.post("/me/delete/", {"password": "wrong", "confirm": "nope"})
    html = response.content.decode()
    assert 'id="id_password_error"' in html and 'id="id_confirm_error"' in html
    assert User.objects.filter(pk=member.pk).exists()


def test_delete_removes_the_member_and_everything_theirs(client, member_client, member, sponsor):
    EmailAddress.objects.create(user=member, email="robin@example.org", verified=True, primary=True)
    connect(member, sponsor)
    _token, raw = create_api_token(member, name="phone")
    group = Group.objects.create(slug="g", name="Harbour", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    page = member_client.get("/me/delete/").content.decode()
    assert "cannot be undone" in page

    response = member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(username="member").exists()
    assert not EmailAddress.objects.filter(email="robin@example.org").exists()
    assert not PersonalAccessToken.objects.filter(name="phone").exists()
    assert not Membership.objects.filter(group=group).exists()
    assert User.objects.filter(pk=sponsor.pk).exists()
    assert member_client.get("/me/").status_code == 302
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
