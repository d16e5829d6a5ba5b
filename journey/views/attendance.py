"""Pages of My recovery: attendance."""

urlpatterns: list = []
