"""Safety pages: crisis."""

urlpatterns: list = []
