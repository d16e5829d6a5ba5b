import json
from datetime import timedelta

import pytest

from accounts.services import delete_account
from journey.models import Counter, Period, Slip, today_for
from journey.services import counters as services
from lib.personal_data import covered_models

pytestmark = pytest.mark.django_db


def test_every_journey_model_is_covered_by_the_export():
    assert {"journey.counter", "journey.period", "journey.slip"} <= covered_models()


def test_download_my_data_holds_my_counters_periods_and_slips_only(member_client, member, outsider):
    counter = services.create_counter(member, pathway="cannabis", start_date=today_for(member) - timedelta(days=9))
    services.record_slip(counter, today_for(member) - timedelta(days=2), what_happened="old friends")
    services.create_counter(outsider, pathway="custom", name="OUTSIDER-SECRET", start_date=today_for(outsider))

    data = json.loads(member_client.get("/me/data/download/").content)["data"]["recovery"]
    assert len(data) == 1
    assert data[0]["pathway"] == "cannabis"
    assert len(data[0]["periods"]) == 2 and data[0]["periods"][1]["end_date"] is None
    assert data[0]["slips"][0]["what_happened"] == "old friends"
    assert "OUTSIDER-SECRET" not in json.dumps(data)


def test_deleting_the_account_deletes_the_counters(member):
    counter = services.create_counter(member, pathway="alcohol", start_date=today_for(member))
    services.record_slip(counter, today_for(member))
    delete_account(member)
    assert not Counter.objects.exists() and not Period.objects.exists() and not Slip.objects.exists()
