"""Group pages: events."""

urlpatterns: list = []
