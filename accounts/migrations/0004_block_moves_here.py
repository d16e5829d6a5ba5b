"""Blocks move here from the safety app: the table safety_block and its rows stay as they are."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models



def move_content_types(apps, schema_editor):
    """Keep the admin's permissions and log: the content types of the moved models change app, not id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("block",):
        if not ContentType.objects.filter(app_label="accounts", model=model).exists():
            ContentType.objects.filter(app_label="safety", model=model).update(app_label="accounts")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("block",):
        if not ContentType.objects.filter(app_label="safety", model=model).exists():
            ContentType.objects.filter(app_label="accounts", model=model).update(app_label="safety")


class Migration(migrations.Migration):

    dependencies = [
        ('safety', '0004_seed_crisis_phrases'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0003_connection_requests'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table stays where it is (`db_table`): only Django's idea of which app owns it changes.
            state_operations=[
                migrations.CreateModel(
                    name='Block',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('blocked', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='blocked_by', to=settings.AUTH_USER_MODEL)),
                        ('blocker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='blocks_made', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'safety_block',
                        'constraints': [models.UniqueConstraint(fields=('blocker', 'blocked'), name='one_block_per_pair'), models.CheckConstraint(condition=models.Q(('blocker', models.F('blocked')), _negated=True), name='no_self_block')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
