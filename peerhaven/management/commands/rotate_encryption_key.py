"""Re-encrypt every encrypted value with the current (first) key of DATA_ENCRYPTION_KEYS.

Rotation, step by step (see docs/OPERATIONS in the README):
1. `manage.py rotate_encryption_key --new-key` prints a fresh key.
2. Put it first in DATA_ENCRYPTION_KEYS, keeping the old keys after it, and restart: new writes use it and old
   values still read.
3. `manage.py rotate_encryption_key` rewrites every value that an old key encrypted, then checks none is left.
4. Remove the old keys from DATA_ENCRYPTION_KEYS.
`--check` only counts the values still under an old key (exit status 1 if any).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from lib import crypto
from lib.fields import encrypted_fields_by_model

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt stored personal data with the first key of DATA_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="Print a new key and change nothing.")
        parser.add_argument("--check", action="store_true", help="Count values under an old key; change nothing.")

    def handle(self, *args, new_key=False, check=False, **options):
        if new_key:
            self.stdout.write(crypto.generate_key())
            return
        crypto.reset_keys()
        total_old = 0
        for model, names in encrypted_fields_by_model().items():
            for name in names:
                column = model._meta.get_field(name).column
                old, rewritten = self._rotate_column(model, column, dry_run=check)
                total_old += old
                if old:
                    verb = "need rotation" if check else "re-encrypted"
                    self.stdout.write(f"{model._meta.label}.{name}: {old if check else rewritten} {verb}")
        if check:
            if total_old:
                raise CommandError(f"{total_old} values are still encrypted with an old key.")
            self.stdout.write("Every value uses the current key.")
            return
        left = sum(
            self._rotate_column(model, model._meta.get_field(name).column, dry_run=True)[0]
            for model, names in encrypted_fields_by_model().items()
            for name in names
        )
        if left:
            raise CommandError(f"{left} values still use an old key after rotation.")
        self.stdout.write(
            self.style.SUCCESS(f"Done: {total_old} values re-encrypted; every value uses the current key.")
        )

    def _rotate_column(self, model, column: str, *, dry_run: bool) -> tuple[int, int]:
        """(values under an old key, values rewritten) for one column, read and written in raw SQL batches."""
        quote = connection.ops.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        col = quote(column)
        multi = crypto.keys()
        old = rewritten = 0
        last_pk = None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = f"{col} IS NOT NULL AND {col} <> ''"
                params: list = []
                if last_pk is not None:
                    where += f" AND {pk} > %s"
                    params.append(last_pk)
                cursor.execute(f"SELECT {pk}, {col} FROM {table} WHERE {where} ORDER BY {pk} LIMIT {BATCH}", params)  # noqa: S608 (names from the model)
                rows = cursor.fetchall()
                if not rows:
                    return old, rewritten
                last_pk = rows[-1][0]
                for row_pk, token in rows:
                    if not crypto.needs_rotation(token):
                        continue
                    old += 1
                    if dry_run:
                        continue
                    fresh = multi.rotate(token.encode("ascii")).decode("ascii")
                    cursor.execute(f"UPDATE {table} SET {col} = %s WHERE {pk} = %s", [fresh, row_pk])  # noqa: S608
                    rewritten += 1
