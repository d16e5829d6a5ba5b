"""Sending real-time events to members' open pages, only after the write that caused them commits."""

import asyncio
import hashlib
import threading
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def user_group(user_id: int) -> str:
    """The channel-layer group every open socket of one member joins."""
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    """The channel-layer group of the sockets opened under one login session. The key is hashed so that the
    session key itself never reaches the channel layer (Redis) as a name."""
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


# The close code a socket gets when the login behind it ended (logout, password change, deleted account).
SESSION_ENDED = 4401


def send_to_users(user_ids: Iterable[int], event: dict[str, Any]) -> None:
    """Queue `event` for each member in `user_ids`; it is sent when the current transaction commits.

    `event["type"]` names the consumer method that handles it (dots become underscores).
    """
    send_to_groups([user_group(user_id) for user_id in sorted(set(user_ids))], event)


def close_sockets(*, user_id: int | None = None, session_key: str | None = None) -> None:
    """Close, after commit, every open socket of the member (`user_id`) or of one login session."""
    groups = []
    if user_id is not None:
        groups.append(user_group(user_id))
    if session_key:
        groups.append(session_group(session_key))
    send_to_groups(groups, {"type": "session.ended"})


def send_to_groups(groups: list[str], event: dict[str, Any]) -> None:
    """Queue `event` for each channel-layer group; it is sent when the current transaction commits."""

    def send() -> None:
        layer = get_channel_layer()
        for group in groups:
            async_to_sync(layer.group_send)(group, event)

    def send_from_sync_code() -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            send()
            return
        # An event loop runs in this very thread (a script or test driving a browser): async_to_sync refuses to
        # run here, so send from a short-lived thread.
        worker = threading.Thread(target=send, name="realtime-send")
        worker.start()
        worker.join()

    transaction.on_commit(send_from_sync_code)
