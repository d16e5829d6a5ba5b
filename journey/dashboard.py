"""What the "My recovery" page shows, gathered in a fixed number of queries (about eight, whatever the history)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from . import charts
from .models import CheckIn, Checkup, Counter, Domain, Goal, GoalStatus, Slip
from .services.attendance import attendance_by_week

RANGES = (30, 90, 365)
WEEKS = 12


@dataclass
class Table:
    """A chart's text alternative: a caption, column headings and rows."""

    caption: str
    headings: list[str]
    rows: list[list]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _average(values: list[int]) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def mood_chart(user, today: date, days: int) -> tuple[charts.Chart, Table]:
    """Mood (1–5) and craving (0–10, drawn halved on the same 0–5 scale) per day — per week over a year — with
    slips marked."""
    start = today - timedelta(days=days - 1)
    rows = {
        c["date"]: c
        for c in CheckIn.objects.owned_by(user).filter(date__range=(start, today)).values("date", "mood", "craving")
    }
    slips = set(Slip.objects.filter(counter__user=user, date__range=(start, today)).values_list("date", flat=True))
    weekly = days > 90
    if weekly:
        buckets = []
        day = _monday(start)
        while day <= today:
            buckets.append((day, [day + timedelta(days=i) for i in range(7)]))
            day += timedelta(days=7)
    else:
        buckets = [(start + timedelta(days=i), [start + timedelta(days=i)]) for i in range(days)]
    labels, mood, craving, markers, table = [], [], [], [], []
    for index, (first, members) in enumerate(buckets):
        found = [rows[d] for d in members if d in rows]
        m = _average([r["mood"] for r in found])
        c = _average([r["craving"] for r in found])
        labels.append(f"{first.day}/{first.month}")
        mood.append(m)
        craving.append(c / 2 if c is not None else None)
        slipped = any(d in slips for d in members)
        if slipped:
            markers.append(index)
        if found or slipped:
            table.append([first, m if m is not None else "—", c if c is not None else "—", _("yes") if slipped else ""])
    chart = charts.Chart(
        chart_id="mood",
        title=_("Mood and craving, last %(days)d days") % {"days": days},
        description=_(
            "Mood from 1 (very low) to 5 (very good); craving from 0 to 10, drawn at half height on the same scale. "
            "Dotted vertical lines mark slips. The table below gives every value."
        ),
        labels=labels,
        series=[charts.Series(_("Mood (1–5)"), mood), charts.Series(_("Craving (0–10, halved)"), craving)],
        y_min=0,
        y_max=5,
        y_ticks=[0, 1, 2, 3, 4, 5],
        markers=markers,
        marker_label=_("A slip"),
    )
    heading = _("Week of") if weekly else _("Date")
    return chart, Table(chart.title, [heading, _("Mood"), _("Craving"), _("Slip")], table)


def domains_chart(user, today: date) -> tuple[charts.Chart, Table]:
    """The four domains (1–5, from check-ins), averaged per week over the last twelve weeks."""
    first = _monday(today) - timedelta(weeks=WEEKS - 1)
    weeks = [first + timedelta(weeks=i) for i in range(WEEKS)]
    names = [d.value for d in Domain]
    found: defaultdict[Any, defaultdict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in CheckIn.objects.owned_by(user).filter(date__range=(first, today)).values("date", *names):
        for name in names:
            found[_monday(row["date"])][name].append(row[name])
    series = [charts.Series(str(d.label), [_average(found[w][d.value]) for w in weeks]) for d in Domain]
    chart = charts.Chart(
        chart_id="domains",
        title=_("Health, Home, Purpose and Community, last %(weeks)d weeks") % {"weeks": WEEKS},
        description=_("Weekly average of how you rated each domain in your check-ins, from 1 to 5."),
        labels=[f"{w.day}/{w.month}" for w in weeks],
        series=series,
        y_min=1,
        y_max=5,
        y_ticks=[1, 2, 3, 4, 5],
    )
    rows = [
        [w, *[v if v is not None else "—" for v in values]]
        for w, *values in zip(weeks, *[s.values for s in series], strict=True)
        if any(v is not None for v in values)
    ]
    return chart, Table(chart.title, [_("Week of"), *[str(d.label) for d in Domain]], rows)


def attendance_chart(user, today: date):
    by_week = attendance_by_week(user, today=today, weeks=WEEKS)
    labels = [f"{w.day}/{w.month}" for w, _count in by_week]
    values = [count for _week, count in by_week]
    title = _("Meetings per week, last %(weeks)d weeks") % {"weeks": WEEKS}
    description = _("How many meetings you noted each week; the table below gives each number.")
    svg = charts.bar_chart("attendance", title, description, labels, values)
    return svg, Table(title, [_("Week of"), _("Meetings")], [[w, c] for w, c in by_week])


def overview(user, today: date, days: int) -> dict:
    counters = Counter.objects.owned_by(user).annotate(share_count=Count("shares"))
    mood, mood_table = mood_chart(user, today, days)
    domains, domains_table = domains_chart(user, today)
    attendance_svg, attendance_table = attendance_chart(user, today)
    goals = (
        Goal.objects.owned_by(user)
        .filter(status=GoalStatus.ACTIVE)
        .annotate(step_count=Count("steps"))
        .order_by("target_date", "pk")[:6]
    )
    return {
        "today": today,
        "days": days,
        "ranges": RANGES,
        "counters": [(c, c.summary(today)) for c in counters],
        "checked_in_today": CheckIn.objects.owned_by(user).filter(date=today).exists(),
        "mood_chart": mood,
        "mood_svg": charts.line_chart(mood) if mood.has_data() else None,
        "mood_legend": [{**item, "swatch": charts.legend_swatch(item)} for item in charts.legend(mood)],
        "mood_table": mood_table,
        "domains_svg": charts.line_chart(domains) if domains.has_data() else None,
        "domains_legend": [{**item, "swatch": charts.legend_swatch(item)} for item in charts.legend(domains)],
        "domains_table": domains_table,
        "attendance_svg": attendance_svg if any(r[1] for r in attendance_table.rows) else None,
        "attendance_table": attendance_table,
        "goals": goals,
        "last_checkup": Checkup.objects.owned_by(user).first(),
    }
