from allauth.account.adapter import DefaultAccountAdapter

from lib.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        super().populate_username(request, user)
        if not user.display_name:
            user.display_name = user.username

    def get_client_ip(self, request) -> str:
        """allauth's rate limits count by the address the whole site uses (lib/clientip.py)."""
        return client_ip(request)

    def get_login_stages(self) -> list[str]:
        return [
            "accounts.stages.VerifyGivenEmailStage" if path.endswith(".EmailVerificationStage") else path
            for path in super().get_login_stages()
        ]
