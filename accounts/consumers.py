"""The member's live connection: notifications and, later, live updates of the pages they have open."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from lib.realtime import user_group


class NotificationsConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def notify(self, event):
        """Handles events of type "notify" sent by lib.realtime.send_to_users."""
        await self.send_json({"kind": "notification", "data": event.get("data", {})})

    async def notify_read(self, event):
        """Handles "notify.read": the member read notifications on another page; `data.unread` is what is left."""
        await self.send_json({"kind": "notifications_read", "data": event.get("data", {})})
