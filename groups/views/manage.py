"""Group pages: manage."""

urlpatterns: list = []
