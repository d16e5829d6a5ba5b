from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts import personal_data  # noqa: F401  (registers this app's export section)
        from accounts.help_contacts import connection_names
        from safety.contacts import register_help_contacts

        register_help_contacts("connections", connection_names)

        from django.db.models.signals import post_save

        from accounts.blocks import name_taken

        post_save.connect(name_taken, sender=self.get_model("User"), dispatch_uid="accounts.name_taken")

        from allauth.account.signals import password_changed, password_reset, password_set
        from django.contrib.auth.signals import user_logged_out

        from accounts import receivers

        user_logged_out.connect(receivers.close_session_sockets, dispatch_uid="accounts.close_session_sockets")
        for signal in (password_changed, password_set, password_reset):
            signal.connect(receivers.close_member_sockets, dispatch_uid=f"accounts.close_member_sockets.{id(signal)}")
