"""Safety pages: moderation."""

urlpatterns: list = []
