"""Pages of My recovery: worksheets."""

urlpatterns: list = []
