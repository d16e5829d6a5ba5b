"""What a member may share, and with whom. Each kind names its model, whether a group may receive it, and the
read-only template that shows it to the person or group it is shared with (`journey/shared/_<kind>.html`,
rendered with `item` and `share`)."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import CheckIn, Checkup, Counter, Goal, JournalEntry, RecoveryPlan, Worksheet


@dataclass(frozen=True)
class Shareable:
    model: type[models.Model]
    label: str | Promise
    to_groups: bool

    @property
    def template(self) -> str:
        return f"journey/shared/_{self.model._meta.model_name}.html"


SHAREABLE: dict[str, Shareable] = {
    "counter": Shareable(Counter, _("counter and milestones"), to_groups=True),
    "goal": Shareable(Goal, _("goal and its progress"), to_groups=True),
    "checkin": Shareable(CheckIn, _("check-in"), to_groups=False),
    "checkup": Shareable(Checkup, _("check-up"), to_groups=True),
    "recoveryplan": Shareable(RecoveryPlan, _("recovery plan"), to_groups=False),
    "worksheet": Shareable(Worksheet, _("worksheet"), to_groups=False),
    # "An entry can be shared with one chosen person": never with a group.
    "journalentry": Shareable(JournalEntry, _("journal entry"), to_groups=False),
}


def kind_of(item) -> str:
    return item._meta.model_name
