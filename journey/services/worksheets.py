"""Every write to a member's worksheets, for the pages and the API alike.

A worksheet's answers are checked against its kind's definition (`journey.worksheets`): unknown questions are
refused, texts and lists are limited, numbers must be in range. Errors are a `ValidationError` keyed by the
question's key (or `kind`, `title`). `today` is the member's date, a parameter so tests never patch the clock.
"""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Worksheet, today_for
from ..worksheets import (
    DATETIME,
    LIST,
    MAX_ITEMS,
    MAX_TITLE,
    SCALE,
    YESNO,
    WorksheetDefinition,
    definition_for,
)

# What a datetime-local input sends ("2026-03-01T21:30", seconds optional): the member's own clock, no zone.
LOCAL_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")


def _too_long(limit: int) -> str:
    return _("Keep this to %(count)d characters.") % {"count": limit}


def _clean_answer(question, value, today: date):
    """The stored form of one answer, or raise ValueError with the message for the member."""
    if value is None:
        return question.empty()
    if question.type == LIST:
        if isinstance(value, str):  # the API may send one item as a plain string
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(_("Give a list of short texts."))
        items = [item.strip() for item in value if item.strip()]
        if len(items) > MAX_ITEMS:
            raise ValueError(_("Keep the list to %(count)d items.") % {"count": MAX_ITEMS})
        if any(len(item) > question.max_length for item in items):
            raise ValueError(_("Keep each item to %(count)d characters.") % {"count": question.max_length})
        return items
    if question.type == SCALE:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_("Enter a whole number."))
        if not question.min <= value <= question.max:
            raise ValueError(_("Enter a number from %(min)d to %(max)d.") % {"min": question.min, "max": question.max})
        return value
    if question.type == YESNO:
        if not isinstance(value, bool):
            raise ValueError(_("Answer yes or no."))
        return value
    if not isinstance(value, str):
        raise ValueError(_("Enter text."))
    value = value.strip()
    if question.type == DATETIME:
        if not value:
            return ""
        try:
            if not LOCAL_MOMENT.match(value):
                raise ValueError
            moment = datetime.strptime(value[:16], "%Y-%m-%dT%H:%M")
        except ValueError:
            raise ValueError(_("Enter a date and time.")) from None
        if moment.date() > today:
            raise ValueError(_("This can't be in the future."))
        return moment.strftime("%Y-%m-%dT%H:%M")
    if len(value) > question.max_length:
        raise ValueError(_too_long(question.max_length))
    return value


def clean_data(definition: WorksheetDefinition, data, *, today: date) -> dict:
    """The full answers of a worksheet (every question, unanswered ones empty), or a ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError({"data": _("Give the answers as an object keyed by question.")})
    questions = definition.questions
    errors: dict[str, str] = {}
    for key in data:
        if key not in questions:
            errors[str(key)] = _("This worksheet has no question “%(key)s”.") % {"key": key}
    cleaned = definition.empty_data()
    for key, question in questions.items():
        if key in data:
            try:
                cleaned[key] = _clean_answer(question, data[key], today)
            except ValueError as error:
                errors[key] = str(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_title(title) -> str:
    title = (title or "").strip()
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": _too_long(MAX_TITLE)})
    return title


def create_worksheet(user, *, kind: str, title: str = "", data: dict | None = None, today: date | None = None):
    """A new worksheet of `kind` with the member's answers (any may be left empty)."""
    definition = definition_for(kind)
    if definition is None:
        raise ValidationError({"kind": _("Choose a worksheet from the list.")})
    errors = {}
    try:
        title = _clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        cleaned = clean_data(definition, data or {}, today=today or today_for(user))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    return Worksheet.objects.create(user=user, kind=kind, title=title, data=cleaned, created_at=now, updated_at=now)


def update_worksheet(worksheet: Worksheet, *, title: str | None = None, data: dict | None = None, today=None):
    """Replace the title and/or all the answers (a question left out of `data` becomes unanswered)."""
    definition = definition_for(worksheet.kind)
    errors = {}
    fields = ["updated_at"]
    if title is not None:
        try:
            worksheet.title = _clean_title(title)
            fields.append("title")
        except ValidationError as error:
            errors.update(error.message_dict)
    if data is not None:
        try:
            # A saved worksheet's kind is one of the defined kinds, so `definition` is not None.
            cleaned = clean_data(definition, data, today=today or today_for(worksheet.user))  # type: ignore[arg-type]
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            worksheet.data = cleaned
            fields.append("data")
    if errors:
        worksheet.refresh_from_db(fields=["title", "data"])
        raise ValidationError(errors)
    worksheet.updated_at = timezone.now()
    worksheet.save(update_fields=fields)
    return worksheet


def delete_worksheet(worksheet: Worksheet) -> None:
    """Delete the worksheet; anything it was shared through is withdrawn with it."""
    worksheet.delete()
