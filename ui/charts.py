"""The dashboard's charts, drawn on plain matplotlib figures (no Qt, no pyplot).

The dashboard shows these figures in Qt canvases and ``flowtally report --output`` saves the
very same figures headless, so a screen and a file can never differ. Every number comes from a
:class:`tracker.dashboard.WeekView`; this module only places it.

matplotlib is imported inside the functions (it costs ~0.5 s and 70 MB): the tray app never
loads it unless the dashboard is opened.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tracker.dashboard import WeekView
from tracker.types import PERIOD_BANDS, Kind, SegmentKind
from ui.chart_style import (
    BAND_COLOURS,
    EFACTOR_COLOUR,
    KIND_COLOURS,
    MINUTE,
    SEGMENT_COLOURS,
    Theme,
    Translate,
    days_axis,
    legend,
    segment_name,
    style,
    words,
)
from ui.chart_timeline import compose_timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase


def draw_periods(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    """Uninterrupted periods per day, stacked by length band."""
    bottom = [0] * 7
    for band, colour in zip(PERIOD_BANDS, BAND_COLOURS, strict=True):
        counts = [dict(m.periods_by_length)[band] for _, m in view.report.days]
        ax.bar(range(7), counts, bottom=bottom, color=colour, label=f"{band} min", gid=band)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(max(bottom) * 1.15, 1))
    style(ax, theme, tr("Uninterrupted periods per day"), tr("day"), tr("periods"))
    days_axis(ax, view, theme)
    legend(ax, theme, title=None, ncols=4, loc="upper left")


def draw_phases(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    """Minutes per phase per day, stacked, with interrupted time on top."""
    bottom = [0.0] * 7
    for kind in (SegmentKind.RAMP_UP, SegmentKind.DEEP, SegmentKind.FLOW, SegmentKind.INTERRUPTED):
        values = [getattr(m, _METRIC_OF[kind]) / MINUTE for _, m in view.report.days]
        ax.bar(
            range(7),
            values,
            bottom=bottom,
            color=SEGMENT_COLOURS[kind],
            label=segment_name(kind, tr),
            gid=kind.value,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylim(0, max(max(bottom) * 1.15, 60))
    style(ax, theme, tr("Minutes per phase per day"), tr("day"), tr("minutes"))
    days_axis(ax, view, theme)
    legend(ax, theme, ncols=4, loc="upper left")


_METRIC_OF = {
    SegmentKind.RAMP_UP: "rampup",
    SegmentKind.DEEP: "deep",
    SegmentKind.FLOW: "flow",
    SegmentKind.INTERRUPTED: "interrupted",
}


def draw_hours(
    axes: tuple["Axes", "Axes"], view: WeekView, theme: Theme, tr: Translate = words
) -> list[Any]:
    """When interruptions strike: weekday by local hour, internal and external side by side,
    each in its kind's colour (as on every chart) on one shared scale. Returns the images
    (for their colour bars)."""
    grids = (view.internal_by_hour, view.external_by_hour)
    top = max(1, *(max(row) for grid in grids for row in grid))
    from matplotlib.colors import LinearSegmentedColormap

    images = []
    titles = (tr("Internal interruptions by hour"), tr("External interruptions by hour"))
    for ax, grid, title, kind in zip(
        axes, grids, titles, (Kind.INTERNAL, Kind.EXTERNAL), strict=True
    ):
        # From the background to the kind's colour: lightness alone carries the count.
        colours = LinearSegmentedColormap.from_list(
            kind.value, [theme.background, KIND_COLOURS[kind]]
        )
        images.append(
            ax.imshow(grid, aspect="auto", cmap=colours, vmin=0, vmax=top, interpolation="nearest")
        )
        style(ax, theme, title, tr("hour of day"), "")
        ax.grid(False)
        days_axis(ax, view, theme, axis="y")
        ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
    return images


def draw_trend(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    """The last weeks: uninterrupted periods per worked day (bars) and the e-factor (line).
    A week still going on is hatched and named "so far": its numbers will change."""
    names = [r.week.split("-")[1] for r in view.trend]
    ongoing = view.today is not None  # the week shown, the trend's last, is not over
    if ongoing:
        names[-1] = tr("{week} so far").format(week=names[-1])
    per_day = []
    for report in view.trend:
        worked = sum(1 for _, m in report.days if m.tracked)
        per_day.append(report.totals.periods / worked if worked else 0.0)
    bar_label = tr("periods per worked day")
    bars = ax.bar(
        range(len(names)), per_day, color=SEGMENT_COLOURS[SegmentKind.FLOW], label=bar_label
    )
    if ongoing and bars:
        bars[-1].set_alpha(0.55)
        bars[-1].set_hatch("//")
    ax.set_xticks(range(len(names)), names)
    ax.set_ylim(0, max(max(per_day) * 1.2, 1))
    title = tr("Periods per worked day and e-factor, the last {n} weeks").format(n=len(names))
    style(ax, theme, title, tr("ISO week"), bar_label)
    line_ax = ax.twinx()
    line_ax.plot(
        range(len(names)),
        # A week with nothing tracked has no e-factor: a gap in the line, not a zero.
        [r.totals.e_factor if r.totals.tracked else float("nan") for r in view.trend],
        color=EFACTOR_COLOUR,
        marker="o",
        label=tr("e-factor (0 to 1)"),
    )
    line_ax.set_ylim(0, 1.05)
    line_ax.set_ylabel(tr("e-factor (0 to 1)"), color=theme.foreground)
    line_ax.tick_params(colors=theme.foreground, labelsize=8)
    handles, labels = ax.get_legend_handles_labels()
    lines, line_labels = line_ax.get_legend_handles_labels()
    legend = ax.legend(
        handles + lines, labels + line_labels, fontsize=8, frameon=False, loc="upper left"
    )
    for text in legend.get_texts():
        text.set_color(theme.foreground)


def draw_sources(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    """Interruption sources ranked by the recovery minutes they caused."""
    ranked = list(reversed(view.sources[:10]))
    names = [tr(s.source) for s in ranked]  # the default sources in the reader's words
    costs = [s.recovery / MINUTE for s in ranked]
    bars = ax.barh(range(len(names)), costs, color=SEGMENT_COLOURS[SegmentKind.RAMP_UP])
    ax.set_yticks(range(len(names)), names)
    for bar, source in zip(bars, ranked, strict=True):
        ax.annotate(
            f" {source.count}×",  # noqa: RUF001 - the multiplication sign is meant
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            fontsize=8,
            color=theme.foreground,
        )
    ax.set_xlim(0, max(max(costs, default=0) * 1.25, 15))
    style(ax, theme, tr("What interruptions cost"), tr("recovery minutes caused"), "")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color=theme.grid, linewidth=0.6)
    if not ranked:
        ax.text(
            0.5,
            0.5,
            tr("No interruptions this week"),
            transform=ax.transAxes,
            ha="center",
            color=theme.foreground,
        )


# ------------------------------------------------------------------- pages


def compose_week(fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    draw_periods(fig.add_subplot(2, 1, 1), view, theme, tr)
    draw_phases(fig.add_subplot(2, 1, 2), view, theme, tr)


def compose_interruptions(
    fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = words
) -> None:
    grid = fig.add_gridspec(2, 2, height_ratios=(1, 1))
    internal, external = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    from matplotlib.ticker import MaxNLocator

    for image, ax in zip(
        draw_hours((internal, external), view, theme, tr), (internal, external), strict=True
    ):
        bar = fig.colorbar(image, ax=ax, shrink=0.9)
        bar.locator = MaxNLocator(integer=True)  # counts: no "0.5 interruptions"
        bar.update_ticks()
        bar.set_label(tr("interruptions"), color=theme.foreground)
        bar.ax.tick_params(colors=theme.foreground, labelsize=8)
    draw_sources(fig.add_subplot(grid[1, :]), view, theme, tr)


def compose_trend(fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = words) -> None:
    draw_trend(fig.add_subplot(), view, theme, tr)


Composer = Callable[["FigureBase", WeekView, Theme, Translate], None]
PAGES: tuple[tuple[str, Composer], ...] = (
    ("week", compose_week),
    ("interruptions", compose_interruptions),
    ("trend", compose_trend),
    ("timeline", compose_timeline),
)


def compose(
    fig: "FigureBase", page: str, view: WeekView, theme: Theme, tr: Translate = words
) -> None:
    """Draw one of :data:`PAGES` on an empty ``fig`` (its margins, if set, are kept).

    Text is drawn as typed: matplotlib would read a source such as ``$x$ cost`` as TeX (and
    fail on ``$\\notacommand$``). No chart uses maths, so mathtext is off for every text,
    tick labels made at draw time included.
    """
    import matplotlib

    matplotlib.rcParams["text.parse_math"] = False
    fig.set_facecolor(theme.background)
    dict(PAGES)[page](fig, view, theme, tr)
