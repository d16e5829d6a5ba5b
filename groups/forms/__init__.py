"""The shape of the groups' HTML forms, one module per part; the rules live in `groups.services`."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError, fallback: str | None = None) -> None:
    """Put a service's field errors next to the form's fields (unknown fields go to `fallback`, or the top)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else (fallback if fallback in form.fields else None), messages)
