"""Pages of My recovery: goals."""

urlpatterns: list = []
