"""The dashboard's chart pages keep every label whole: a long source name gets the room it
needs left of its bar, in English and in Dutch words alike."""

import pytest

from tests.ui.weeks import block_with_sources, week_of
from tracker.dashboard import WeekView
from ui.chart_style import LIGHT
from ui.charts_render import PageSpec, render_page


def _view(sources: tuple[str, ...]) -> WeekView:
    return week_of([block_with_sources(sources, hours=4, every_min=30)])


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
