from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        super().populate_username(request, user)
        if not user.display_name:
            user.display_name = user.username

    def get_login_stages(self) -> list[str]:
        return [
            "accounts.stages.VerifyGivenEmailStage" if path.endswith(".EmailVerificationStage") else path
            for path in super().get_login_stages()
        ]
