"""The member's live connection: notifications and, later, live updates of the pages they have open."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from lib.realtime import SESSION_ENDED, session_group, user_group


class NotificationsConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        # One group for the member (their every page) and one for this login session, so a logout closes the
        # sockets of that browser and a password change or a deleted account closes them all.
        self.groups_joined = [user_group(user.pk)]
        session = self.scope.get("session")
        if session is not None and session.session_key:
            self.groups_joined.append(session_group(session.session_key))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def session_ended(self, event):
        """Handles "session.ended": the login behind this socket ended; the page must not hear any more."""
        await self.close(code=SESSION_ENDED)

    async def notify(self, event):
        """Handles events of type "notify" sent by lib.realtime.send_to_users."""
        await self.send_json({"kind": "notification", "data": event.get("data", {})})

    async def notify_read(self, event):
        """Handles "notify.read": the member read notifications on another page; `data.unread` is what is left."""
        await self.send_json({"kind": "notifications_read", "data": event.get("data", {})})
