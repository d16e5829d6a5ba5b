"""Tokens get scopes. Tokens made before scopes existed could reach every route, and the member who made them may
rely on that in a script: they keep every scope (nothing breaks silently), and what made them dangerous is closed
for all tokens alike (no token reaches the token routes any more). The page shows each token's scopes, so a member
can revoke one and make a narrower one."""

from django.db import migrations, models

ALL_SCOPES = ["groups", "moderation", "people", "recovery:read", "recovery:write"]


def every_scope_for_existing_tokens(apps, schema_editor):
    apps.get_model("accounts", "PersonalAccessToken").objects.update(scopes=ALL_SCOPES)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_erase_encrypt_private_texts")]

    operations = [
        migrations.AddField(
            model_name="personalaccesstoken",
            name="scopes",
            field=models.JSONField(blank=True, default=list, help_text="TokenScope values.", verbose_name="scopes"),
        ),
        migrations.RunPython(every_scope_for_existing_tokens, migrations.RunPython.noop),
    ]
