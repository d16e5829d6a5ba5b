"""Reports, actions and appeals now belong to the moderation app, blocks to accounts: safety forgets them. No table
is touched (see moderation 0001 and accounts 0004, which take them over in Django's state)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0004_seed_crisis_phrases"),
        ("moderation", "0001_initial"),
        ("accounts", "0004_block_moves_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Appeal"),
                migrations.DeleteModel(name="ModerationAction"),
                migrations.DeleteModel(name="Report"),
                migrations.DeleteModel(name="Block"),
            ],
            database_operations=[],
        ),
    ]
