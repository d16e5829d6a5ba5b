"""Moderation queues and actions: who may see and act, what each action does, and the member seeing the reason."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from conftest import client_for, make_member
from groups.access import can_post, get_group_for_reader
from groups.models import ContentStatus, Membership, Post
from moderation.models import ModerationAction, Report
from moderation.sanctions import is_suspended
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_site_queue_is_for_site_moderators_only(client, group_world, report, member):
    assert client_for(group_world.moderator).get("/moderation/").status_code == 200
    for user in (group_world.host, group_world.other_host, member):
        assert client_for(user).get("/moderation/").status_code == 404
    assert client.get("/moderation/").status_code == 302


def test_group_queue_is_for_that_groups_staff_and_site_moderators(group_world, report, member, outsider):
    assert client_for(group_world.host).get("/groups/harbour/moderation/").status_code == 200
    assert client_for(group_world.moderator).get("/groups/harbour/moderation/").status_code == 200
    for user in (group_world.other_host, member, outsider):
        assert client_for(user).get("/groups/harbour/moderation/").status_code == 404


def test_queue_shows_at_risk_first_then_oldest_with_content_reporter_and_history(group_world, report, member):
    group_world.post.status = ContentStatus.HIDDEN
    group_world.post.save()
    older = Report.objects.create(
        reporter=group_world.reader,
        member=group_world.writer,
        group=group_world.harbour,
        reason="spam",
        created_at=timezone.now() - timedelta(days=2),
    )
    urgent = Report.objects.create(
        member=group_world.writer, group=group_world.harbour, reason="at_risk", priority=True
    )
    ModerationAction.objects.create(
        moderator=group_world.host, member=group_world.writer, kind="warn", reason="Be kind, please."
    )
    html = client_for(group_world.host).get("/groups/harbour/moderation/").content.decode()
    order = [html.index(f"/moderation/reports/{r.pk}/") for r in (urgent, older, report)]
    assert order == sorted(order)
    assert "Hello there" in html  # the hidden post is still shown to moderators
    assert "Robin" in html and "Unkind" in html and "Be kind, please." in html
    assert html.count("<h1") == 1


def test_report_detail_for_site_moderator_and_the_groups_staff_only(group_world, report, member, outsider):
    url = f"/moderation/reports/{report.pk}/"
    assert client_for(group_world.moderator).get(url).status_code == 200
    assert client_for(group_world.host).get(url).status_code == 200
    for user in (group_world.other_host, member, outsider, group_world.writer):
        assert client_for(user).get(url).status_code == 404


def test_queue_costs_a_fixed_number_of_queries(group_world, django_assert_max_num_queries):
    for i in range(30):
        user = make_member(f"r{i}")
        Report.objects.create(
            reporter=user, member=group_world.writer, post=group_world.post, group=group_world.harbour, reason="spam"
        )
    moderator = client_for(group_world.moderator)
    moderator.get("/moderation/")
    with django_assert_max_num_queries(14):
        assert moderator.get("/moderation/").status_code == 200


def _act(user, report, **data):
    return client_for(user).post(f"/moderation/reports/{report.pk}/", data)


def test_hide_needs_a_reason_the_member_sees(group_world, report):
    response = _act(group_world.host, report, kind="hide", reason="")
    assert response.status_code == 200 and not ModerationAction.objects.exists()
    response = _act(group_world.host, report, kind="hide", reason="This was unkind to another member.")
    assert response.status_code == 302
    group_world.post.refresh_from_db()
    assert group_world.post.status == ContentStatus.HIDDEN
    report.refresh_from_db()
    assert report.status == "actioned" and report.handled_by == group_world.host
    told = Notification.objects.get(user=group_world.writer, kind="moderation_action")
    assert told.url == "/me/moderation/" and "see why" in told.text
    page = client_for(group_world.writer).get("/me/moderation/").content.decode()
    assert "This was unkind to another member." in page and "Appeal" in page
    assert not Post.objects.visible_to(group_world.reader).filter(pk=group_world.post.pk).exists()


def test_remove_and_restore_a_post(group_world, report):
    _act(group_world.moderator, report, kind="remove", reason="Shares someone's name.")
    group_world.post.refresh_from_db()
    assert group_world.post.status == ContentStatus.REMOVED
    _act(group_world.moderator, report, kind="restore", reason="On reflection it is fine.")
    group_world.post.refresh_from_db()
    assert group_world.post.status == ContentStatus.VISIBLE


def test_warn_is_recorded_and_told(group_world, report):
    _act(group_world.host, report, kind="warn", reason="Please keep to the guidelines.")
    action = ModerationAction.objects.get()
    assert (action.kind, action.group, action.moderator) == ("warn", group_world.harbour, group_world.host)
    assert Notification.objects.filter(user=group_world.writer, kind="moderation_action").exists()


def test_mute_for_a_time_stops_posting_in_that_group(group_world, report):
    assert can_post(group_world.writer, group_world.harbour)
    assert _act(group_world.host, report, kind="mute", reason="A pause to cool down.", duration="").status_code == 200
    _act(group_world.host, report, kind="mute", reason="A pause to cool down.", duration="3")
    membership = Membership.objects.get(user=group_world.writer, group=group_world.harbour)
    assert membership.muted_until > timezone.now() + timedelta(days=2)
    permission = can_post(group_world.writer, group_world.harbour)
    assert not permission and "paused" in permission.reason
    _act(group_world.host, report, kind="lift", reason="Thank you for waiting.")
    assert can_post(group_world.writer, group_world.harbour)


def test_remove_from_group_deletes_the_membership(group_world, report):
    _act(group_world.host, report, kind="remove_member", reason="Repeated harassment.")
    assert not Membership.objects.filter(user=group_world.writer, group=group_world.harbour).exists()
    assert ModerationAction.objects.get().kind == "remove_member"


def test_only_site_moderators_suspend_and_it_takes_effect_at_once(group_world, report):
    response = _act(group_world.host, report, kind="suspend", reason="No.")
    assert response.status_code == 200 and not ModerationAction.objects.exists()
    _act(group_world.moderator, report, kind="suspend", reason="Selling substances.", duration="7")
    assert is_suspended(group_world.writer)
    action = ModerationAction.objects.get()
    assert action.group is None and action.until > timezone.now()
    assert not can_post(group_world.writer, group_world.harbour)
    with pytest.raises(Http404):
        get_group_for_reader(group_world.writer, "harbour")
    # lifted from the member's page
    client_for(group_world.moderator).post(
        "/moderation/members/writer/", {"kind": "lift", "reason": "Talked it through."}
    )
    assert not is_suspended(group_world.writer)
    assert can_post(group_world.writer, group_world.harbour)


def test_suspension_until_lifted_has_no_end(group_world, report):
    _act(group_world.moderator, report, kind="suspend", reason="Threats.", duration="")
    assert ModerationAction.objects.get().until is None and is_suspended(group_world.writer)


def test_staff_of_another_group_cannot_act(group_world, report):
    assert _act(group_world.other_host, report, kind="hide", reason="x").status_code == 404
    group_world.post.refresh_from_db()
    assert group_world.post.status == ContentStatus.VISIBLE


def test_group_staff_cannot_act_on_a_site_moderator_or_themselves(group_world, member):
    Membership.objects.create(group=group_world.harbour, user=group_world.moderator)
    host = client_for(group_world.host)
    response = host.post("/moderation/members/moderator/?group=harbour", {"kind": "warn", "reason": "x"})
    assert response.status_code == 200 and not ModerationAction.objects.exists()
    response = host.post("/moderation/members/host/?group=harbour", {"kind": "warn", "reason": "x"})
    assert response.status_code == 200 and not ModerationAction.objects.exists()


def test_member_page_for_group_staff_with_their_group_only(group_world, member):
    assert client_for(group_world.host).get("/moderation/members/writer/?group=harbour").status_code == 200
    assert client_for(group_world.host).get("/moderation/members/writer/").status_code == 404
    assert client_for(group_world.other_host).get("/moderation/members/writer/?group=harbour").status_code == 404
    assert client_for(member).get("/moderation/members/writer/").status_code == 404
    assert client_for(group_world.moderator).get("/moderation/members/writer/").status_code == 200


def test_moderators_log_who_did_what_to_whom_why(group_world, report, member):
    _act(group_world.host, report, kind="warn", reason="Harbour warning.")
    ModerationAction.objects.create(
        moderator=group_world.moderator, member=member, kind="warn", reason="Site-wide note."
    )
    site_log = client_for(group_world.moderator).get("/moderation/log/").content.decode()
    assert "Harbour warning." in site_log and "Site-wide note." in site_log and "Hana" in site_log
    group_log = client_for(group_world.host).get("/groups/harbour/moderation/log/").content.decode()
    assert "Harbour warning." in group_log and "Site-wide note." not in group_log
    assert client_for(group_world.host).get("/moderation/log/").status_code == 404
    assert client_for(group_world.other_host).get("/groups/harbour/moderation/log/").status_code == 404
    assert client_for(member).get("/groups/harbour/moderation/log/").status_code == 404


def test_log_is_paginated_with_a_fixed_number_of_queries(group_world, member, django_assert_max_num_queries):
    for i in range(120):
        ModerationAction.objects.create(moderator=group_world.moderator, member=member, kind="warn", reason=f"r{i}")
    moderator = client_for(group_world.moderator)
    moderator.get("/moderation/log/")
    with django_assert_max_num_queries(12):
        html = moderator.get("/moderation/log/?page=2").content.decode()
    assert "Page 2 of 3" in html


def test_my_moderation_needs_login_and_shows_only_my_actions(client, group_world, member):
    ModerationAction.objects.create(moderator=group_world.moderator, member=member, kind="warn", reason="For Robin.")
    assert client.get("/me/moderation/").status_code == 302
    assert "For Robin." not in client_for(group_world.writer).get("/me/moderation/").content.decode()
    assert "For Robin." in client_for(member).get("/me/moderation/").content.decode()


def test_a_site_moderator_lifts_a_suspension_from_a_group_report(group_world, report):
    _act(group_world.moderator, report, kind="suspend", reason="Threats.", duration="")
    assert is_suspended(group_world.writer)
    _act(group_world.moderator, report, kind="lift", reason="We talked.")
    assert not is_suspended(group_world.writer)


def test_lift_with_nothing_to_lift_is_refused(group_world, report):
    response = _act(group_world.host, report, kind="lift", reason="x")
    assert response.status_code == 200 and "no mute to lift" in response.content.decode()
    assert not ModerationAction.objects.exists()


def test_queue_queries_do_not_grow_with_reports(group_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    moderator = client_for(group_world.moderator)

    def count(n):
        for i in range(n):
            user = make_member(f"q{Report.objects.count()}x{i}")
            Report.objects.create(reporter=user, member=user, group=group_world.harbour, reason="spam")
        with CaptureQueriesContext(connection) as queries:
            moderator.get("/moderation/")
        return len(queries)

    assert count(3) == count(30)


def test_every_moderation_page_has_one_h1_the_help_link_and_no_index(group_world, report, member):
    from moderation.services import actions, appeals

    action = actions.take_action(
        group_world.host, kind="warn", member=group_world.writer, reason="Kindly.", report=report
    )
    appeal = appeals.appeal(group_world.writer, action, "Please.")
    pages = [
        (group_world.moderator, "/moderation/"),
        (group_world.moderator, "/moderation/log/"),
        (group_world.moderator, f"/moderation/reports/{report.pk}/"),
        (group_world.moderator, "/moderation/members/writer/"),
        (group_world.moderator, f"/moderation/appeals/{appeal.pk}/"),
        (group_world.host, "/groups/harbour/moderation/"),
        (group_world.host, "/groups/harbour/moderation/log/"),
        (group_world.writer, "/me/moderation/"),
        (group_world.writer, f"/me/moderation/{action.pk}/appeal/"),
        (member, f"/report/post/{group_world.post.pk}/"),
        (member, f"/report/note/{group_world.note.pk}/"),
        (member, "/report/member/writer/"),
        (member, f"/report/{report.pk}/thanks/"),
        (member, "/me/blocks/"),
        (member, "/me/blocks/add/writer/"),
    ]
    for user, url in pages:
        response = client_for(user).get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert html.count("<h1") == 1, url
        assert 'href="/help/"' in html, url
        assert 'content="noindex, nofollow"' in html, url
        assert "<script>" not in html and 'style="' not in html, url


def test_a_deleted_post_cannot_be_reported(member_client, group_world):
    group_world.post.deleted_at = timezone.now()
    group_world.post.save()
    assert member_client.get(f"/report/post/{group_world.post.pk}/").status_code == 404


def test_pages_a_suspended_member_may_still_use_all_exist():
    from django.urls import get_resolver

    from moderation.sanctions import ALLOWED_WHILE_SUSPENDED, allowed_while_suspended

    names = set()
    resolver = get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    names |= {name for name in resolver.reverse_dict if isinstance(name, str)}
    missing = [name for name in ALLOWED_WHILE_SUSPENDED if name not in names]
    assert not missing, missing
    assert allowed_while_suspended("safety:help") and not allowed_while_suspended("groups:list")
