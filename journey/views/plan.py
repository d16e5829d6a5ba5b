"""Pages of My recovery: plan."""

urlpatterns: list = []
