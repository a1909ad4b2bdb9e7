"""User text in the charts is drawn as typed: a source such as ``$x$ cost`` is not TeX, and one
such as ``$\\notacommand$`` does not break the chart or the report."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.dashboard import WeekView, week_view
from tracker.model import Block, Interruption
from tracker.report import week_reports
from tracker.settings import ModelParams
from ui.chart_style import LIGHT
from ui.charts import PAGES, compose
from ui.charts_export import render_report

SOURCES = ("$x$ cost", "$\\notacommand$")
MONDAY = date(2026, 11, 16)


def _view() -> WeekView:
    start = datetime(2026, 11, 16, 8, tzinfo=UTC)
    block = Block(
        start,
        start + timedelta(hours=3),
        "$task$",
        interruptions=tuple(
            Interruption(start + timedelta(minutes=40 * (i + 1)), source=source)
            for i, source in enumerate(SOURCES)
        ),
        timezone="UTC",
    )
    params = ModelParams()
    now = datetime(2026, 11, 23, tzinfo=UTC)
    first = MONDAY - timedelta(weeks=11)
    trend = week_reports([block], params, "UTC", first, 12, now)
    return week_view([block], trend, params, "UTC", MONDAY, now)


@pytest.mark.parametrize("page", [name for name, _ in PAGES])
def test_every_page_draws_user_text_literally(page: str) -> None:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    figure = Figure()
    compose(figure, page, _view(), LIGHT)
    figure.canvas.draw()  # mathtext would fail here on the unknown command
    every = [*figure.findobj(Text)]
    for ax in figure.axes:
        every += [*ax.get_xticklabels(), *ax.get_yticklabels()]
    texts = [t for t in every if any(s in t.get_text() for s in SOURCES)]
    assert all(not t.get_parse_math() for t in texts)
    if page == "interruptions":
        assert {t.get_text() for t in texts} >= set(SOURCES)


@pytest.mark.parametrize("fmt", ["png", "pdf", "html"])
def test_a_report_with_dollar_signs_is_written(fmt: str) -> None:
    assert render_report(_view(), fmt)
