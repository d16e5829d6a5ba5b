"""Safety pages: blocks."""

urlpatterns: list = []
