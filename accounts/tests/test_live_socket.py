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

from conftest import PASSWORD, make_member, need
from lib.realtime import SESSION_ENDED, send_to_users

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


def over_redis(scenario):
    """Run `scenario()` with the Redis channel layer (skipped outside CI when no Redis answers)."""
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
            return scenario()
        finally:
            channel_layers.backends.clear()


@pytest.mark.redis
def test_events_travel_over_the_redis_channel_layer(client):
    message, nothing_for_them = over_redis(lambda: deliver_and_receive(client))
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


# --- A socket closes when the login behind it ends ----------------------------------------------------------


def logged_in(user) -> tuple[Client, bytes]:
    client = Client()
    client.force_login(user)
    return client, f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def socket_after(action, user, *, other_session: bool = False):
    """Open a socket under the member's session, run `action(client)` through HTTP, then send a notification:
    returns (the close code the socket got or None, whether a notification still arrived)."""
    client, cookie = logged_in(user)
    _other_client, other_cookie = logged_in(user)

    async def scenario():
        from channels.db import database_sync_to_async

        socket, connected, _ = await open_socket(other_cookie if other_session else cookie)
        assert connected
        await database_sync_to_async(action)(client)

        @database_sync_to_async
        def notify_them():
            with transaction.atomic():
                send_to_users([user.pk], {"type": "notify", "data": {"text": "after"}})

        await notify_them()
        output = await socket.receive_output(timeout=5)
        code = output.get("code") if output["type"] == "websocket.close" else None
        still_hears = output["type"] == "websocket.send"
        await socket.disconnect()
        return code, still_hears

    return async_to_sync(scenario)()


def log_out(client):
    assert client.post("/accounts/logout/").status_code == 302


def change_password(client):
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a new long passphrase 42", "password2": "a new long passphrase 42"},
    )
    assert response.status_code == 302


def delete_account(client):
    assert client.post("/me/delete/", {"password": PASSWORD, "confirm": "DELETE"}).status_code == 302


def test_logging_out_closes_that_sessions_socket():
    code, still_hears = socket_after(log_out, make_member("leaver"))
    assert code == SESSION_ENDED and not still_hears


def test_logging_out_leaves_the_members_other_logins_open():
    code, still_hears = socket_after(log_out, make_member("twodevices"), other_session=True)
    assert code is None and still_hears


def test_changing_the_password_closes_every_socket_of_the_member():
    code, _ = socket_after(change_password, make_member("changer"), other_session=True)
    assert code == SESSION_ENDED


def test_deleting_the_account_closes_every_socket_of_the_member():
    code, _ = socket_after(delete_account, make_member("goner"), other_session=True)
    assert code == SESSION_ENDED


@pytest.mark.redis
def test_logging_out_closes_the_socket_over_redis():
    code, still_hears = over_redis(lambda: socket_after(log_out, make_member("redisleaver")))
    assert code == SESSION_ENDED and not still_hears
