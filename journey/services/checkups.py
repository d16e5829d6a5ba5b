"""Every write to a member's monthly check-ups, and the read helpers the pages, the API and the dashboard share.

`today` is the member's date (`today_for`), a parameter so that tests never patch the clock. A member keeps at
most one check-up per calendar month of their own time zone: taking it again in the same month replaces that
month's answers and scores (the row, and anything shared of it, stays).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import checkup as questionnaire
from ..milestones import add_months
from ..models import Checkup, Domain


def _check_answers(answers) -> dict[str, int]:
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Answer every question.")})
    errors: dict[str, str] = {}
    clean: dict[str, int] = {}
    for question in questionnaire.QUESTIONS:
        value = answers.get(question.key)
        if value is None or value == "":
            errors[question.key] = _("Please choose an answer.")
            continue
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            errors[question.key] = _("Choose a whole number from 0 to 4.")
        elif not questionnaire.LOWEST <= value <= questionnaire.HIGHEST:
            errors[question.key] = _("Choose an answer from 0 to 4.")
        else:
            clean[question.key] = value
    for key in answers:
        if key not in questionnaire.BY_KEY:
            errors[str(key)] = _("This is not one of the check-up's questions.")
    if errors:
        raise ValidationError(errors)
    return clean


def month_of(user, today: date):
    """This member's check-up in the calendar month of `today`, or None."""
    return (
        Checkup.objects.owned_by(user)
        .filter(taken_on__year=today.year, taken_on__month=today.month)
        .order_by("-taken_on", "-pk")
        .first()
    )


def record_checkup(user, *, today: date, answers: dict) -> Checkup:
    """Store a complete check-up taken on `today`, scored per domain and in total; one per calendar month.

    Every question must be answered with 0–4 (errors keyed by question key). Taking it again in the same month
    replaces that month's check-up in place. Two or three queries.
    """
    clean = _check_answers(answers)
    scores = questionnaire.score(clean)
    with transaction.atomic():
        existing = month_of(user, today)
        if existing is None:
            return Checkup.objects.create(user=user, taken_on=today, answers=clean, **scores)
        existing.taken_on = today
        existing.answers = clean
        existing.created_at = timezone.now()
        for name, value in scores.items():
            setattr(existing, name, value)
        existing.save(update_fields=["taken_on", "answers", "created_at", *scores])
        return existing


def previous_of(checkup: Checkup) -> Checkup | None:
    """The member's check-up just before this one, or None. One query."""
    return (
        Checkup.objects.owned_by(checkup.user)
        .filter(taken_on__lt=checkup.taken_on)
        .order_by("-taken_on", "-pk")
        .first()
    )


def next_due(latest: Checkup | None, today: date) -> date:
    """When the next check-up is due: a month after the latest one (today when there is none)."""
    return today if latest is None else add_months(latest.taken_on, 1)


@dataclass(frozen=True)
class DomainScore:
    key: str  # a Domain value, or "total"
    label: str
    score: int
    maximum: int
    change: int | None  # since the previous check-up; None when there is none

    @property
    def signed_change(self) -> str:
        """The change as "+3", "−1" or "±0" (empty without a previous check-up)."""
        return "" if self.change is None else _signed(self.change)


def scores_of(checkup: Checkup, previous: Checkup | None = None) -> list[DomainScore]:
    """Each domain's score and the total, with the change since `previous` when given."""
    maxima = questionnaire.max_per_domain()
    rows = [(domain.value, str(domain.label), maxima[domain.value]) for domain in Domain]
    rows.append(("total", _("Total"), questionnaire.MAX_TOTAL))
    return [
        DomainScore(
            key=key,
            label=label,
            score=getattr(checkup, key),
            maximum=maximum,
            change=None if previous is None else getattr(checkup, key) - getattr(previous, key),
        )
        for key, label, maximum in rows
    ]


def change_in_words(checkup: Checkup, previous: Checkup | None) -> str:
    """The change since `previous` in words, e.g. "Community +3, Health −1; total +2", or that nothing moved."""
    if previous is None:
        return _("Your first check-up: a starting point to compare with next time.")
    rows = scores_of(checkup, previous)
    moved = [f"{row.label} {_signed(row.change)}" for row in rows[:-1] if row.change]
    if not moved:
        return _("The same scores as last time.")
    return _("%(changes)s; total %(total)s") % {"changes": ", ".join(moved), "total": _signed(rows[-1].change)}


def _signed(number: int | None) -> str:
    if not number:
        return "±0"
    return f"+{number}" if number > 0 else f"−{-number}"
