"""Time without interruption records on the Day timeline: its own hatched bar, and a hatched
key in the legend, so it never reads as a pause or as focus."""

from datetime import UTC, datetime, timedelta

from tests.ui.weeks import week_of
from tracker.model import Block
from ui.chart_style import LIGHT
from ui.charts import PAGES, compose


def test_unrecorded_time_is_a_hatched_bar_of_its_own() -> None:
    from matplotlib.figure import Figure

    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    view = week_of(
        [
            Block(nine, nine + timedelta(hours=1)),
            Block(
                nine + timedelta(hours=2), nine + timedelta(hours=5), interruptions_recorded=False
            ),
        ]
    )
    page = next(name for name, _ in PAGES if "timeline" in name)
    figure = Figure()
    compose(figure, page, view, LIGHT)
    figure.canvas.draw()
    (ax,) = [a for a in figure.axes if a.get_legend() is not None]
    bars = {artist.get_gid(): artist for artist in ax.collections if artist.get_gid()}
    assert bars["0:unrecorded"].get_hatch() == "///"
    assert bars["0:flow"].get_hatch() is None
    legend = ax.get_legend()
    assert legend is not None
    keys = {patch.get_label(): patch for patch in legend.get_patches()}
    assert keys["no interruption data"].get_hatch() == "///"
