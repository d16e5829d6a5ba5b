from django.db import migrations


def load(apps, schema_editor):
    from directory.vocabularies import load as load_vocabularies

    load_vocabularies(apps.get_model("directory", "Program"), apps.get_model("directory", "MeetingType"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_sources_types_meeting_details")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
