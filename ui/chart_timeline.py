"""The day timeline: each day a row, its blocks coloured by phase, pauses grey, the
interruptions as marks, each block's task written on it where it fits."""

from typing import TYPE_CHECKING

from tracker.dashboard import WeekView
from tracker.types import Kind
from ui.chart_style import (
    HATCH_COLOUR,
    KIND_COLOURS,
    SEGMENT_COLOURS,
    SEGMENT_HATCHES,
    Theme,
    Translate,
    days_axis,
    segment_name,
    style,
    words,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

TIMELINE_LABEL = "timeline"
"""The label of the timeline's axes, by which hover code finds it in its figure."""


def draw_timeline(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    """Each day as a row: blocks coloured by phase, pauses grey, interruptions as marks."""
    ax.set_label(TIMELINE_LABEL)
    starts = [b.start_h for d in view.days for b in d.bars]
    ends = [b.end_h for d in view.days for b in d.bars]
    # The hours that hold blocks, with an hour of margin: a working day, not a mostly empty 24.
    first = max(0, int(min(starts, default=8.0)) - 1)
    last = min(max(ends, default=18.0) + 1, max([24.0, *ends]))
    last = max(last, first + 8)
    _days(ax, view, theme)
    ax.set_xlim(first, last)
    ax.set_ylim(6.7, -0.8)
    days_axis(ax, view, theme, axis="y")
    _task_names(ax, view, first, last)
    _now(ax, view, theme, tr)
    ticks = range(first, int(last) + 1)
    ax.set_xticks(ticks, [f"{h % 24:02d}" for h in ticks])
    style(ax, theme, tr("Day timeline"), tr("hour of day (local time)"), "")
    ax.grid(axis="x", color=theme.grid, linewidth=0.6)
    ax.grid(axis="y", visible=False)
    _legend_below(ax, theme, tr)


def _days(ax: "Axes", view: WeekView, theme: Theme) -> None:
    """The bars and the interruptions' marks, a row per day; each artist's ``gid`` says
    its row and what it is (hover code and tests find them by it)."""
    for row, picture in enumerate(view.days):
        for kind, colour in SEGMENT_COLOURS.items():
            spans = [(b.start_h, b.end_h - b.start_h) for b in picture.bars if b.kind is kind]
            if spans:
                hatch = SEGMENT_HATCHES.get(kind)
                ax.broken_barh(
                    spans,
                    (row - 0.35, 0.7),
                    facecolors=colour,
                    hatch=hatch,
                    edgecolors=HATCH_COLOUR if hatch else "none",
                    linewidths=0,
                    gid=f"{row}:{kind.value}",
                )
        for who, colour in KIND_COLOURS.items():
            xs = [mk.at_h for mk in picture.marks if mk.interruption.kind is who]
            if xs:
                ax.scatter(
                    xs,
                    [row - 0.45] * len(xs),
                    marker="v",
                    s=36,
                    color=colour,
                    edgecolors=theme.background,
                    linewidths=0.6,
                    zorder=3,
                    gid=f"{row}:{who.value}",
                )


def _now(ax: "Axes", view: WeekView, theme: Theme, tr: Translate) -> None:
    """A line at the time now, on today's row (when today is in the week)."""
    if view.today is None or view.now_h is None:
        return
    row = [day for day, _metrics in view.report.days].index(view.today)
    ax.plot(
        [view.now_h, view.now_h],
        [row - 0.5, row + 0.5],
        color=theme.foreground,
        linewidth=1.5,
        gid="now",
    )
    ax.annotate(
        tr("now"),
        (view.now_h, row + 0.5),
        xytext=(0, -2),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=7,
        color=theme.foreground,
    )


def _legend_below(ax: "Axes", theme: Theme, tr: Translate) -> None:
    """The phases and the two kinds of interruption, below everything, at the figure's
    bottom edge, clear of the tick labels."""
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(
            facecolor=c,
            hatch=SEGMENT_HATCHES.get(k),
            edgecolor=HATCH_COLOUR if k in SEGMENT_HATCHES else c,
            linewidth=0,
            label=segment_name(k, tr),
        )
        for k, c in SEGMENT_COLOURS.items()
    ]
    handles += [
        Line2D([], [], marker="v", linestyle="", color=KIND_COLOURS[k], label=name)
        for k, name in ((Kind.INTERNAL, tr("internal")), (Kind.EXTERNAL, tr("external")))
    ]
    legend = ax.legend(
        handles=handles,
        fontsize=8,
        frameon=False,
        ncols=7,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=ax.figure.transSubfigure,
    )
    for text in legend.get_texts():
        text.set_color(theme.foreground)


CHAR_WIDTH_IN = 0.065
"""About how wide a character of the timeline's 7 pt labels is, in inches."""


def _task_names(ax: "Axes", view: WeekView, first: float, last: float) -> None:
    """Each block's task written on it, where it fits (shortened with "…" when it nearly
    does); white with a dark outline, legible on every phase colour."""
    from matplotlib import patheffects

    figure = ax.get_figure(root=True)
    width_in = figure.get_figwidth() * 0.85 if figure is not None else 10.0
    inches_per_hour = width_in / max(last - first, 1)
    outline = [patheffects.withStroke(linewidth=2, foreground="#1f1f1f")]
    for row, picture in enumerate(view.days):
        runs: list[tuple[float, float, str | None]] = []  # touching bars of one block's task
        for bar in sorted(picture.bars, key=lambda b: b.start_h):
            if runs and runs[-1][2] == bar.task and abs(runs[-1][1] - bar.start_h) < 1e-6:
                runs[-1] = (runs[-1][0], bar.end_h, bar.task)
            else:
                runs.append((bar.start_h, bar.end_h, bar.task))
        for start, end, task in runs:
            fits = int((end - start) * inches_per_hour / CHAR_WIDTH_IN) - 1
            if not task or fits < 3:
                continue
            ax.text(
                (start + end) / 2,
                row,
                task if len(task) <= fits else task[: fits - 1] + "…",
                ha="center",
                va="center",
                fontsize=7,
                color="white",
                path_effects=outline,
                clip_on=True,
                gid=f"{row}:task",
            )


def compose_timeline(
    fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = words
) -> None:
    draw_timeline(fig.add_subplot(), view, theme, tr)
