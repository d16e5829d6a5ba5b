"""The member's live socket, over the in-memory channel layer and, in the Redis lane, over Redis."""

import os

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from conftest import make_member, need
from lib.realtime import send_to_users

pytestmark = pytest.mark.django_db(transaction=True)


def session_cookie(_client, user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


async def open_socket(cookie: bytes | None, origin: bytes = b"http://testserver"):
    from peerhaven.asgi import application

    headers = [(b"origin", origin), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie))
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


def test_anonymous_visitor_cannot_open_the_socket():
    async def scenario():
        communicator, connected, code = await open_socket(None)
        await communicator.disconnect()
        return connected, code

    connected, code = async_to_sync(scenario)()
    assert not connected and code == 4401


def test_a_foreign_origin_is_refused(client):
    cookie = session_cookie(client, make_member("m1"))

    async def scenario():
        communicator, connected, _code = await open_socket(cookie, origin=b"https://evil.example")
        await communicator.disconnect()
        return connected

    assert async_to_sync(scenario)() is False


def deliver_and_receive(client):
    me = make_member("receiver")
    other = make_member("bystander")
    my_cookie = session_cookie(client, me)
    other_cookie = session_cookie(client, other)

    async def scenario():
        mine, connected, _ = await open_socket(my_cookie)
        theirs, connected_too, _ = await open_socket(other_cookie)
        assert connected and connected_too

        from channels.db import database_sync_to_async

        @database_sync_to_async
        def write():
            with transaction.atomic():
                send_to_users([me.pk], {"type": "notify", "data": {"text": "hello"}})

        await write()
        message = await mine.receive_json_from(timeout=5)
        nothing_for_them = await theirs.receive_nothing(timeout=0.3)
        await mine.disconnect()
        await theirs.disconnect()
        return message, nothing_for_them

    return async_to_sync(scenario)()


def test_an_event_reaches_only_its_recipient_after_commit(client):
    message, nothing_for_them = deliver_and_receive(client)
    assert message == {"kind": "notification", "data": {"text": "hello"}}
    assert nothing_for_them


def test_nothing_is_sent_when_the_write_rolls_back(client):
    me = make_member("rollback")
    cookie = session_cookie(client, me)

    async def scenario():
        communicator, _connected, _ = await open_socket(cookie)
        from channels.db import database_sync_to_async

        @database_sync_to_async
        def failed_write():
            try:
                with transaction.atomic():
                    send_to_users([me.pk], {"type": "notify", "data": {}})
                    raise RuntimeError("the write failed")
            except RuntimeError:
                pass

        await failed_write()
        silent = await communicator.receive_nothing(timeout=0.3)
        await communicator.disconnect()
        return silent

    assert async_to_sync(scenario)()


REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.redis
def test_events_travel_over_the_redis_channel_layer(client):
    need(redis_answers(), f"a Redis server at {REDIS_URL}")
    layer = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"peerhaven-{settings.REDIS_PREFIX}"},
        }
    }
    with override_settings(CHANNEL_LAYERS=layer):
        channel_layers.backends.clear()
        try:
            message, nothing_for_them = deliver_and_receive(client)
        finally:
            channel_layers.backends.clear()
    assert message["data"] == {"text": "hello"}
    assert nothing_for_them


def test_reading_notifications_tells_the_members_other_pages_what_is_left(client):
    from notifications.models import Notification
    from notifications.services import mark_read, notify

    me = make_member("reader")
    cookie = session_cookie(client, me)
    first = notify(me, kind="test", text="one")
    notify(me, kind="test", text="two")

    async def scenario():
        communicator, connected, _ = await open_socket(cookie)
        assert connected
        from channels.db import database_sync_to_async

        @database_sync_to_async
        def read_one_then_none():
            with transaction.atomic():
                mark_read(me, [first.pk])
            with transaction.atomic():
                mark_read(me, [first.pk])  # already read: nothing changes, nothing is sent

        await read_one_then_none()
        message = await communicator.receive_json_from(timeout=5)
        silent = await communicator.receive_nothing(timeout=0.3)
        await communicator.disconnect()
        return message, silent

    message, silent = async_to_sync(scenario)()
    assert message == {"kind": "notifications_read", "data": {"unread": 1}}
    assert silent
    assert Notification.objects.for_user(me).unread().count() == 1
