"""Moderation pages; each part's view module lists its own URLs."""

from .views import moderation, talk

app_name = "moderation"

urlpatterns = [*talk.urlpatterns, *moderation.urlpatterns]
