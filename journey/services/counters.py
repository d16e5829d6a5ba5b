"""Every write to a member's counters goes through one of these functions, for the pages and the API alike.

Each checks its own rules and raises `django.core.exceptions.ValidationError` keyed by field name; the pages put
the message next to the field, the API answers 400 naming it. `today` is the member's date (`today_for`), a
parameter so that tests never patch the clock.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import CURRENCIES, Counter, Pathway, Period, Slip, today_for

COUNTER_FIELDS = ("pathway", "name", "start_date", "cost_per_day", "currency", "why")
MAX_COST = Decimal("99999.99")
MAX_TEXT = 4000


def _check_counter(values: dict, *, today: date, not_before: date | None) -> None:
    errors: dict[str, str] = {}
    if values["pathway"] not in Pathway.values:
        errors["pathway"] = _("Choose a pathway from the list.")
    name = values["name"]
    if len(name) > 60:
        errors["name"] = _("Keep the name to 60 characters.")
    elif values["pathway"] == Pathway.CUSTOM and not name:
        errors["name"] = _("Give this counter a name.")
    start = values["start_date"]
    if start > today:
        errors["start_date"] = _("The start date can't be in the future.")
    elif not_before is not None and start < not_before:
        errors["start_date"] = _("This period began after your last slip, on or after %(date)s.") % {
            "date": date_format(not_before)
        }
    cost = values["cost_per_day"]
    if cost is not None and not (Decimal(0) <= cost <= MAX_COST):
        errors["cost_per_day"] = _("Enter an amount between 0 and 99,999.99.")
    currency = values["currency"]
    if currency and currency not in CURRENCIES:
        errors["currency"] = _("Choose a currency from the list.")
    elif cost is not None and not currency:
        errors["currency"] = _("Choose the currency of the amount.")
    if len(values["why"]) > MAX_TEXT:
        errors["why"] = _("Keep this to %(count)d characters.") % {"count": MAX_TEXT}
    if errors:
        raise ValidationError(errors)


def _clean(values: dict) -> dict:
    values["name"] = (values.get("name") or "").strip()
    values["why"] = (values.get("why") or "").strip()
    values["currency"] = (values.get("currency") or "").strip().upper()
    if values.get("cost_per_day") is not None:
        values["cost_per_day"] = Decimal(values["cost_per_day"]).quantize(Decimal("0.01"))
    return values


def _forget_periods(counter: Counter) -> None:
    # The counter may carry prefetched periods from `owned_by`; after a write they are stale.
    getattr(counter, "_prefetched_objects_cache", {}).pop("periods", None)


def create_counter(
    user,
    *,
    pathway: str,
    start_date: date,
    name: str = "",
    cost_per_day: Decimal | None = None,
    currency: str = "",
    why: str = "",
    today: date | None = None,
) -> Counter:
    """A new counter with its first period, starting on `start_date` (not in the future). Two queries."""
    values = _clean(
        {
            "pathway": pathway,
            "start_date": start_date,
            "name": name,
            "cost_per_day": cost_per_day,
            "currency": currency,
            "why": why,
        }
    )
    _check_counter(values, today=today or today_for(user), not_before=None)
    start = values.pop("start_date")
    with transaction.atomic():
        counter = Counter.objects.create(user=user, **values)
        Period.objects.create(counter=counter, start_date=start)
    return counter


def update_counter(counter: Counter, *, today: date | None = None, **changes) -> Counter:
    """Change some of a counter's fields; a new `start_date` moves the start of the current period only."""
    unknown = set(changes) - set(COUNTER_FIELDS)
    if unknown:
        raise ValueError(f"not counter fields: {sorted(unknown)}")
    periods = counter.ordered_periods()
    current = periods[-1]
    values = {name: getattr(counter, name) for name in COUNTER_FIELDS if name != "start_date"}
    values["start_date"] = current.start_date
    values.update(changes)
    values = _clean(values)
    not_before = periods[-2].end_date if len(periods) > 1 else None
    _check_counter(values, today=today or today_for(counter.user), not_before=not_before)
    with transaction.atomic():
        fields = [name for name in COUNTER_FIELDS if name != "start_date" and name in changes]
        for name in fields:
            setattr(counter, name, values[name])
        if fields:
            counter.save(update_fields=fields)
        if values["start_date"] != current.start_date:
            current.start_date = values["start_date"]
            current.save(update_fields=["start_date"])
    _forget_periods(counter)
    return counter


def record_slip(
    counter: Counter,
    slip_date: date,
    new_start: date | None = None,
    what_happened: str = "",
    learned: str = "",
    *,
    today: date | None = None,
) -> Slip:
    """Close the current period on `slip_date` and start a new one on `new_start` (default: the slip date).

    Every earlier period is kept: total and longest days count them all. A slip on the current period's own
    start date closes a period of 0 days, never fewer.
    """
    today = today or today_for(counter.user)
    current = counter.current_period()
    what_happened, learned = what_happened.strip(), learned.strip()
    new_start = new_start or slip_date
    errors: dict[str, str] = {}
    if slip_date > today:
        errors["slip_date"] = _("The date of the slip can't be in the future.")
    elif slip_date < current.start_date:
        errors["slip_date"] = _("The slip must be on or after the start of this period, %(date)s.") % {
            "date": date_format(current.start_date)
        }
    if new_start > today:
        errors["new_start"] = _("The new start can't be in the future.")
    elif new_start < slip_date:
        errors["new_start"] = _("The new start must be on or after the date of the slip.")
    for field, text in (("what_happened", what_happened), ("learned", learned)):
        if len(text) > MAX_TEXT:
            errors[field] = _("Keep this to %(count)d characters.") % {"count": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current.end_date = slip_date
        current.save(update_fields=["end_date"])
        Period.objects.create(counter=counter, start_date=new_start)
        slip = Slip.objects.create(counter=counter, date=slip_date, what_happened=what_happened, learned=learned)
    _forget_periods(counter)
    return slip


def delete_counter(counter: Counter) -> None:
    """Delete the counter with its periods and slips."""
    counter.delete()
