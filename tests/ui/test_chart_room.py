"""The dashboard's chart pages keep every label whole: a long source name gets the room it
needs left of its bar, in English and in Dutch words alike."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.dashboard import WeekView, week_view
from tracker.model import Block, Interruption
from tracker.report import week_reports
from tracker.settings import ModelParams
from ui.chart_style import LIGHT
from ui.charts_render import PageSpec, render_page

MONDAY = date(2026, 11, 16)


def _view(sources: tuple[str, ...]) -> WeekView:
    start = datetime(2026, 11, 16, 8, tzinfo=UTC)
    block = Block(
        start,
        start + timedelta(hours=4),
        interruptions=tuple(
            Interruption(start + timedelta(minutes=30 * (i + 1)), source=source)
            for i, source in enumerate(sources)
        ),
        timezone="UTC",
    )
    params = ModelParams()
    now = datetime(2026, 11, 23, tzinfo=UTC)
    trend = week_reports([block], params, "UTC", MONDAY - timedelta(weeks=11), 12, now)
    return week_view([block], trend, params, "UTC", MONDAY, now)


@pytest.mark.parametrize(
    "sources",
    [("product team", "meeting"), ("vergadering", "productteam"), ("the customer support desk",)],
)
def test_source_names_are_not_cut_off(sources: tuple[str, ...]) -> None:
    page = render_page(_view(sources), PageSpec("interruptions", 1000, 700, 1.0, LIGHT))
    renderer = page.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [
        label
        for ax in page.figure.axes
        for label in ax.get_yticklabels()
        if label.get_text() in sources
    ]
    assert {label.get_text() for label in labels} == set(sources)
    for label in labels:
        assert label.get_window_extent(renderer).x0 >= 0, label.get_text()
