"""Charts drawn on the server as inline SVG: no script, no library, nothing fetched. Each chart has a title and a
description for screen readers, and the page shows the same figures in a table (the text alternative).

Series are told apart by colour AND by line style and point shape, never by colour alone.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 36
# Colours with at least 4.5:1 contrast on white; dashes and shapes differ too.
STYLES = [
    {"colour": "#1f4e79", "dash": "", "shape": "circle"},
    {"colour": "#a33b00", "dash": "6 4", "shape": "square"},
    {"colour": "#2e6b30", "dash": "2 3", "shape": "triangle"},
    {"colour": "#6a3d9a", "dash": "10 3 2 3", "shape": "diamond"},
]
SLIP_COLOUR = "#6b6b6b"


@dataclass
class Series:
    name: str
    values: list[float | None]  # one per x label; None leaves a gap


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str
    labels: list[str]  # x axis, one per value
    series: list[Series]
    y_min: float
    y_max: float
    y_ticks: list[float]
    markers: list[int] = field(default_factory=list)  # x indexes to mark (slips)
    marker_label: str = ""

    def has_data(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, chart: Chart) -> float:
    span = HEIGHT - TOP - BOTTOM
    return TOP + span * (1 - (value - chart.y_min) / ((chart.y_max - chart.y_min) or 1))


def _point(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z" fill="{colour}"/>'
    if shape == "diamond":
        path = f"M{x:.1f} {y - 4:.1f}L{x + 4:.1f} {y:.1f}L{x:.1f} {y + 4:.1f}L{x - 4:.1f} {y:.1f}Z"
        return f'<path d="{path}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'


def _x_label_every(count: int) -> int:
    return max(1, round(count / 8))


def line_chart(chart: Chart) -> SafeString:
    """An SVG line chart of `chart.series` over `chart.labels`, with vertical marks at `chart.markers`."""
    count = len(chart.labels)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart.chart_id}-t {chart.chart_id}-d" focusable="false">',
        f'<title id="{chart.chart_id}-t">{escape(chart.title)}</title>',
        f'<desc id="{chart.chart_id}-d">{escape(chart.description)}</desc>',
    ]
    for tick in chart.y_ticks:
        y = _y(tick, chart)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{tick:g}</text>'
        )
    every = _x_label_every(count)
    for index, label in enumerate(chart.labels):
        if index % every == 0 or index == count - 1:
            x = _x(index, count)
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" fill="#333">'
                f"{escape(label)}</text>"
            )
    for index in chart.markers:
        x = _x(index, count)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="{SLIP_COLOUR}" '
            f'stroke-dasharray="1 3" stroke-width="2"><title>{escape(chart.marker_label)}</title></line>'
        )
    for number, series in enumerate(chart.series):
        style = STYLES[number % len(STYLES)]
        runs: list[list[tuple[float, float]]] = []
        run: list[tuple[float, float]] = []
        for index, value in enumerate(series.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((_x(index, count), _y(value, chart)))
        if run:
            runs.append(run)
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        for points in runs:
            if len(points) > 1:
                path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(points))
                parts.append(f'<path d="{path}" fill="none" stroke="{style["colour"]}" stroke-width="2"{dash}/>')
            parts.extend(_point(style["shape"], x, y, style["colour"]) for x, y in points)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)


def legend(chart: Chart) -> list[dict]:
    """Name, colour, dash and shape of each series, for the HTML legend next to the chart."""
    return [{"name": s.name, **STYLES[i % len(STYLES)]} for i, s in enumerate(chart.series)]


def legend_swatch(style: dict) -> SafeString:
    line = f'<line x1="2" x2="26" y1="8" y2="8" stroke="{style["colour"]}" stroke-width="2"'
    line += f' stroke-dasharray="{style["dash"]}"/>' if style["dash"] else "/>"
    point = _point(style["shape"], 14, 8, style["colour"])
    svg = f'<svg width="28" height="16" aria-hidden="true" focusable="false">{line}{point}</svg>'
    return mark_safe(svg)  # noqa: S308 (no member text)


def bar_chart(chart_id: str, title: str, description: str, labels: list[str], values: list[int]) -> SafeString:
    """An SVG bar chart (counts per week); each bar carries its number above it."""
    top = max([*values, 1])
    count = len(values)
    slot = (WIDTH - LEFT - RIGHT) / max(count, 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        'focusable="false">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="#6b6b6b"/>',
    ]
    every = _x_label_every(count)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = (HEIGHT - TOP - BOTTOM - 14) * value / top
        x = LEFT + index * slot + slot * 0.15
        y = HEIGHT - BOTTOM - height
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}" fill="#1f4e79"/>')
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="11" fill="#333">'
            f"{value}</text>"
        )
        if index % every == 0 or index == count - 1:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" '
                f'fill="#333">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (labels escaped above)
