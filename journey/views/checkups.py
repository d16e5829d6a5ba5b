"""Pages of My recovery: checkups."""

urlpatterns: list = []
