"""Moderation queues and actions: who may see and act, what each action does, and the member seeing the reason."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from conftest import make_member
from groups.access import can_post, get_group_for_reader
from groups.models import ContentStatus, Membership, Post
from moderation.models import ModerationAction, Report
from moderation.sanctions import is_suspended
from notifications.models import Notification

from .test_reports import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member, moderator):
    return build_world(member, moderator)


@pytest.fixture
def report(world, member):
    return Report.objects.create(
        reporter=member, member=world.writer, post=world.post, group=world.harbour, reason="harassment", detail="Unkind"
    )


def test_site_queue_is_for_site_moderators_only(client, world, report, member):
    assert client_for(world.moderator).get("/moderation/").status_code == 200
    for user in (world.host, world.other_host, member):
        assert client_for(user).get("/moderation/").status_code == 404
    assert client.get("/moderation/").status_code == 302


def test_group_queue_is_for_that_groups_staff_and_site_moderators(world, report, member, outsider):
    assert client_for(world.host).get("/groups/harbour/moderation/").status_code == 200
    assert client_for(world.moderator).get("/groups/harbour/moderation/").status_code == 200
    for user in (world.other_host, member, outsider):
        assert client_for(user).get("/groups/harbour/moderation/").status_code == 404


def test_queue_shows_at_risk_first_then_oldest_with_content_reporter_and_history(world, report, member):
    world.post.status = ContentStatus.HIDDEN
    world.post.save()
    older = Report.objects.create(
        reporter=world.reader,
        member=world.writer,
        group=world.harbour,
        reason="spam",
        created_at=timezone.now() - timedelta(days=2),
    )
    urgent = Report.objects.create(member=world.writer, group=world.harbour, reason="at_risk", priority=True)
    ModerationAction.objects.create(moderator=world.host, member=world.writer, kind="warn", reason="Be kind, please.")
    html = client_for(world.host).get("/groups/harbour/moderation/").content.decode()
    order = [html.index(f"/moderation/reports/{r.pk}/") for r in (urgent, older, report)]
    assert order == sorted(order)
    assert "Hello there" in html  # the hidden post is still shown to moderators
    assert "Robin" in html and "Unkind" in html and "Be kind, please." in html
    assert html.count("<h1") == 1


def test_report_detail_for_site_moderator_and_the_groups_staff_only(world, report, member, outsider):
    url = f"/moderation/reports/{report.pk}/"
    assert client_for(world.moderator).get(url).status_code == 200
    assert client_for(world.host).get(url).status_code == 200
    for user in (world.other_host, member, outsider, world.writer):
        assert client_for(user).get(url).status_code == 404


def test_queue_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for i in range(30):
        user = make_member(f"r{i}")
        Report.objects.create(reporter=user, member=world.writer, post=world.post, group=world.harbour, reason="spam")
    moderator = client_for(world.moderator)
    moderator.get("/moderation/")
    with django_assert_max_num_queries(14):
        assert moderator.get("/moderation/").status_code == 200


def _act(user, report, **data):
    return client_for(user).post(f"/moderation/reports/{report.pk}/", data)


def test_hide_needs_a_reason_the_member_sees(world, report):
    response = _act(world.host, report, kind="hide", reason="")
    assert response.status_code == 200 and not ModerationAction.objects.exists()
    response = _act(world.host, report, kind="hide", reason="This was unkind to another member.")
    assert response.status_code == 302
    world.post.refresh_from_db()
    assert world.post.status == ContentStatus.HIDDEN
    report.refresh_from_db()
    assert report.status == "actioned" and report.handled_by == world.host
    told = Notification.objects.get(user=world.writer, kind="moderation_action")
    assert told.url == "/me/moderation/" and "see why" in told.text
    page = client_for(world.writer).get("/me/moderation/").content.decode()
    assert "This was unkind to another member." in page and "Appeal" in page
    assert not Post.objects.visible_to(world.reader).filter(pk=world.post.pk).exists()


def test_remove_and_restore_a_post(world, report):
    _act(world.moderator, report, kind="remove", reason="Shares someone's name.")
    world.post.refresh_from_db()
    assert world.post.status == ContentStatus.REMOVED
    _act(world.moderator, report, kind="restore", reason="On reflection it is fine.")
    world.post.refresh_from_db()
    assert world.post.status == ContentStatus.VISIBLE


def test_warn_is_recorded_and_told(world, report):
    _act(world.host, report, kind="warn", reason="Please keep to the guidelines.")
    action = ModerationAction.objects.get()
    assert (action.kind, action.group, action.moderator) == ("warn", world.harbour, world.host)
    assert Notification.objects.filter(user=world.writer, kind="moderation_action").exists()


def test_mute_for_a_time_stops_posting_in_that_group(world, report):
    assert can_post(world.writer, world.harbour)
    assert _act(world.host, report, kind="mute", reason="A pause to cool down.", duration="").status_code == 200
    _act(world.host, report, kind="mute", reason="A pause to cool down.", duration="3")
    membership = Membership.objects.get(user=world.writer, group=world.harbour)
    assert membership.muted_until > timezone.now() + timedelta(days=2)
    permission = can_post(world.writer, world.harbour)
    assert not permission and "paused" in permission.reason
    _act(world.host, report, kind="lift", reason="Thank you for waiting.")
    assert can_post(world.writer, world.harbour)


def test_remove_from_group_deletes_the_membership(world, report):
    _act(world.host, report, kind="remove_member", reason="Repeated harassment.")
    assert not Membership.objects.filter(user=world.writer, group=world.harbour).exists()
    assert ModerationAction.objects.get().kind == "remove_member"


def test_only_site_moderators_suspend_and_it_takes_effect_at_once(world, report):
    response = _act(world.host, report, kind="suspend", reason="No.")
    assert response.status_code == 200 and not ModerationAction.objects.exists()
    _act(world.moderator, report, kind="suspend", reason="Selling substances.", duration="7")
    assert is_suspended(world.writer)
    action = ModerationAction.objects.get()
    assert action.group is None and action.until > timezone.now()
    assert not can_post(world.writer, world.harbour)
    with pytest.raises(Http404):
        get_group_for_reader(world.writer, "harbour")
    # lifted from the member's page
    client_for(world.moderator).post("/moderation/members/writer/", {"kind": "lift", "reason": "Talked it through."})
    assert not is_suspended(world.writer)
    assert can_post(world.writer, world.harbour)


def test_suspension_until_lifted_has_no_end(world, report):
    _act(world.moderator, report, kind="suspend", reason="Threats.", duration="")
    assert ModerationAction.objects.get().until is None and is_suspended(world.writer)


def test_staff_of_another_group_cannot_act(world, report):
    assert _act(world.other_host, report, kind="hide", reason="x").status_code == 404
    world.post.refresh_from_db()
    assert world.post.status == ContentStatus.VISIBLE


def test_group_staff_cannot_act_on_a_site_moderator_or_themselves(world, member):
    Membership.objects.create(group=world.harbour, user=world.moderator)
    host = client_for(world.host)
    response = host.post("/moderation/members/moderator/?group=harbour", {"kind": "warn", "reason": "x"})
    assert response.status_code == 200 and not ModerationAction.objects.exists()
    response = host.post("/moderation/members/host/?group=harbour", {"kind": "warn", "reason": "x"})
    assert response.status_code == 200 and not ModerationAction.objects.exists()


def test_member_page_for_group_staff_with_their_group_only(world, member):
    assert client_for(world.host).get("/moderation/members/writer/?group=harbour").status_code == 200
    assert client_for(world.host).get("/moderation/members/writer/").status_code == 404
    assert client_for(world.other_host).get("/moderation/members/writer/?group=harbour").status_code == 404
    assert client_for(member).get("/moderation/members/writer/").status_code == 404
    assert client_for(world.moderator).get("/moderation/members/writer/").status_code == 200


def test_moderators_log_who_did_what_to_whom_why(world, report, member):
    _act(world.host, report, kind="warn", reason="Harbour warning.")
    ModerationAction.objects.create(moderator=world.moderator, member=member, kind="warn", reason="Site-wide note.")
    site_log = client_for(world.moderator).get("/moderation/log/").content.decode()
    assert "Harbour warning." in site_log and "Site-wide note." in site_log and "Hana" in site_log
    group_log = client_for(world.host).get("/groups/harbour/moderation/log/").content.decode()
    assert "Harbour warning." in group_log and "Site-wide note." not in group_log
    assert client_for(world.host).get("/moderation/log/").status_code == 404
    assert client_for(world.other_host).get("/groups/harbour/moderation/log/").status_code == 404
    assert client_for(member).get("/groups/harbour/moderation/log/").status_code == 404


def test_log_is_paginated_with_a_fixed_number_of_queries(world, member, django_assert_max_num_queries):
    for i in range(120):
        ModerationAction.objects.create(moderator=world.moderator, member=member, kind="warn", reason=f"r{i}")
    moderator = client_for(world.moderator)
    moderator.get("/moderation/log/")
    with django_assert_max_num_queries(12):
        html = moderator.get("/moderation/log/?page=2").content.decode()
    assert "Page 2 of 3" in html


def test_my_moderation_needs_login_and_shows_only_my_actions(client, world, member):
    ModerationAction.objects.create(moderator=world.moderator, member=member, kind="warn", reason="For Robin.")
    assert client.get("/me/moderation/").status_code == 302
    assert "For Robin." not in client_for(world.writer).get("/me/moderation/").content.decode()
    assert "For Robin." in client_for(member).get("/me/moderation/").content.decode()


def test_a_site_moderator_lifts_a_suspension_from_a_group_report(world, report):
    _act(world.moderator, report, kind="suspend", reason="Threats.", duration="")
    assert is_suspended(world.writer)
    _act(world.moderator, report, kind="lift", reason="We talked.")
    assert not is_suspended(world.writer)


def test_lift_with_nothing_to_lift_is_refused(world, report):
    response = _act(world.host, report, kind="lift", reason="x")
    assert response.status_code == 200 and "no mute to lift" in response.content.decode()
    assert not ModerationAction.objects.exists()


def test_queue_queries_do_not_grow_with_reports(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    moderator = client_for(world.moderator)

    def count(n):
        for i in range(n):
            user = make_member(f"q{Report.objects.count()}x{i}")
            Report.objects.create(reporter=user, member=user, group=world.harbour, reason="spam")
        with CaptureQueriesContext(connection) as queries:
            moderator.get("/moderation/")
        return len(queries)

    assert count(3) == count(30)


def test_every_moderation_page_has_one_h1_the_help_link_and_no_index(world, report, member):
    from moderation.services import actions, appeals

    action = actions.take_action(world.host, kind="warn", member=world.writer, reason="Kindly.", report=report)
    appeal = appeals.appeal(world.writer, action, "Please.")
    pages = [
        (world.moderator, "/moderation/"),
        (world.moderator, "/moderation/log/"),
        (world.moderator, f"/moderation/reports/{report.pk}/"),
        (world.moderator, "/moderation/members/writer/"),
        (world.moderator, f"/moderation/appeals/{appeal.pk}/"),
        (world.host, "/groups/harbour/moderation/"),
        (world.host, "/groups/harbour/moderation/log/"),
        (world.writer, "/me/moderation/"),
        (world.writer, f"/me/moderation/{action.pk}/appeal/"),
        (member, f"/report/post/{world.post.pk}/"),
        (member, f"/report/note/{world.note.pk}/"),
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


def test_a_deleted_post_cannot_be_reported(member_client, world):
    world.post.deleted_at = timezone.now()
    world.post.save()
    assert member_client.get(f"/report/post/{world.post.pk}/").status_code == 404


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
