"""Helpers shared by the groups tests: groups, members, threads and posts, resources, events, and an API caller."""

import io
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.models import Block
from accounts.services import create_api_token
from groups.models import Event, Group, GroupRole, Membership, Post, Resource, Thread
from groups.services import discussion as services
from safety.models import RiskRule

# --- groups, threads and posts -------------------------------------------------------------------------------


def make_group(slug="harbour", name="Harbour", **fields) -> Group:
    fields.setdefault("kind", "peer_led")
    return Group.objects.create(slug=slug, name=name, **fields)


def join(user, group, role=GroupRole.MEMBER) -> Membership:
    return Membership.objects.create(user=user, group=group, role=role)


def block(blocker, blocked):
    return Block.objects.create(blocker=blocker, blocked=blocked)


def seed_crisis_phrases():
    """The shipped risk grammar, whatever ran before on this worker (the root conftest reloads it too)."""
    if not RiskRule.objects.exists():
        from django.apps import apps

        from safety.risk_data import seed_tables

        seed_tables(apps)


def new_thread(author, group, title="Hard evening", body="Anyone else find evenings the hardest?") -> Thread:
    return services.start_thread(author, group, title=title, body=body)


def add_posts(thread, author, count):
    """Many replies at once, straight into the table (the services' limits are not what these tests are about)."""
    start = thread.post_count
    Post.objects.bulk_create(
        Post(
            thread=thread, author=author, number=start + i, body=f"reply {start + i}", html=f"<p>reply {start + i}</p>"
        )
        for i in range(1, count + 1)
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=start + count)
    thread.refresh_from_db()


def threads_url(group):
    return reverse("groups:threads", args=[group.slug])


def thread_url(thread):
    return reverse("groups:thread", args=[thread.group.slug, thread.pk])


def add_member(group, user, role="member", version=None):
    """A membership accepting the group's current guidelines (or `version` of them)."""
    if version is None:
        version = group.guidelines_versions.values_list("version", flat=True).first() or 0
    return Membership.objects.create(group=group, user=user, role=role, guidelines_version=version)


# --- resources and events ------------------------------------------------------------------------------------


def make_resource(group, author, title="Urge surfing", **fields):
    fields.setdefault("kind", "coping")
    fields.setdefault("description", "Notice the wave, breathe, let it pass.")
    return Resource.objects.create(group=group, author=author, title=title, html="<p>x</p>", **fields)


def login(client, user):
    client.force_login(user)
    return client


def png_bytes(size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "blue").save(out, "PNG")
    return out.getvalue()


def soon(days=7, hour=18):
    """A naive local wall time some days ahead (the form's and the service's input)."""
    day = (timezone.now() + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, 0)


def make_event(group, organizer, title="Coffee and chat", capacity=None, starts=None, **fields):
    starts = starts or (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    fields.setdefault("kind", "social")
    fields.setdefault("time_zone", "Europe/London")
    fields.setdefault("location", "The library café")
    return Event.objects.create(
        group=group,
        organizer=organizer,
        title=title,
        capacity=capacity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **fields,
    )


def form_data(**overrides):
    data = {
        "kind": "workshop",
        "title": "CV workshop",
        "description": "Bring your CV.",
        "time_zone": "Europe/London",
        "starts_local": soon().strftime("%Y-%m-%dT%H:%M"),
        "ends_local": soon(hour=20).strftime("%Y-%m-%dT%H:%M"),
        "location": "Community hall",
        "capacity": "",
    }
    data.update(overrides)
    return data


# --- the API -------------------------------------------------------------------------------------------------


class Api:
    """Calls /api/v1 with `user`'s API token through `client`."""

    def __init__(self, client, user):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='t')[1]}"}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path, data=None):
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json", **self.headers)

    def delete(self, path):
        return self.client.delete(f"/api/v1{path}", **self.headers)


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]
