"""The weekly report as a file (PNG, PDF or HTML), rendered headless: no Qt, no display.

``flowtally report --output`` and the dashboard's Export… both call :func:`render_report`, with
the same page composers the dashboard shows (:data:`ui.charts.PAGES`).
"""

import html
import io
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from tracker.dashboard import WeekView
from tracker.report import WeekReport, report_table
from ui.charts import LIGHT, PAGES, Theme, Translate, compose, identity

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure

FORMATS = ("png", "pdf", "html")
PAGE_SIZE = (11.0, 7.5)  # inches: landscape, fits A4 and Letter
DPI = 110
HEADLINE_NAMES = {
    "periods": "Uninterrupted periods",
    "e_factor": "E-factor",
    "flow_min": "Flow minutes",
    "longest_stretch_min": "Longest stretch (min)",
    "recovery_min": "Recovery minutes",
    "interruptions_per_hour": "Interruptions per hour",
}


def headline_line(view: WeekView, tr: Translate = identity) -> str:
    """The headline numbers in two lines, each with its change against the week before."""
    parts = []
    for h in view.headlines:
        value = (
            f"{h.value:.2f}"
            if h.name in ("e_factor", "interruptions_per_hour")
            else f"{h.value:.0f}"
        )
        change = (
            f"{h.change:+.2f}"
            if h.name in ("e_factor", "interruptions_per_hour")
            else f"{h.change:+.0f}"
        )
        parts.append(f"{tr(HEADLINE_NAMES[h.name])} {value} ({change})")
    return " · ".join(parts[:3]) + "\n" + " · ".join(parts[3:])


def _title(view: WeekView, tr: Translate = identity) -> str:
    return f"Flowtally · {view.report.week} · {view.report.timezone}\n{headline_line(view, tr)}"


def _figure(page: str, view: WeekView, theme: Theme, tr: Translate, title: bool) -> "Figure":
    from matplotlib.figure import Figure

    fig = Figure(figsize=PAGE_SIZE, dpi=DPI, layout="constrained")
    compose(fig, page, view, theme, tr)
    if title:
        fig.suptitle(
            _title(view, tr),
            fontsize=9,
            color=theme.foreground,
        )
    return fig


def render_report(view: WeekView, fmt: str, theme: Theme = LIGHT) -> bytes:
    """The report in ``fmt`` (one of :data:`FORMATS`).

    PDF: one page per dashboard page. PNG: the pages stacked in one image. HTML: one
    self-contained file with the numbers as a table and the charts as inline SVG.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    buffer = io.BytesIO()
    if fmt == "pdf":
        from matplotlib.backends.backend_pdf import PdfPages

        with PdfPages(buffer, metadata={"Title": f"Flowtally {view.report.week}"}) as pdf:
            for index, (page, _) in enumerate(PAGES):
                pdf.savefig(_figure(page, view, theme, identity, index == 0))
    elif fmt == "png":
        from matplotlib.figure import Figure

        fig = Figure(
            figsize=(PAGE_SIZE[0], PAGE_SIZE[1] * len(PAGES)), dpi=DPI, layout="constrained"
        )
        subfigures = cast("Sequence[SubFigure]", fig.subfigures(len(PAGES), 1))
        for sub, (page, _) in zip(subfigures, PAGES, strict=True):
            compose(sub, page, view, theme)
        fig.suptitle(
            _title(view),
            fontsize=10,
        )
        fig.savefig(buffer, format="png", facecolor=theme.background)
    else:
        buffer.write(_html(view, theme).encode())
    return buffer.getvalue()


def _settings_line(report: WeekReport) -> str:
    p = report.params
    return (
        f"Time zone {report.timezone}; ramp-up {p.ramp_up_min:g} min, "
        f"flow after {p.flow_after_min:g} min, periods of {p.min_period_min:g} min or more."
    )


def _html(view: WeekView, theme: Theme) -> str:
    report = view.report
    charts = []
    for page, _ in PAGES:
        svg = io.StringIO()
        _figure(page, view, theme, identity, False).savefig(svg, format="svg")
        text = svg.getvalue()
        charts.append(f'<section class="chart">{text[text.index("<svg") :]}</section>')
    headers, table = report_table(report)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    rows = [
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"
        for cells in table
    ]
    headlines = "".join(
        f"<li><strong>{html.escape(HEADLINE_NAMES[h.name])}</strong> "
        f"{h.value:.2f} <span>({h.change:+.2f} vs. the week before)</span></li>"
        for h in view.headlines
    )
    sources = "".join(
        f"<tr><td>{html.escape(s.source)}</td><td>{s.count}</td>"
        f"<td>{s.recovery / timedelta(minutes=1):.1f}</td></tr>"
        for s in view.sources
    )
    title = html.escape(f"Flowtally · {report.week}")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; background: {theme.background}; color: {theme.foreground};
       max-width: 1200px; margin: 2em auto; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid {theme.grid}; padding: 0.25em 0.6em; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
.chart svg {{ width: 100%; height: auto; }}
li span {{ opacity: 0.7; }}
</style></head><body>
<h1>{title}</h1>
<p>{html.escape(_settings_line(report))}</p>
<ul>{headlines}</ul>
<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>
<h2>Interruption sources by recovery caused</h2>
<table><thead><tr><th>Source</th><th>Interruptions</th><th>Recovery (min)</th></tr></thead>
<tbody>{sources}</tbody></table>
{"".join(charts)}
</body></html>
"""
