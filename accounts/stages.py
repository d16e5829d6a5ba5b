"""Login stages that differ from allauth's defaults."""

from allauth.account.adapter import get_adapter
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.internal.flows.email_verification import send_verification_email_at_login
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from allauth.account.utils import has_verified_email


class VerifyGivenEmailStage(EmailVerificationStage):
    """An email address is optional; once a member gives one, it must be verified before they log in.

    allauth's "optional" mode logs a new member in at once, while a sign-up with an address that already
    has an account is answered with "check your email". That difference would tell a stranger whether an
    address belongs to a member. Treating a given address as mandatory makes both answers the same, and a
    member who gave no address still signs up and logs in straight away.
    """

    def handle(self):
        login = self.login
        if login.email_verification != EmailVerificationMethod.OPTIONAL or not self._email_given():
            return super().handle()
        if has_verified_email(login.user, login.email):
            return None, True
        send_verification_email_at_login(self.request, login)
        return get_adapter().respond_email_verification_sent(self.request, login.user), True

    def _email_given(self) -> bool:
        if self.login.email:
            return True
        return self.login.user is not None and EmailAddress.objects.filter(user=self.login.user).exists()
