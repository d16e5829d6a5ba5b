"""Every write to a member's check-ins, triggers and reminder, for the pages and the API alike.

Each function checks its own rules and raises `django.core.exceptions.ValidationError` keyed by field name.
`today` is the member's date (`today_for`), a parameter so that tests never patch the clock.
"""

import re
from datetime import date as Date
from datetime import datetime
from datetime import time as Time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CheckIn, CheckInReminder, Trigger

MAX_NOTE = 4000
MAX_PLEDGE = 500
MAX_TRIGGER = 60
MAX_TRIGGERS_PER_CHECKIN = 30
HIGH_CRAVING = 7

BOOLEAN_FIELDS = ("hungry", "angry", "lonely", "tired", "went_to_meeting", "reached_out", "pledged")
RATING_FIELDS = ("sleep_quality", "health", "home", "purpose", "community")  # optional, 1 to 5
CHECKIN_FIELDS = ("mood", "craving", "sleep_hours", *RATING_FIELDS, *BOOLEAN_FIELDS, "note", "pledge")


def clean_trigger_name(name: str) -> str:
    """A trigger name as stored: trimmed, inner runs of spaces made one."""
    return re.sub(r"\s+", " ", name or "").strip()


def split_trigger_names(text: str) -> list[str]:
    """Names typed as "crowds, payday, old friends" (commas or new lines between them)."""
    return [name for name in (clean_trigger_name(part) for part in re.split(r"[,\n]", text or "")) if name]


def _int_between(errors: dict, field: str, value, low: int, high: int, message: str, *, required: bool = False):
    if value is None or value == "":
        if required:
            errors[field] = message
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[field] = message
        return None
    if (isinstance(value, float) and value != number) or not low <= number <= high:
        errors[field] = message
        return None
    return number


def _check_checkin(values: dict, *, day: Date, today: Date) -> dict:
    """The values cleaned, or a ValidationError naming every field that is out of range."""
    errors: dict[str, str] = {}
    if day > today:
        errors["date"] = _("The date can't be in the future.")
    cleaned = dict(values)
    cleaned["mood"] = _int_between(
        errors, "mood", values.get("mood"), 1, 5, _("Choose a mood from 1 to 5."), required=True
    )
    cleaned["craving"] = _int_between(
        errors, "craving", values.get("craving"), 0, 10, _("Choose a craving from 0 to 10.")
    )
    for field in RATING_FIELDS:
        cleaned[field] = _int_between(
            errors, field, values.get(field), 1, 5, _("Choose from 1 to 5, or leave it empty.")
        )
    hours = values.get("sleep_hours")
    if hours is None or hours == "":
        cleaned["sleep_hours"] = None
    else:
        try:
            hours = Decimal(str(hours))
            if not hours.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["sleep_hours"] = _("Enter the hours of sleep, from 0 to 24.")
        else:
            if not Decimal(0) <= hours <= Decimal(24):
                errors["sleep_hours"] = _("Enter the hours of sleep, from 0 to 24.")
            cleaned["sleep_hours"] = hours.quantize(Decimal("0.1"))
    for field in BOOLEAN_FIELDS:
        cleaned[field] = bool(values.get(field))
    cleaned["note"] = (values.get("note") or "").strip()
    cleaned["pledge"] = (values.get("pledge") or "").strip()
    if len(cleaned["note"]) > MAX_NOTE:
        errors["note"] = _("Keep the note to %(count)d characters.") % {"count": MAX_NOTE}
    if len(cleaned["pledge"]) > MAX_PLEDGE:
        errors["pledge"] = _("Keep the pledge to %(count)d characters.") % {"count": MAX_PLEDGE}
    if cleaned["pledge"]:  # writing a pledge is making one
        cleaned["pledged"] = True
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_trigger_names(names) -> list[str]:
    """Distinct names (case-insensitively, the first spelling kept), or a ValidationError on "triggers"."""
    seen: dict[str, str] = {}
    for name in names or ():
        name = clean_trigger_name(name)
        if not name:
            continue
        if len(name) > MAX_TRIGGER:
            raise ValidationError(
                {"triggers": _("Keep each trigger to %(count)d characters.") % {"count": MAX_TRIGGER}}
            )
        seen.setdefault(name.casefold(), name)
    if len(seen) > MAX_TRIGGERS_PER_CHECKIN:
        raise ValidationError(
            {"triggers": _("Choose at most %(count)d triggers for one day.") % {"count": MAX_TRIGGERS_PER_CHECKIN}}
        )
    return list(seen.values())


def triggers_for(user, names: list[str]) -> list[Trigger]:
    """The member's triggers with these names, creating the ones they have not named before.

    Matching ignores case ("Payday" is "payday"), in Python so that it also holds for non-ASCII letters on SQLite.
    One query, plus one insert per new name.
    """
    if not names:
        return []
    existing = {t.name.casefold(): t for t in Trigger.objects.owned_by(user)}
    found = []
    for name in names:
        trigger = existing.get(name.casefold())
        if trigger is None:
            trigger = Trigger.objects.create(user=user, name=name)
            existing[name.casefold()] = trigger
        found.append(trigger)
    return found


def record_checkin(user, *, today: Date, date: Date | None = None, triggers=None, **values) -> tuple[CheckIn, bool]:
    """Record how the member's day `date` went (default `today`); returns (check-in, created).

    One check-in per day: for a day that already has one, this edits it. Fields not given keep their value on an
    edit and take their default on a new check-in. `triggers` is a list of names (None: leave them as they are);
    new names join the member's list.
    """
    unknown = set(values) - set(CHECKIN_FIELDS)
    if unknown:
        raise ValueError(f"not check-in fields: {sorted(unknown)}")
    day = date or today
    existing = CheckIn.objects.owned_by(user).filter(date=day).first()
    current = {name: getattr(existing, name) for name in CHECKIN_FIELDS} if existing else {}
    current.update(values)
    cleaned = _check_checkin(current, day=day, today=today)
    names = _check_trigger_names(triggers) if triggers is not None else None
    with transaction.atomic():
        checkin, created = existing, False
        if checkin is None:
            try:
                with transaction.atomic():
                    checkin = CheckIn.objects.create(user=user, date=day, **cleaned)
                    created = True
            except IntegrityError:  # the same day recorded a moment ago (a double submit): edit that one
                checkin = CheckIn.objects.owned_by(user).get(date=day)
        if not created:
            for name, value in cleaned.items():
                setattr(checkin, name, value)
            checkin.updated_at = timezone.now()
            checkin.save(update_fields=[*CHECKIN_FIELDS, "updated_at"])
        if names is not None:
            checkin.triggers.set(triggers_for(user, names))
    return checkin, created


def delete_checkin(checkin: CheckIn) -> None:
    """Delete the check-in; whatever was shared of it is withdrawn with it."""
    checkin.delete()


def needs_support(checkin: CheckIn) -> bool:
    """Whether to offer (never force) the Get help page and the recovery plan after this check-in."""
    halt = checkin.hungry or checkin.angry or checkin.lonely or checkin.tired
    return halt or (checkin.craving is not None and checkin.craving >= HIGH_CRAVING)


def rename_trigger(trigger: Trigger, name: str) -> Trigger:
    """Rename one of the member's triggers; the past check-ins that met it follow."""
    name = clean_trigger_name(name)
    if not name:
        raise ValidationError({"name": _("Give the trigger a name.")})
    if len(name) > MAX_TRIGGER:
        raise ValidationError({"name": _("Keep each trigger to %(count)d characters.") % {"count": MAX_TRIGGER}})
    others = Trigger.objects.owned_by(trigger.user).exclude(pk=trigger.pk)
    if any(other.name.casefold() == name.casefold() for other in others):
        raise ValidationError({"name": _("You already have a trigger with this name.")})
    trigger.name = name
    trigger.save(update_fields=["name"])
    return trigger


def delete_trigger(trigger: Trigger) -> None:
    """Take a trigger off the member's list (and off the past check-ins that met it)."""
    trigger.delete()


def set_reminder(user, *, time: Time, enabled: bool = True, by_email: bool = False, now: datetime | None = None):
    """Remind the member to check in every day at `time` in their zone (`enabled` off: never).

    Computes the next reminder and queues it (after commit). Consent to email is kept even without a verified
    address; an email is only sent once the address is verified.
    """
    from ..tasks import next_reminder_at, schedule_reminder

    if not isinstance(time, Time):
        raise ValidationError({"time": _("Enter a time such as 20:30.")})
    time = time.replace(second=0, microsecond=0, tzinfo=None)
    now = now or timezone.now()
    next_at = next_reminder_at(time, user.zone, after=now) if enabled else None
    reminder, _created = CheckInReminder.objects.update_or_create(
        user=user, defaults={"time": time, "enabled": bool(enabled), "by_email": bool(by_email), "next_at": next_at}
    )
    if next_at is not None:
        transaction.on_commit(lambda: schedule_reminder(reminder))
    return reminder
