"""Model fields whose values are stored encrypted (see `lib.crypto`). Python code sees plain values.

The database holds only Fernet tokens, so these columns cannot be searched or ordered in SQL: a member's own
search decrypts their rows in Python. An empty text is stored as an empty string (it says nothing).
"""

import json
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import migrations, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Combinable, Expression

from . import crypto

if TYPE_CHECKING:
    # Field classes are generic (set type, get type) only in django-stubs.
    _TextField = models.TextField[str | Combinable, str]
    _JSONTextField = models.TextField[Any, Any]
else:
    _TextField = _JSONTextField = models.TextField


class EncryptedTextField(_TextField):
    description = "Text, encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)


class EncryptedJSONField(_JSONTextField):
    """A JSON value (list or dict) kept encrypted; empty lists and dicts are encrypted too."""

    # What the model attribute holds, for django-stubs' plugin: any JSON value, not a str.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    description = "JSON, encrypted at rest"

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def from_db_value(self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper) -> Any:
        if value is None or value == "":
            return None if value is None else self.get_default()
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj))


ENCRYPTED_FIELDS = (EncryptedTextField, EncryptedJSONField)


def encrypted_fields_by_model() -> dict[type[models.Model], list[str]]:
    """Every concrete model with encrypted columns, and the names of those columns."""
    found: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, ENCRYPTED_FIELDS)]
        if names:
            found[model] = names
    return found


def encrypt_existing(app_label: str, model_name: str, columns: list[str]) -> migrations.RunPython:
    """A data migration that encrypts the plain values already in `columns` (after an AlterField to an encrypted
    field; values already encrypted are left alone, so it may run twice). Its reverse decrypts them again, before
    the reversed AlterField turns the column back. Raw SQL, since the historical model's field would decrypt."""

    def forward(apps: Any, schema_editor: Any) -> None:
        _rewrite(apps.get_model(app_label, model_name), schema_editor.connection, columns, _encrypted)

    def backward(apps: Any, schema_editor: Any) -> None:
        _rewrite(apps.get_model(app_label, model_name), schema_editor.connection, columns, _decrypted)

    return migrations.RunPython(forward, backward)


def _encrypted(value: str) -> str:
    try:
        crypto.decrypt(value)
        return value
    except (crypto.InvalidToken, ValueError):
        return crypto.encrypt(value)


def _decrypted(value: str) -> str:
    try:
        return crypto.decrypt(value)
    except (crypto.InvalidToken, ValueError):
        return value


def _rewrite(model: Any, connection: BaseDatabaseWrapper, columns: list[str], change: Any) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    names = [quote(model._meta.get_field(c).column) for c in columns]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {', '.join(names)} FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
        for row in rows:
            values = [change(v) if v else v for v in row[1:]]
            if values != list(row[1:]):
                sets = ", ".join(f"{name} = %s" for name in names)
                cursor.execute(f"UPDATE {table} SET {sets} WHERE {pk} = %s", [*values, row[0]])  # noqa: S608
