"""Group pages: resources."""

urlpatterns: list = []
