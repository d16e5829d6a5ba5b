from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.clientip import client_ip

from .usernames import check_available

REFUSALS_KEY = "signup-username-refused:{ip}"


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        super().populate_username(request, user)
        if not user.display_name:
            user.display_name = user.username

    def get_client_ip(self, request) -> str:
        """allauth's rate limits count by the address the whole site uses (lib/clientip.py)."""
        return client_ip(request)

    def clean_username(self, username: str, shallow: bool = False) -> str:
        """One answer, "not available", for a taken, look-alike or reserved username (accounts.usernames); after
        `SIGNUP_USERNAME_REFUSALS` such answers to one address in an hour, no more answers at all for a while, so
        that nobody can test a list of names."""
        for validator in app_settings.USERNAME_VALIDATORS:
            validator(username)
        if shallow:
            return username
        key = self._refusals_key()
        if key and cache.get(key, 0) >= settings.SIGNUP_USERNAME_REFUSALS:
            raise ValidationError(
                _("Too many usernames were tried from here. Please wait an hour and try again."),
                code="username_tries",
            )
        try:
            check_available(username)
        except ValidationError:
            if key:
                cache.add(key, 0, timeout=3600)
                cache.incr(key)
            raise
        return username

    def _refusals_key(self) -> str | None:
        request = context.request
        if request is None or not settings.SIGNUP_USERNAME_REFUSALS:
            return None
        return REFUSALS_KEY.format(ip=client_ip(request) or "unknown")

    def get_login_stages(self) -> list[str]:
        return [
            "accounts.stages.VerifyGivenEmailStage" if path.endswith(".EmailVerificationStage") else path
            for path in super().get_login_stages()
        ]
