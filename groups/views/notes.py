"""Group pages: notes."""

urlpatterns: list = []
