"""Group pages: membership."""

urlpatterns: list = []
