"""Group pages: discussion."""

urlpatterns: list = []
