"""Pages of My recovery: checkins."""

urlpatterns: list = []
