"""Turning a service's field errors into the API's 400 answer."""

from django.core.exceptions import ValidationError as DjangoValidationError
from ninja.errors import ValidationError


def as_bad_request(error: DjangoValidationError) -> ValidationError:
    """A service's field errors, answered like a schema error: 400 "Invalid <field>." with the details."""
    return ValidationError(
        [{"loc": ("body", field), "msg": " ".join(msgs)} for field, msgs in error.message_dict.items()]
    )
