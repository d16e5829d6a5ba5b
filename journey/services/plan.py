"""Every write to a member's recovery plan (one per member), for the pages and the API alike.

Errors are a `ValidationError` keyed by field name (`triggers` and `people` for a bad row, naming its number).
Rows are given in the order the member wrote them; rows left entirely empty are dropped on save.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import RecoveryPlan

TEXT_FIELDS = ("warning_signs", "coping", "places_to_avoid", "reasons", "crisis_plan")
ROW_FIELDS = {"triggers": ("trigger", "response"), "people": ("name", "phone", "note")}
PLAN_FIELDS = (*TEXT_FIELDS, *ROW_FIELDS)
MAX_TEXT = 4000
MAX_ROWS = {"triggers": 30, "people": 20}
MAX_CELL = {"trigger": 500, "response": 2000, "name": 100, "phone": 40, "note": 500}
PHONE = re.compile(r"^[0-9 +\-()]*$")


def get_or_empty_plan(user) -> RecoveryPlan:
    """The member's plan, or an unsaved empty one (its `pk` is None) when they have not written one. One query."""
    return RecoveryPlan.objects.owned_by(user).first() or RecoveryPlan(user=user)


def _row_number(position: int) -> dict:
    return {"n": position + 1}


def _clean_rows(name: str, rows) -> tuple[list[dict], list[str]]:
    """The non-empty rows, stripped, and the messages for the bad ones."""
    keys = ROW_FIELDS[name]
    if not isinstance(rows, list | tuple):
        return [], [_("Give a list of rows.")]
    cleaned, errors = [], []
    for position, row in enumerate(rows):
        if not isinstance(row, dict) or set(row) - set(keys):
            errors.append(_("Row %(n)d is not in the expected shape.") % _row_number(position))
            continue
        values = {key: str(row.get(key) or "").strip() for key in keys}
        if not any(values.values()):
            continue
        too_long = [key for key in keys if len(values[key]) > MAX_CELL[key]]
        if too_long:
            key = too_long[0]
            errors.append(
                _("Row %(n)d: keep it to %(count)d characters.") % {**_row_number(position), "count": MAX_CELL[key]}
            )
        elif name == "triggers" and not values["trigger"]:
            errors.append(_("Row %(n)d: write the trigger this response is for.") % _row_number(position))
        elif name == "people" and not values["name"]:
            errors.append(_("Row %(n)d: write who this is (a first name is enough).") % _row_number(position))
        elif name == "people" and (
            not PHONE.match(values["phone"]) or (values["phone"] and not any(ch.isdigit() for ch in values["phone"]))
        ):
            errors.append(
                _("Row %(n)d: a phone number may have digits, spaces, +, -, ( and ) only.") % _row_number(position)
            )
        else:
            cleaned.append(values)
    if len(cleaned) > MAX_ROWS[name]:
        errors.append(_("Keep this list to %(count)d rows.") % {"count": MAX_ROWS[name]})
    return cleaned, errors


def save_plan(user, **fields) -> RecoveryPlan:
    """Create or change the member's plan: the fields given replace the stored ones, the others are kept.

    Texts are at most 4,000 characters; `triggers` ({"trigger", "response"} rows, up to 30) and `people`
    ({"name", "phone", "note"} rows, up to 20) drop empty rows.
    """
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not plan fields: {sorted(unknown)}")
    plan = get_or_empty_plan(user)
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in fields:
            text = str(fields[name] or "").strip()
            if len(text) > MAX_TEXT:
                errors[name] = [_("Keep this to %(count)d characters.") % {"count": MAX_TEXT}]
            values[name] = text
    for name in ROW_FIELDS:
        if name in fields:
            rows, messages = _clean_rows(name, fields[name] or [])
            if messages:
                errors[name] = messages
            values[name] = rows
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(plan, name, value)
    plan.updated_at = timezone.now()
    if plan.pk is None:
        plan.save()
    else:
        plan.save(update_fields=[*values, "updated_at"])
    return plan


def delete_plan(user) -> bool:
    """Delete the member's plan (and withdraw its shares); False when there was none."""
    plan = RecoveryPlan.objects.owned_by(user).first()
    if plan is None:
        return False
    plan.delete()
    return True
