"""What My recovery exports in "Download my data": every part, decrypted (the download is the member's own).

Deleting the account removes all of it by cascade. Items others shared with the member are theirs, not exported.
"""

from lib.personal_data import model_row, register_exporter

from .models import (
    Attendance,
    CheckIn,
    CheckInReminder,
    Checkup,
    Counter,
    Goal,
    JournalEntry,
    RecoveryPlan,
    Share,
    Trigger,
    Worksheet,
)

SKIP = ("user", "owner")


def _row(obj, skip=()) -> dict:
    return model_row(obj, skip=(*SKIP, *skip))


@register_exporter("recovery", models=("journey.Counter", "journey.Period", "journey.Slip"))
def export_recovery(user) -> list[dict]:
    counters = Counter.objects.filter(user=user).prefetch_related("periods", "slips")
    return [
        {
            **_row(c),
            "periods": [_row(p, skip={"counter"}) for p in c.periods.all()],
            "slips": [_row(s, skip={"counter"}) for s in c.slips.all()],
        }
        for c in counters
    ]


@register_exporter("checkins", models=("journey.CheckIn", "journey.Trigger", "journey.CheckInReminder"))
def export_checkins(user) -> dict:
    reminder = CheckInReminder.objects.filter(user=user).first()
    return {
        "triggers": [t.name for t in Trigger.objects.filter(user=user)],
        "reminder": _row(reminder, skip={"next_at", "last_sent_at"}) if reminder else None,
        "checkins": [
            {**_row(c), "triggers": [t.name for t in c.triggers.all()]}
            for c in CheckIn.objects.filter(user=user).prefetch_related("triggers").order_by("date")
        ],
    }


@register_exporter("goals", models=("journey.Goal", "journey.GoalStep"))
def export_goals(user) -> list[dict]:
    goals = Goal.objects.filter(user=user).prefetch_related("steps")
    return [{**_row(g), "steps": [_row(s, skip={"goal"}) for s in g.steps.all()]} for g in goals]


@register_exporter("checkups", models=("journey.Checkup",))
def export_checkups(user) -> list[dict]:
    return [_row(c) for c in Checkup.objects.filter(user=user).order_by("taken_on")]


@register_exporter("recovery_plan", models=("journey.RecoveryPlan",))
def export_plan(user) -> dict | None:
    plan = RecoveryPlan.objects.filter(user=user).first()
    return _row(plan) if plan else None


@register_exporter("worksheets", models=("journey.Worksheet",))
def export_worksheets(user) -> list[dict]:
    return [_row(w) for w in Worksheet.objects.filter(user=user).order_by("created_at")]


@register_exporter("meeting_attendance", models=("journey.Attendance",))
def export_attendance(user) -> list[dict]:
    return [_row(a) for a in Attendance.objects.filter(user=user).order_by("date")]


@register_exporter("journal", models=("journey.JournalEntry",))
def export_journal(user) -> list[dict]:
    return [_row(e) for e in JournalEntry.objects.filter(user=user).order_by("date", "pk")]


@register_exporter("shares", models=("journey.Share",))
def export_shares(user) -> list[dict]:
    shares = Share.objects.filter(owner=user).select_related("content_type", "to_user", "to_group")
    return [
        {
            "kind": s.content_type.model,
            "item_id": s.object_id,
            "to_member": s.to_user.username if s.to_user else None,
            "to_group": s.to_group.name if s.to_group else None,
            "message": s.message,
            "created_at": s.created_at.isoformat(),
        }
        for s in shares
    ]
