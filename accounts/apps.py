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
