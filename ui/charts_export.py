"""The weekly report as a file (PNG, PDF or HTML), rendered headless: no Qt, no display.

``flowtally report --output`` and the dashboard's Export… both call :func:`render_report`, with
the same page composers the dashboard shows (:data:`ui.charts.PAGES`).
"""

import html
import io
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from tracker.dashboard import HeadlineName, WeekView
from tracker.i18n import language as language_of_words
from tracker.report import WeekReport, report_table, task_table
from ui.chart_style import LIGHT, Theme, Translate, headline_number, words
from ui.charts import PAGES, compose

if TYPE_CHECKING:
    from matplotlib.figure import Figure, FigureBase, SubFigure

FORMATS = ("png", "pdf", "html")
PAGE_SIZE = (11.0, 7.5)  # inches: landscape, fits A4 and Letter
DPI = 110
HEADLINE_NAMES = {
    HeadlineName.PERIODS: "Uninterrupted periods",
    HeadlineName.E_FACTOR: "E-factor",
    HeadlineName.FLOW_MIN: "Flow minutes",
    HeadlineName.LONGEST_STRETCH_MIN: "Longest stretch (min)",
    HeadlineName.RECOVERY_MIN: "Recovery minutes",
    HeadlineName.INTERRUPTIONS_PER_HOUR: "Interruptions per hour",
}


def headline_line(view: WeekView, tr: Translate = words) -> str:
    """The headline numbers in two lines, each with its change against the week before."""
    parts = [
        f"{tr(HEADLINE_NAMES[h.name])} {headline_number(h.name, h.value)} "
        f"({headline_number(h.name, h.change, signed=True)})"
        for h in view.headlines
    ]
    return " · ".join(parts[:3]) + "\n" + " · ".join(parts[3:])


def _title(view: WeekView, tr: Translate = words) -> str:
    return f"Flowtally · {view.report.week} · {view.report.timezone}\n{headline_line(view, tr)}"


def _task_figure(view: WeekView, theme: Theme) -> "Figure":
    """The week by task as a table page (the PDF's and the PNG's per-task breakdown)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=PAGE_SIZE, dpi=DPI, layout="constrained")
    _task_table(fig, view, theme)
    return fig


TABLE_TITLE_IN = 0.6
TABLE_ROW_IN = 0.28
"""A table row's height at the table's font size, and the title's with the space around it."""


def table_height(view: WeekView) -> float:
    """The inches the week by task needs: its title, its header and a line per task."""
    _headers, rows = task_table(view.report)
    return TABLE_TITLE_IN + TABLE_ROW_IN * (max(len(rows), 1) + 1)


def _task_table(fig: "FigureBase", view: WeekView, theme: Theme) -> None:
    headers, rows = task_table(view.report)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(words("By task"), color=theme.foreground, loc="left")
    if not rows:
        ax.text(0, 0.9, words("No focus blocks this week."), color=theme.foreground)
        return
    shown = ax.table(cellText=rows, colLabels=headers, loc="upper left", cellLoc="right")
    for (row, column), cell in shown.get_celld().items():
        cell.set_edgecolor(theme.grid)
        cell.set_facecolor(theme.background)
        cell.get_text().set_color(theme.foreground)
        if column == 0:
            cell.get_text().set_horizontalalignment("left")
        if row == 0:
            cell.get_text().set_fontweight("bold")


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
                pdf.savefig(_figure(page, view, theme, words, index == 0))
            pdf.savefig(_task_figure(view, theme))
    elif fmt == "png":
        from matplotlib.figure import Figure

        # The week by task gets the height its rows need: a page's height under a short table
        # was a large blank area.
        heights = [PAGE_SIZE[1]] * len(PAGES) + [table_height(view)]
        fig = Figure(figsize=(PAGE_SIZE[0], sum(heights)), dpi=DPI, layout="constrained")
        subfigures = cast(
            "Sequence[SubFigure]", fig.subfigures(len(heights), 1, height_ratios=heights)
        )
        for sub, (page, _) in zip(subfigures, PAGES, strict=False):
            compose(sub, page, view, theme)
        _task_table(subfigures[-1], view, theme)
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
    return words(
        "Time zone {zone}; ramp-up {ramp_up:g} min, flow after {flow_after:g} min, "
        "periods of {period:g} min or more."
    ).format(
        zone=report.timezone,
        ramp_up=p.ramp_up_min,
        flow_after=p.flow_after_min,
        period=p.min_period_min,
    )


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"
        for cells in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(view: WeekView, theme: Theme) -> str:
    report = view.report
    charts = []
    for page, _ in PAGES:
        svg = io.StringIO()
        _figure(page, view, theme, words, False).savefig(svg, format="svg")
        text = svg.getvalue()
        charts.append(f'<section class="chart">{text[text.index("<svg") :]}</section>')
    against = words("vs. the week before")
    headlines = "".join(
        f"<li><strong>{html.escape(words(HEADLINE_NAMES[h.name]))}</strong> "
        f"{headline_number(h.name, h.value)} <span>("
        f"{headline_number(h.name, h.change, signed=True)} {html.escape(against)})</span></li>"
        for h in view.headlines
    )
    sources = _html_table(
        [words("Source"), words("Interruptions"), words("Recovery (min)")],
        [
            [words(s.source), str(s.count), f"{s.recovery / timedelta(minutes=1):.0f}"]
            for s in view.sources
        ],
    )
    title = html.escape(f"Flowtally · {report.week}")
    language = html.escape(language_of_words())
    return f"""<!doctype html>
<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>
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
{_html_table(*report_table(report))}
<h2>{html.escape(words("By task"))}</h2>
{_html_table(*task_table(report))}
<h2>{html.escape(words("Interruption sources by recovery caused"))}</h2>
{sources}
{"".join(charts)}
</body></html>
"""
