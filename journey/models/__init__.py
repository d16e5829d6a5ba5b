"""My recovery's models, one module per part; import them from here (`from journey.models import Goal`)."""

from .attendance import Attendance
from .base import Domain, OwnedQuerySet, today_for
from .checkins import CheckIn, CheckInReminder, Trigger, triggers_by_name
from .checkups import Checkup
from .counters import CURRENCIES, Counter, Pathway, Period, Slip, Summary, days_between
from .goals import Goal, GoalStatus, GoalStep
from .journal import JournalEntry
from .plan import RecoveryPlan, Worksheet, WorksheetKind
from .sharing import Share

__all__ = [
    "CURRENCIES",
    "Attendance",
    "CheckIn",
    "CheckInReminder",
    "Checkup",
    "Counter",
    "Domain",
    "Goal",
    "GoalStatus",
    "GoalStep",
    "JournalEntry",
    "OwnedQuerySet",
    "Pathway",
    "Period",
    "RecoveryPlan",
    "Share",
    "Slip",
    "Summary",
    "Trigger",
    "Worksheet",
    "WorksheetKind",
    "days_between",
    "today_for",
    "triggers_by_name",
]
