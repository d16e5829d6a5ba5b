"""Safety pages; each part's view module lists its own URLs."""

from django.urls import path

from .views import blocks, crisis, help, moderation

app_name = "safety"

urlpatterns = [
    path("help/", help.get_help, name="help"),
    *crisis.urlpatterns,
    *moderation.urlpatterns,
    *blocks.urlpatterns,
]
