"""At-risk alerts: the kind of risk (never the words), first in every queue with the time waiting and who took it,
"I'll take this", and escalation to the site's moderators when nobody took the alert in time."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from conftest import client_for, make_member
from groups.models import GroupRole, Membership
from groups.signals import risk_written
from moderation import alerts, receivers
from moderation.models import Report, ReportReason, ReportStatus, RiskKind
from moderation.services import actions, taking
from moderation.tasks import escalate, escalate_alert, escalate_due_alerts
from moderation.tests.test_moderation_api import Api
from notifications.models import Notification
from safety.crisis import RISK_KINDS, CrisisCheck

pytestmark = pytest.mark.django_db

WORDS = "Tonight I took all of my pills with vodka"


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user, kind="at_risk_alert").values_list("text", flat=True))


def alert(world, *, kind="suicide", post=True, **fields) -> Report:
    return alerts.raise_at_risk_alert(
        world.writer, post=world.post if post else None, group=world.harbour, kind=kind, **fields
    )


def age(report: Report, minutes: int) -> Report:
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    report.refresh_from_db()
    return report


@pytest.fixture
def crisis(monkeypatch):
    """The detector says what kind of risk it found (the real one is being rebuilt)."""

    def use(kind: str, *, emergency: bool = False):
        result = CrisisCheck(at_risk=True, kind=kind, kinds=(kind,), emergency=emergency)
        monkeypatch.setattr(alerts, "check_text", lambda text, language=None: result)
        monkeypatch.setattr(receivers, "check_text", lambda text, language=None: result)

    return use


# --- The kind, in the report and the notification, never the words ----------------------------------------------


def test_the_kinds_are_the_detectors_kinds_with_their_labels():
    assert tuple(RiskKind.values) == RISK_KINDS
    assert RiskKind.OVERDOSE.label == "Overdose or medical emergency"
    assert RiskKind.HARM.label == "Harm from or to someone else"


def test_crisis_language_stores_the_kind_and_the_notification_names_it_not_the_words(group_world, crisis):
    crisis("overdose", emergency=True)
    group_world.post.body = WORDS
    alerts.alert_if_at_risk(group_world.writer, WORDS, post=group_world.post)
    report = Report.objects.get()
    assert report.risk_kind == "overdose"
    for user in (group_world.host, group_world.moderator):
        [text] = told(user)
        assert text == (
            "Urgent: someone may be at risk (overdose or medical emergency). Please look at the moderation queue."
        )
        for word in WORDS.split():
            if len(word) > 3:
                assert word.lower() not in text.lower()


def test_the_signal_from_a_post_carries_the_kind_found_in_the_saved_text(group_world, crisis):
    crisis("self_harm")
    risk_written.send(
        sender=type(group_world.post), member=group_world.writer, post=group_world.post, group=group_world.harbour
    )
    assert Report.objects.get().risk_kind == "self_harm"
    assert told(group_world.host) == [
        "Urgent: someone may be at risk (self-harm). Please look at the moderation queue."
    ]


def test_a_members_report_that_someone_may_be_at_risk_has_no_kind(member_client, group_world):
    member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": ReportReason.AT_RISK})
    report = Report.objects.get()
    assert report.priority and report.risk_kind == ""
    assert told(group_world.host) == ["Urgent: someone may be at risk. Please look at the moderation queue."]


def test_an_unknown_kind_is_not_stored(group_world):
    assert alert(group_world, kind="craving").risk_kind == ""


# --- Who is told first ---------------------------------------------------------------------------------------------


def test_a_group_alert_goes_to_the_groups_staff_first(group_world):
    report = alert(group_world)
    assert len(told(group_world.host)) == 1
    assert told(group_world.moderator) == [] and told(group_world.other_host) == []
    assert told(group_world.writer) == [] and told(group_world.reader) == []
    assert report.escalated_at is None


def test_a_group_without_staff_sends_the_alert_to_the_site_moderators_at_once(group_world):
    Membership.objects.filter(user=group_world.host).update(role=GroupRole.MEMBER)
    report = alert(group_world)
    assert len(told(group_world.moderator)) == 1 and report.escalated_at is not None


def test_the_person_at_risk_being_the_only_staff_counts_as_no_staff(group_world):
    Membership.objects.filter(user=group_world.host).update(role=GroupRole.MEMBER)
    Membership.objects.filter(user=group_world.writer).update(role=GroupRole.FACILITATOR)
    alert(group_world)
    assert told(group_world.writer) == [] and len(told(group_world.moderator)) == 1


def test_an_alert_outside_any_group_goes_to_the_site_moderators(group_world, member):
    report = alerts.ask_to_talk(member)
    assert len(told(group_world.moderator)) == 1 and report.escalated_at is not None


def test_an_overdose_goes_to_the_site_moderators_at_once_and_each_person_once(group_world):
    Membership.objects.create(group=group_world.harbour, user=group_world.moderator, role=GroupRole.MODERATOR)
    report = alert(group_world, kind="overdose")
    assert len(told(group_world.moderator)) == 1 and len(told(group_world.host)) == 1
    assert report.escalated_at is not None
    assert escalate_due_alerts(now=timezone.now() + timedelta(hours=1)) == 0


def test_an_emergency_of_another_kind_goes_to_the_site_moderators_at_once(group_world):
    alert(group_world, kind="suicide", emergency=True)
    assert len(told(group_world.moderator)) == 1


# --- Escalation ----------------------------------------------------------------------------------------------------


def test_escalation_happens_only_when_due_and_only_once(group_world, settings):
    settings.RISK_ALERT_ESCALATE_MINUTES = 10
    report = alert(group_world)
    assert escalate_due_alerts(now=report.created_at + timedelta(minutes=9)) == 0
    assert told(group_world.moderator) == []
    assert escalate_due_alerts(now=report.created_at + timedelta(minutes=10, seconds=1)) == 1
    assert escalate_due_alerts(now=report.created_at + timedelta(minutes=30)) == 0
    [text] = told(group_world.moderator)
    assert text == "Urgent, not taken yet: someone may be at risk (suicide). Please look at the moderation queue."
    assert len(told(group_world.host)) == 1  # the group's staff are not told again
    report.refresh_from_db()
    assert report.escalated_at == report.created_at + timedelta(minutes=10, seconds=1)


def test_the_task_rechecks_the_time_and_the_command_never_notifies_twice(group_world, settings):
    settings.RISK_ALERT_ESCALATE_MINUTES = 5
    report = alert(group_world)
    # Under tests the immediate backend runs the task at once: it finds the alert not yet due.
    assert escalate_alert.enqueue(report.pk).return_value == "not due"
    assert told(group_world.moderator) == []
    age(report, 6)
    assert escalate_alert.enqueue(report.pk).return_value == "escalated"
    assert escalate_alert.enqueue(report.pk).return_value == "already escalated"
    call_command("escalate_risk_alerts", stdout=(out := StringIO()))
    assert "escalated: 0" in out.getvalue()
    assert escalate(report.pk, now=timezone.now()) is False
    assert len(told(group_world.moderator)) == 1


def test_the_command_escalates_every_due_alert(group_world, member):
    first, second = age(alert(group_world), 20), age(alert(group_world, kind="harm"), 15)
    fresh = alert(group_world)
    out = StringIO()
    call_command("escalate_risk_alerts", stdout=out)
    assert "escalated: 2" in out.getvalue()
    assert len(told(group_world.moderator)) == 2
    assert {r.pk for r in Report.objects.filter(escalated_at__isnull=False)} == {first.pk, second.pk}
    assert Report.objects.get(pk=fresh.pk).escalated_at is None


def test_a_taken_alert_does_not_escalate(group_world):
    report = alert(group_world)
    taking.take_alert(report, group_world.host)
    age(report, 60)
    assert escalate_due_alerts() == 0
    assert escalate_alert.enqueue(report.pk).return_value == "taken"
    assert told(group_world.moderator) == []


def test_a_handled_alert_does_not_escalate(group_world):
    report = alert(group_world)
    actions.dismiss_report(group_world.host, report)
    age(report, 60)
    assert escalate_due_alerts() == 0 and told(group_world.moderator) == []


def test_an_alert_handed_back_escalates_when_due(group_world):
    report = alert(group_world)
    taking.take_alert(report, group_world.host)
    taking.release_alert(report, group_world.host)
    age(report, 60)
    assert escalate_due_alerts() == 1 and len(told(group_world.moderator)) == 1


# --- Taking an alert -----------------------------------------------------------------------------------------------


def test_take_alert_records_who_and_when_and_never_silently_overwrites(group_world):
    report = alert(group_world)
    taking.take_alert(report, group_world.host)
    assert report.taken_by == group_world.host and report.taken_at is not None
    assert taking.take_alert(report, group_world.host).taken_by == group_world.host  # again: harmless
    with pytest.raises(taking.AlreadyTaken) as already:
        taking.take_alert(Report.objects.get(pk=report.pk), group_world.moderator)
    assert already.value.report.taken_by == group_world.host
    assert Report.objects.get(pk=report.pk).taken_by == group_world.host


def test_only_the_taker_hands_an_alert_back(group_world):
    report = alert(group_world)
    taking.take_alert(report, group_world.host)
    with pytest.raises(ValidationError):
        taking.release_alert(report, group_world.moderator)
    report = taking.release_alert(report, group_world.host)
    assert report.taken_by is None and report.taken_at is None


def test_who_may_not_moderate_the_group_cannot_take_its_alert(group_world, outsider):
    report = alert(group_world)
    for user in (outsider, group_world.other_host, group_world.reader):
        with pytest.raises(PermissionDenied):
            taking.take_alert(report, user)
    assert Report.objects.get(pk=report.pk).taken_by is None


def test_a_closed_report_or_an_ordinary_report_is_not_taken(group_world, report):
    with pytest.raises(ValidationError):
        taking.take_alert(report, group_world.host)
    urgent = alert(group_world)
    actions.dismiss_report(group_world.moderator, urgent)
    with pytest.raises(ValidationError):
        taking.take_alert(urgent, group_world.host)


def test_handling_an_untaken_alert_takes_it(group_world):
    report = alert(group_world)
    actions.dismiss_report(group_world.host, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED and report.taken_by == group_world.host
    acted = alert(group_world)
    taking.take_alert(acted, group_world.host)
    actions.take_action(
        group_world.moderator, kind="warn", member=group_world.writer, reason="Checking in.", report=acted
    )
    acted.refresh_from_db()
    assert acted.status == ReportStatus.ACTIONED and acted.taken_by == group_world.host  # not overwritten


def test_the_take_button_works_without_javascript(group_world):
    report = alert(group_world)
    host = client_for(group_world.host)
    response = host.post(f"/moderation/reports/{report.pk}/take/", {"next": "/groups/harbour/moderation/"})
    assert response.status_code == 302 and response["Location"] == "/groups/harbour/moderation/"
    assert Report.objects.get(pk=report.pk).taken_by == group_world.host
    again = client_for(group_world.moderator).post(f"/moderation/reports/{report.pk}/take/", follow=True)
    assert "Hana has already taken this alert." in again.content.decode()
    assert Report.objects.get(pk=report.pk).taken_by == group_world.host
    assert host.get(f"/moderation/reports/{report.pk}/take/").status_code == 405
    # A next address on another site is not followed.
    evil = host.post(f"/moderation/reports/{report.pk}/release/", {"next": "https://evil.example/"})
    assert evil["Location"] == f"/moderation/reports/{report.pk}/"
    assert Report.objects.get(pk=report.pk).taken_by is None


def test_an_outsider_cannot_take_an_alert_on_the_page_or_the_api(group_world, outsider):
    report = alert(group_world)
    for user in (outsider, group_world.other_host, group_world.reader):
        assert client_for(user).post(f"/moderation/reports/{report.pk}/take/").status_code == 404
        assert Api(user).post(f"/reports/{report.pk}/take", {}).status_code == 404
    assert Report.objects.get(pk=report.pk).taken_by is None


def test_the_api_takes_an_alert_and_says_who_has_it(group_world):
    report = alert(group_world)
    response = Api(group_world.host).post(f"/reports/{report.pk}/take", {})
    assert response.status_code == 200
    body = response.json()
    assert body["taken_by"]["display_name"] == "Hana" and body["risk_kind"] == "suicide"
    assert body["risk_kind_label"] == "Suicide" and body["waiting_seconds"] >= 0
    conflict = Api(group_world.moderator).post(f"/reports/{report.pk}/take", {})
    assert conflict.status_code == 409 and "Hana" in conflict.json()["message"]
    assert Api(group_world.moderator).delete(f"/reports/{report.pk}/take").status_code == 400
    released = Api(group_world.host).delete(f"/reports/{report.pk}/take")
    assert released.status_code == 200 and released.json()["taken_by"] is None


# --- First in every queue, with the kind, the time waiting and who took it ---------------------------------------


def _ordinary_reports(world, count):
    reporters = [make_member(f"reporter{i}") for i in range(count)]
    Report.objects.bulk_create(
        Report(
            reporter=user,
            member=world.writer,
            group=world.harbour,
            reason="spam",
            created_at=timezone.now() - timedelta(days=2),
        )
        for user in reporters
    )


def test_the_site_and_group_queues_show_the_alert_first_even_when_paged(group_world):
    _ordinary_reports(group_world, 55)
    closed = alert(group_world, kind="harm", post=False)
    actions.dismiss_report(group_world.moderator, closed)
    report = age(alert(group_world, post=False), 12)
    for user, url in (
        (group_world.moderator, "/moderation/"),
        (group_world.host, "/groups/harbour/moderation/"),
    ):
        page = client_for(user).get(url)
        rows = page.context["rows"]
        assert rows[0][0].pk == report.pk and len(rows) == 50
        html = page.content.decode()
        assert "Suicide" in html and "Waiting 12\xa0minutes" in html and "Not taken yet" in html
        assert "I&#x27;ll take this" in html or "I'll take this" in html
        assert f'action="/moderation/reports/{report.pk}/take/"' in html
        second = client_for(user).get(url + "?page=2")
        assert report.pk not in [r.pk for r, _h in second.context["rows"]]
        assert closed.pk not in [r.pk for r, _h in second.context["rows"]]


def test_the_queue_says_who_took_the_alert_and_offers_the_taker_to_hand_it_back(group_world):
    report = alert(group_world)
    taking.take_alert(report, group_world.host)
    Report.objects.filter(pk=report.pk).update(taken_at=timezone.now() - timedelta(minutes=3))
    html = client_for(group_world.moderator).get("/moderation/").content.decode()
    assert "Taken by Hana (@host) 3\xa0minutes ago" in html
    assert f"/moderation/reports/{report.pk}/take/" not in html and "Hand it back" not in html
    mine = client_for(group_world.host).get("/groups/harbour/moderation/").content.decode()
    assert f'action="/moderation/reports/{report.pk}/release/"' in mine


def test_the_report_page_shows_the_kind_and_the_take_button(group_world):
    report = alert(group_world, kind="overdose")
    html = client_for(group_world.host).get(f"/moderation/reports/{report.pk}/").content.decode()
    assert "Overdose or medical emergency" in html and "Not taken yet" in html
    assert f'action="/moderation/reports/{report.pk}/take/"' in html


def test_the_member_page_for_moderators_lists_open_alerts_first(group_world, member):
    older = Report.objects.create(reporter=member, member=group_world.writer, group=group_world.harbour, reason="spam")
    urgent = age(alert(group_world, post=False), 30)
    newer = Report.objects.create(
        reporter=group_world.reader, member=group_world.writer, group=group_world.harbour, reason="hate"
    )
    page = client_for(group_world.moderator).get("/moderation/members/writer/")
    assert [r.pk for r in page.context["reports"]] == [urgent.pk, newer.pk, older.pk]


def test_the_api_list_puts_open_alerts_first_even_with_all_and_paged(group_world):
    _ordinary_reports(group_world, 8)
    closed = alert(group_world, kind="harm", post=False)
    actions.dismiss_report(group_world.moderator, closed)
    urgent = alert(group_world, post=False)
    for status in ("open", "all"):
        body = Api(group_world.moderator).get(f"/reports?status={status}&limit=3").json()
        first = body["items"][0]
        assert first["id"] == urgent.pk and first["risk_kind"] == "suicide" and first["taken_by"] is None
        later = Api(group_world.moderator).get(f"/reports?status={status}&limit=3&page=2").json()
        assert urgent.pk not in [item["id"] for item in later["items"]]
    group = Api(group_world.host).get("/reports?limit=2").json()
    assert group["items"][0]["id"] == urgent.pk


def test_the_member_never_sees_an_alert_about_them(group_world):
    alert(group_world, kind="overdose")
    writer = client_for(group_world.writer)
    html = writer.get("/me/moderation/").content.decode()
    assert "Overdose" not in html and "at risk" not in html
    assert Api(group_world.writer).get("/reports").json()["count"] == 0
    assert writer.get("/moderation/").status_code == 404


def test_the_demo_queue_has_an_open_alert_waiting(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    [report] = Report.objects.filter(priority=True, status=ReportStatus.OPEN)
    assert report.risk_kind in ("overdose", "suicide") and report.taken_by is None
    assert timezone.now() - report.created_at >= timedelta(minutes=5)
