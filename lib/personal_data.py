"""The registry behind "Download my data" and "Delete my account".

Each app registers, at start-up, a function that returns what it keeps about a member (for the export)
and, where deleting the member's row would not remove it by cascade, a function that erases it. A new
kind of personal data is not finished until it is registered here: `tests/test_personal_data.py` checks
that every model with a foreign key to the user is covered by an exporter.
"""

from collections.abc import Callable, Collection
from typing import Any

from django.db.models import Model

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, tuple[Exporter, tuple[str, ...]]] = {}
_erasers: list[Eraser] = []


def register_exporter(section: str, *, models: tuple[str, ...] = ()) -> Callable[[Exporter], Exporter]:
    """Register `fn(user)` as the export of `section`; `models` names the models ("app.Model") it covers."""

    def decorator(fn: Exporter) -> Exporter:
        _exporters[section] = (fn, models)
        return fn

    return decorator


def register_eraser(fn: Eraser) -> Eraser:
    """Register `fn(user)`, run before the member's row is deleted (for data kept without a cascade)."""
    _erasers.append(fn)
    return fn


def export_for(user: Any) -> dict[str, Any]:
    return {section: fn(user) for section, (fn, _models) in sorted(_exporters.items())}


def covered_models() -> set[str]:
    return {label.lower() for _fn, models in _exporters.values() for label in models}


def run_erasers(user: Any) -> None:
    for fn in _erasers:
        fn(user)


def model_row(obj: Model, skip: Collection[str] = ()) -> dict[str, Any]:
    """Every concrete field of `obj` but its id and the fields in `skip`, as JSON values (foreign keys as ids;
    encrypted fields come decrypted, since the download is the member's own)."""
    from datetime import date, datetime, time
    from decimal import Decimal

    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name == "id" or field.name in skip:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, date | datetime | time):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif hasattr(value, "name") and field.get_internal_type() == "FileField":
            value = value.name or ""
        out[field.name] = value
    return out
