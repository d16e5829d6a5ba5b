from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = "Safety and crisis help"

    def ready(self) -> None:
        from safety import personal_data  # noqa: F401  (registers the export section)
        from safety.sanctions import connect_signals

        connect_signals()
