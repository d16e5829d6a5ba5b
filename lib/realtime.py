"""Sending real-time events to members' open pages, only after the write that caused them commits."""

import asyncio
import threading
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def user_group(user_id: int) -> str:
    """The channel-layer group every open socket of one member joins."""
    return f"user.{user_id}"


def send_to_users(user_ids: Iterable[int], event: dict[str, Any]) -> None:
    """Queue `event` for each member in `user_ids`; it is sent when the current transaction commits.

    `event["type"]` names the consumer method that handles it (dots become underscores).
    """
    recipients = sorted(set(user_ids))

    def send() -> None:
        layer = get_channel_layer()
        for user_id in recipients:
            async_to_sync(layer.group_send)(user_group(user_id), event)

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
