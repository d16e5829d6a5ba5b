"""WebSocket routes; each app adds its consumers here."""

from django.urls import path

from accounts.consumers import NotificationsConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationsConsumer.as_asgi()),
]
