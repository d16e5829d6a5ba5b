"""Threads: who sees a group's discussion, who starts a thread, the order of the list, staff actions."""

import pytest
from django.urls import reverse

from conftest import make_member
from groups.models import Group, GroupRole, GroupVisibility, Guidelines, Membership, Thread
from groups.services import discussion as services

from .helpers import block, join, make_group, new_thread, thread_url, threads_url

pytestmark = pytest.mark.django_db


# --- who may read --------------------------------------------------------------------------------------------


def test_member_sees_the_thread_list_with_noindex(member_client, thread):
    response = member_client.get(threads_url(thread.group))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hard evening" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert content.count("<h1") == 1


def test_anonymous_visitor_is_sent_to_log_in(client, thread):
    for url in (threads_url(thread.group), thread_url(thread), reverse("groups:thread_new", args=["harbour"])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "accounts" in response["Location"]


def test_outsider_gets_404_for_list_thread_and_new(outsider_client, thread):
    for url in (threads_url(thread.group), thread_url(thread), reverse("groups:thread_new", args=["harbour"])):
        assert outsider_client.get(url).status_code == 404


def test_member_of_another_group_cannot_read_this_one(client, thread):
    other = make_member("otherperson")
    join(other, make_group(slug="lighthouse", name="Lighthouse"))
    client.force_login(other)
    assert client.get(thread_url(thread)).status_code == 404
    assert client.get(threads_url(thread.group)).status_code == 404


def test_thread_under_another_groups_slug_is_404(member_client, thread, member):
    other = make_group(slug="lighthouse", name="Lighthouse")
    join(member, other)
    assert member_client.get(reverse("groups:thread", args=["lighthouse", thread.pk])).status_code == 404


def test_site_member_reads_an_open_discussion_but_cannot_post(outsider_client, thread):
    Group.objects.filter(pk=thread.group.pk).update(readable_by_site_members=True)
    response = outsider_client.get(thread_url(thread))
    assert response.status_code == 200
    assert "Join the group to take part." in response.content.decode()
    response = outsider_client.post(thread_url(thread), {"body": "hello"})
    assert response.status_code == 400
    assert thread.posts.count() == 1
    assert outsider_client.get(reverse("groups:thread_new", args=["harbour"])).status_code == 403


def test_unlisted_group_open_to_site_members_still_hidden_from_outsiders(outsider_client, thread):
    Group.objects.filter(pk=thread.group.pk).update(readable_by_site_members=True, visibility=GroupVisibility.UNLISTED)
    assert outsider_client.get(thread_url(thread)).status_code == 404


def test_blocked_person_does_not_see_the_blockers_thread(member_client, member, thread, sponsor):
    block(sponsor, member)
    assert "Hard evening" not in member_client.get(threads_url(thread.group)).content.decode()
    assert member_client.get(thread_url(thread)).status_code == 404


# --- starting a thread ---------------------------------------------------------------------------------------


def test_member_starts_a_thread(member_client, group, member):
    response = member_client.post(
        reverse("groups:thread_new", args=[group.slug]), {"title": "Day one", "body": "Starting *today*."}
    )
    thread = Thread.objects.get(title="Day one")
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)
    post = thread.posts.get()
    assert (post.number, post.author, post.html) == (1, member, "<p>Starting <em>today</em>.</p>\n")
    assert thread.post_count == 1


def test_empty_title_and_body_are_shown_next_to_the_fields(member_client, group):
    response = member_client.post(reverse("groups:thread_new", args=[group.slug]), {"title": "  ", "body": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in content
    assert 'id="id_body_error"' in content
    assert not Thread.objects.exists()


def test_member_who_has_not_accepted_new_guidelines_cannot_start_a_thread(member_client, group):
    Guidelines.objects.create(group=group, version=1, text="Be kind.")
    response = member_client.get(reverse("groups:thread_new", args=[group.slug]))
    assert response.status_code == 403
    assert "guidelines have changed" in response.content.decode()
    member_client.post(reverse("groups:thread_new", args=[group.slug]), {"title": "x", "body": "y"})
    assert not Thread.objects.exists()


def test_muted_member_cannot_post(member_client, group, member):
    from datetime import timedelta

    from django.utils import timezone

    Membership.objects.filter(user=member).update(muted_until=timezone.now() + timedelta(hours=1))
    response = member_client.post(reverse("groups:thread_new", args=[group.slug]), {"title": "x", "body": "y"})
    assert response.status_code == 403
    assert not Thread.objects.exists()


# --- the list ------------------------------------------------------------------------------------------------


def test_pinned_threads_come_first_then_by_last_post(member_client, group, member, sponsor):
    old = new_thread(sponsor, group, title="Old pinned")
    middle = new_thread(sponsor, group, title="Middle")
    newest = new_thread(sponsor, group, title="Newest")
    services.pin_thread(make_staff(group), old, True)
    services.reply(member, middle, body="bumping this one")
    content = member_client.get(threads_url(group)).content.decode()
    assert content.index("Old pinned") < content.index("Middle") < content.index("Newest")
    # By their links (a title could also appear elsewhere on the page): the bumped thread before the newer one.
    assert content.index(thread_url(old)) < content.index(thread_url(middle)) < content.index(thread_url(newest))


def make_staff(group, username="groupfac"):
    user = make_member(username)
    join(user, group, GroupRole.FACILITATOR)
    return user


def test_thread_list_is_paginated_by_30(member_client, group, sponsor):
    Thread.objects.bulk_create(Thread(group=group, author=sponsor, title=f"T{i}", post_count=1) for i in range(35))
    content = member_client.get(threads_url(group)).content.decode()
    assert content.count('class="thread-row') == 30
    assert "Page 1 of 2" in content


def test_thread_list_queries_do_not_grow_with_threads(member_client, group, sponsor, django_assert_max_num_queries):
    Thread.objects.bulk_create(Thread(group=group, author=sponsor, title=f"T{i}", post_count=3) for i in range(5))
    with django_assert_max_num_queries(20) as small:
        response = member_client.get(threads_url(group))
    assert response.status_code == 200 and ">T4</a>" in response.content.decode()
    Thread.objects.bulk_create(Thread(group=group, author=sponsor, title=f"U{i}", post_count=3) for i in range(60))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = member_client.get(threads_url(group))
    assert response.status_code == 200 and ">U59</a>" in response.content.decode()  # the long list was really drawn


# --- staff actions -------------------------------------------------------------------------------------------


def test_group_facilitator_pins_locks_and_slows_a_thread(client, thread):
    staff = make_staff(thread.group)
    client.force_login(staff)
    url = reverse("groups:thread_staff", args=[thread.group.slug, thread.pk])
    client.post(url, {"action": "pin"})
    client.post(url, {"action": "lock"})
    client.post(url, {"action": "slow_mode", "seconds": "120"})
    thread.refresh_from_db()
    assert (thread.pinned, thread.locked, thread.slow_mode_seconds) == (True, True, 120)
    assert "Facilitator tools" in client.get(thread_url(thread)).content.decode()


def test_site_moderator_who_can_read_the_group_may_pin(client, moderator, thread):
    Group.objects.filter(pk=thread.group.pk).update(readable_by_site_members=True)
    client.force_login(moderator)
    client.post(reverse("groups:thread_staff", args=[thread.group.slug, thread.pk]), {"action": "pin"})
    thread.refresh_from_db()
    assert thread.pinned


def test_member_cannot_use_staff_actions(member_client, thread):
    response = member_client.post(
        reverse("groups:thread_staff", args=[thread.group.slug, thread.pk]), {"action": "pin"}
    )
    assert response.status_code == 404
    thread.refresh_from_db()
    assert not thread.pinned
    assert "Facilitator tools" not in member_client.get(thread_url(thread)).content.decode()


def test_bad_slow_mode_value_is_refused(client, thread):
    client.force_login(make_staff(thread.group))
    url = reverse("groups:thread_staff", args=[thread.group.slug, thread.pk])
    for bad in ("-5", "abc", "999999"):
        client.post(url, {"action": "slow_mode", "seconds": bad})
        thread.refresh_from_db()
        assert thread.slow_mode_seconds == 0


def test_locked_thread_refuses_replies_from_members_but_not_staff(member_client, member, thread):
    staff = make_staff(thread.group)
    services.lock_thread(staff, thread, True)
    response = member_client.post(thread_url(thread), {"body": "late reply"})
    assert response.status_code == 400
    assert thread.posts.count() == 1
    services.reply(staff, thread, body="A note from the facilitators.")
    assert thread.posts.count() == 2
