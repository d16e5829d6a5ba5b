from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using="default", **kwargs):
    """The default cache lives in the database; make sure its table exists after every migrate."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class PeerHavenConfig(AppConfig):
    name = "peerhaven"
    verbose_name = "PeerHaven site"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="peerhaven_create_cache_table")
