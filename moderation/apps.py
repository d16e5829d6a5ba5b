from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from . import personal_data  # noqa: F401  (registers the export section)
        from .receivers import connect

        connect()
