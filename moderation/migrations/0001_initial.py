"""Reports, actions and appeals move here from the safety app: their tables (safety_report, safety_moderationaction,
safety_appeal) and rows stay as they are."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models



def move_content_types(apps, schema_editor):
    """Keep the admin's permissions and log: the content types of the moved models change app, not id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("report", "moderationaction", "appeal"):
        if not ContentType.objects.filter(app_label="moderation", model=model).exists():
            ContentType.objects.filter(app_label="safety", model=model).update(app_label="moderation")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("report", "moderationaction", "appeal"):
        if not ContentType.objects.filter(app_label="safety", model=model).exists():
            ContentType.objects.filter(app_label="moderation", model=model).update(app_label="safety")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('safety', '0004_seed_crisis_phrases'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('groups', '0002_guidelines_discussion_notes_resources_events'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table stays where it is (`db_table`): only Django's idea of which app owns it changes.
            state_operations=[
                migrations.CreateModel(
                    name='ModerationAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('hide', 'Hide a post or note'), ('remove', 'Remove a post or note'), ('restore', 'Restore a post or note'), ('warn', 'Warning'), ('mute', 'Mute in a group for a time'), ('remove_member', 'Remove from the group'), ('suspend', 'Suspend from the site'), ('lift', 'Lift a mute or suspension')], max_length=14)),
                        ('reason', models.TextField(verbose_name='reason (the member sees it)')),
                        ('until', models.DateTimeField(blank=True, help_text='End of a mute or suspension; empty: no end.', null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='groups.group')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='moderation_actions', to=settings.AUTH_USER_MODEL)),
                        ('moderator', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='moderation_actions_taken', to=settings.AUTH_USER_MODEL)),
                        ('note', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='groups.supportnote')),
                        ('post', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='groups.post')),
                    ],
                    options={
                        'db_table': 'safety_moderationaction',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Appeal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='why the decision should change')),
                        ('status', models.CharField(choices=[('open', 'Waiting for a moderator'), ('upheld', 'The decision stands'), ('overturned', 'The decision was reversed')], default='open', max_length=10)),
                        ('response', models.TextField(blank=True, verbose_name='answer to the member')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appeals', to=settings.AUTH_USER_MODEL)),
                        ('action', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='appeal', to='moderation.moderationaction')),
                    ],
                    options={
                        'db_table': 'safety_appeal',
                    },
                ),
                migrations.CreateModel(
                    name='Report',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(choices=[('at_risk', 'Someone may be at risk'), ('harassment', 'Harassment or bullying'), ('hate', 'Hate or discrimination'), ('privacy', "Shares someone's identity or private information"), ('unsafe', 'Dangerous advice or selling substances'), ('spam', 'Spam or advertising'), ('guidelines', "Breaks the group's guidelines"), ('other', 'Something else')], max_length=12)),
                        ('detail', models.TextField(blank=True, verbose_name='what happened (optional)')),
                        ('priority', models.BooleanField(default=False, help_text='At risk: moderators see it first.')),
                        ('status', models.CharField(choices=[('open', 'Waiting for a moderator'), ('actioned', 'Acted on'), ('dismissed', 'No action needed')], default='open', max_length=10)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('handled_at', models.DateTimeField(blank=True, null=True)),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='groups.group')),
                        ('handled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports_about', to=settings.AUTH_USER_MODEL)),
                        ('note', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='groups.supportnote')),
                        ('post', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='groups.post')),
                        ('reporter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports_made', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'safety_report',
                        'ordering': ['-priority', 'created_at', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='moderationaction',
                    name='report',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='moderation.report'),
                ),
                migrations.AddIndex(
                    model_name='report',
                    index=models.Index(fields=['status', 'group', 'priority'], name='report_queue'),
                ),
                migrations.AddIndex(
                    model_name='moderationaction',
                    index=models.Index(fields=['member', 'kind', 'until'], name='action_member_kind'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
