"""A dashboard page rendered to pixels off the GUI thread (matplotlib's Agg, no Qt).

Drawing a page of charts takes a few hundred milliseconds; the dashboard's worker thread does
it, ahead of time for the week the user is likely to open next, and the window only paints the
finished image. The figure is kept with the pixels, so what was drawn can be checked through
its artists.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tracker.dashboard import Bar, Mark, WeekView
from tracker.types import SegmentKind
from ui.chart_style import Theme, Translate, words
from ui.chart_timeline import TIMELINE_LABEL
from ui.charts import compose

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MARK_REACH_PX = 8.0
SOURCE_CHAR_PX = 7.0
"""About how wide a character of an 8 pt tick label is, in logical pixels (DejaVu Sans)."""
# Margins in logical pixels (left, right, top, bottom) and the gaps between charts: fixed
# margins cost nothing, while matplotlib's constrained layout doubles the time a page takes.
MARGINS = {
    "week": (64, 16, 28, 44, 0.55, 0.2),
    "interruptions": (72, 16, 28, 44, 0.5, 0.25),
    "trend": (64, 64, 28, 48, 0.2, 0.2),
    "timeline": (72, 16, 28, 96, 0.2, 0.2),
}


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Which page, at what size (logical pixels and device pixel ratio), in which colours."""

    page: str
    width: int
    height: int
    ratio: float
    theme: Theme


@dataclass(frozen=True, slots=True)
class RenderedPage:
    spec: PageSpec
    monday: date
    view: WeekView
    rgba: bytes
    pixel_width: int
    pixel_height: int
    marks: tuple[tuple[float, float, Mark], ...]
    """Interruption marks of the day timeline at their logical pixel positions (y down)."""
    figure: "Figure"
    unrecorded: tuple[tuple[float, float, float, float, Bar], ...] = ()
    """Time without interruption records on the day timeline: its rectangles in logical
    pixels (left, top, right, bottom), whose hover text says so and names the tool."""

    def unrecorded_at(self, x: float, y: float) -> Bar | None:
        """The unrecorded bar under a point on the page, if any."""
        return next(
            (bar for x0, y0, x1, y1, bar in self.unrecorded if x0 <= x <= x1 and y0 <= y <= y1),
            None,
        )

    def mark_near(self, x: float, y: float) -> Mark | None:
        """The mark within a few pixels of a point on the page, if any."""
        best: tuple[float, Mark] | None = None
        for mx, my, mark in self.marks:
            distance = ((mx - x) ** 2 + (my - y) ** 2) ** 0.5
            if distance <= MARK_REACH_PX and (best is None or distance < best[0]):
                best = (distance, mark)
        return best[1] if best is not None else None


def warm_up() -> None:
    """Import the drawing library ahead of the first page: a page is asked for only once the
    window is laid out and its size known, and the import, the larger part of the first
    drawing, need not wait for that."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401


def render_page(view: WeekView, spec: PageSpec, tr: Translate = words) -> RenderedPage:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width, height = max(spec.width, 320), max(spec.height, 240)
    figure = Figure(figsize=(width / 100, height / 100), dpi=100 * spec.ratio)
    left, right, top, bottom, hspace, wspace = MARGINS[spec.page]
    if spec.page == "interruptions":  # the sources' names, whole, left of their bars
        longest = max((len(tr(s.source)) for s in view.sources[:10]), default=0)
        left = max(left, 16 + round(longest * SOURCE_CHAR_PX))
    figure.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        hspace=hspace,
        wspace=wspace,
    )
    canvas = FigureCanvasAgg(figure)
    compose(figure, spec.page, view, spec.theme, tr)
    canvas.draw()
    pixel_width, pixel_height = canvas.get_width_height(physical=True)
    marks: list[tuple[float, float, Mark]] = []
    unrecorded: list[tuple[float, float, float, float, Bar]] = []
    timeline = next((a for a in figure.axes if a.get_label() == TIMELINE_LABEL), None)
    if timeline is not None:

        def at(hour: float, row: float) -> tuple[float, float]:
            px, py = timeline.transData.transform((hour, row))
            return px / spec.ratio, (pixel_height - py) / spec.ratio

        for row, picture in enumerate(view.days):
            marks += [(*at(mark.at_h, row - 0.45), mark) for mark in picture.marks]
            for bar in picture.bars:
                if bar.kind is SegmentKind.UNRECORDED:
                    (x0, y0), (x1, y1) = at(bar.start_h, row - 0.35), at(bar.end_h, row + 0.35)
                    unrecorded.append((x0, min(y0, y1), x1, max(y0, y1), bar))
    return RenderedPage(
        spec=spec,
        monday=view.report.days[0][0],
        view=view,
        rgba=bytes(canvas.buffer_rgba()),
        pixel_width=pixel_width,
        pixel_height=pixel_height,
        marks=tuple(marks),
        figure=figure,
        unrecorded=tuple(unrecorded),
    )
