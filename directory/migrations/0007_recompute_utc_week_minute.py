"""utc_week_minute now uses each zone's smallest offset sampled through the year (Morocco's Ramadan time was
missed by seasonal samples); recompute it for every meeting."""

from django.db import migrations


def recompute(apps, schema_editor):
    from directory.derived import utc_week_minute

    Meeting = apps.get_model("directory", "Meeting")
    batch = []
    for meeting in Meeting.objects.only("id", "day", "time", "timezone", "utc_week_minute").iterator(chunk_size=2000):
        value = utc_week_minute(meeting.day, meeting.time.hour, meeting.time.minute, meeting.timezone)
        if value != meeting.utc_week_minute:
            meeting.utc_week_minute = value
            batch.append(meeting)
        if len(batch) >= 2000:
            Meeting.objects.bulk_update(batch, ["utc_week_minute"])
            batch = []
    if batch:
        Meeting.objects.bulk_update(batch, ["utc_week_minute"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_meeting_text_index")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
