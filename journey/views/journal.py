"""Pages of My recovery: journal."""

urlpatterns: list = []
