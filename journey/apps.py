from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "journey"
    verbose_name = "My recovery"

    def ready(self) -> None:
        from journey import personal_data  # noqa: F401  (registers this app's export section)
        from journey.receivers import connect

        connect()
