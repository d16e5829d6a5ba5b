"""Django's createsuperuser, refusing a username that looks like a member's (accounts.usernames). The operator may
take a role's name ("admin"): only members are kept from those."""

from django.contrib.auth.management.commands import createsuperuser
from django.core.exceptions import ValidationError

from accounts.usernames import check_available


class Command(createsuperuser.Command):
    def _validate_username(self, username, verbose_field_name, database):
        error = super()._validate_username(username, verbose_field_name, database)
        if error or not username:
            return error
        try:
            check_available(username, allow_reserved=True)
        except ValidationError as refused:
            return "; ".join(refused.messages)
        return None
