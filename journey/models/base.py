"""What every part of "My recovery" shares: the four domains, the member's date, and ownership."""

from datetime import date

from django.db import models
from django.utils import timezone

from lib.vocabularies import Domain  # noqa: F401  (journey's models name it; it lives in lib for every app)


def today_for(user, now=None) -> date:
    """Today's date where the member lives (`accounts.User.zone`); `now` is an aware instant, default the clock."""
    return timezone.localdate(now or timezone.now(), user.zone)


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to one member (a `user` foreign key). Nobody else ever reads them except through a Share."""

    def owned_by(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)
