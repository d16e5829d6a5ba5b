"""Each username's confusable skeleton (lib.skeleton), unique: nullable column, backfill, then the constraint.

When two existing members already share a skeleton ("River" and "rıver"), the older keeps it and the newer is left
null (a unique column allows many nulls on SQLite and PostgreSQL); neither is renamed."""

from django.db import migrations, models

from lib.skeleton import skeleton


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    seen: set[str] = set()
    changed = []
    for user in User.objects.order_by("pk").only("pk", "username").iterator(chunk_size=2000):
        value = skeleton(user.username)
        if value in seen:
            continue
        seen.add(value)
        user.username_skeleton = value
        changed.append(user)
    User.objects.bulk_update(changed, ["username_skeleton"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_member_country"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(editable=False, max_length=600, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(editable=False, max_length=600, null=True, unique=True),
        ),
    ]
