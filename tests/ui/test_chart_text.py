"""User text in the charts is drawn as typed: a source such as ``$x$ cost`` is not TeX, and one
such as ``$\\notacommand$`` does not break the chart or the report."""

import pytest

from tests.ui.weeks import block_with_sources, week_of
from tracker.dashboard import WeekView
from ui.chart_style import LIGHT
from ui.charts import PAGES, compose
from ui.charts_export import render_report

SOURCES = ("$x$ cost", "$\\notacommand$")


def _view() -> WeekView:
    return week_of([block_with_sources(SOURCES, hours=3, every_min=40, task="$task$")])


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
