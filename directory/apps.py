from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Meeting directory"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers the directory's part of "Download my data")
