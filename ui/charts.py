"""The dashboard's charts, drawn on plain matplotlib figures (no Qt, no pyplot).

The dashboard shows these figures in Qt canvases and ``flowtally report --output`` saves the
very same figures headless, so a screen and a file can never differ. Every number comes from a
:class:`tracker.dashboard.WeekView`; this module only places it.

matplotlib is imported inside the functions (it costs ~0.5 s and 70 MB): the tray app never
loads it unless the dashboard is opened.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from tracker.dashboard import WeekView
from tracker.types import PERIOD_BANDS, Kind, SegmentKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

Translate = Callable[[str], str]
MINUTE = timedelta(minutes=1)
TIMELINE_LABEL = "timeline"
"""The label of the timeline's axes, by which hover code finds it in its figure."""


def identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours of the surroundings; the data colours are Okabe-Ito in both themes."""

    background: str = "#ffffff"
    foreground: str = "#1f1f1f"
    grid: str = "#d9d9d9"


LIGHT = Theme()
DARK = Theme(background="#1e1f22", foreground="#e6e6e6", grid="#45474d")

# Okabe-Ito, as on the tray icon: safe for the common colour-vision deficiencies.
SEGMENT_COLOURS = {
    SegmentKind.RAMP_UP: "#E69F00",
    SegmentKind.DEEP: "#0072B2",
    SegmentKind.FLOW: "#009E73",
    SegmentKind.INTERRUPTED: "#D55E00",
    SegmentKind.PAUSED: "#999999",
}
KIND_COLOURS = {Kind.INTERNAL: "#CC79A7", Kind.EXTERNAL: "#D55E00"}
# One hue in four lightness steps: the bands read as "more is better" without relying on hue.
BAND_COLOURS = ("#B8E0D2", "#6CC3A6", "#009E73", "#005A41")
EFACTOR_COLOUR = "#CC79A7"


def segment_name(kind: SegmentKind, tr: Translate) -> str:
    return {
        SegmentKind.RAMP_UP: tr("ramp-up"),
        SegmentKind.DEEP: tr("deep focus"),
        SegmentKind.FLOW: tr("flow"),
        SegmentKind.INTERRUPTED: tr("interrupted"),
        SegmentKind.PAUSED: tr("paused"),
    }[kind]


def _style(ax: "Axes", theme: Theme, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_facecolor(theme.background)
    ax.set_title(title, color=theme.foreground, fontsize=11, loc="left")
    ax.set_xlabel(xlabel, color=theme.foreground)
    ax.set_ylabel(ylabel, color=theme.foreground)
    ax.tick_params(colors=theme.foreground, labelsize=8)
    for spine in ax.spines.values():
        spine.set_color(theme.grid)
    ax.grid(axis="y", color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def _legend(ax: "Axes", theme: Theme, **options: Any) -> None:
    legend = ax.legend(fontsize=8, frameon=False, **options)
    for text in legend.get_texts():
        text.set_color(theme.foreground)


def _day_labels(view: WeekView) -> list[str]:
    return [day.strftime("%a %d") for day, _ in view.report.days]


def draw_periods(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = identity) -> None:
    """Uninterrupted periods per day, stacked by length band."""
    labels = _day_labels(view)
    bottom = [0] * 7
    for band, colour in zip(PERIOD_BANDS, BAND_COLOURS, strict=True):
        counts = [dict(m.periods_by_length)[band] for _, m in view.report.days]
        ax.bar(labels, counts, bottom=bottom, color=colour, label=f"{band} min", gid=band)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(max(bottom) * 1.15, 1))
    _style(ax, theme, tr("Uninterrupted periods per day"), tr("day"), tr("periods"))
    _legend(ax, theme, title=None, ncols=4, loc="upper left")


def draw_phases(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = identity) -> None:
    """Minutes per phase per day, stacked, with interrupted time on top."""
    labels = _day_labels(view)
    bottom = [0.0] * 7
    for kind in (SegmentKind.RAMP_UP, SegmentKind.DEEP, SegmentKind.FLOW, SegmentKind.INTERRUPTED):
        values = [getattr(m, _METRIC_OF[kind]) / MINUTE for _, m in view.report.days]
        ax.bar(
            labels,
            values,
            bottom=bottom,
            color=SEGMENT_COLOURS[kind],
            label=segment_name(kind, tr),
            gid=kind.value,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylim(0, max(max(bottom) * 1.15, 60))
    _style(ax, theme, tr("Minutes per phase per day"), tr("day"), tr("minutes"))
    _legend(ax, theme, ncols=4, loc="upper left")


_METRIC_OF = {
    SegmentKind.RAMP_UP: "rampup",
    SegmentKind.DEEP: "deep",
    SegmentKind.FLOW: "flow",
    SegmentKind.INTERRUPTED: "interrupted",
}


def draw_hours(
    axes: tuple["Axes", "Axes"], view: WeekView, theme: Theme, tr: Translate = identity
) -> Any:
    """When interruptions strike: weekday by local hour, internal and external side by side,
    on one colour scale. Returns the last image (for a colour bar)."""
    grids = (view.internal_by_hour, view.external_by_hour)
    top = max(1, *(max(row) for grid in grids for row in grid))
    from matplotlib.colors import LinearSegmentedColormap

    # From the background to Okabe-Ito blue: lightness alone carries the count.
    colours = LinearSegmentedColormap.from_list("counts", [theme.background, "#0072B2"])
    image = None
    titles = (tr("Internal interruptions by hour"), tr("External interruptions by hour"))
    for ax, grid, title in zip(axes, grids, titles, strict=True):
        image = ax.imshow(
            grid, aspect="auto", cmap=colours, vmin=0, vmax=top, interpolation="nearest"
        )
        _style(ax, theme, title, tr("hour of day"), "")
        ax.grid(False)
        ax.set_yticks(range(7), _day_labels(view))
        ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
    return image


def draw_trend(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = identity) -> None:
    """The last weeks: uninterrupted periods per worked day (bars) and the e-factor (line)."""
    names = [r.week.split("-")[1] for r in view.trend]
    per_day = []
    for report in view.trend:
        worked = sum(1 for _, m in report.days if m.tracked)
        per_day.append(report.totals.periods / worked if worked else 0.0)
    ax.bar(names, per_day, color=SEGMENT_COLOURS[SegmentKind.FLOW], label=tr("periods per day"))
    ax.set_ylim(0, max(max(per_day) * 1.2, 1))
    _style(ax, theme, tr("The last weeks"), tr("ISO week"), tr("periods per worked day"))
    line_ax = ax.twinx()
    line_ax.plot(
        names,
        # A week with nothing tracked has no e-factor: a gap in the line, not a zero.
        [r.totals.e_factor if r.totals.tracked else float("nan") for r in view.trend],
        color=EFACTOR_COLOUR,
        marker="o",
        label=tr("e-factor"),
    )
    line_ax.set_ylim(0, 1.05)
    line_ax.set_ylabel(tr("e-factor (0 to 1)"), color=theme.foreground)
    line_ax.tick_params(colors=theme.foreground, labelsize=8)
    bars, bar_labels = ax.get_legend_handles_labels()
    lines, line_labels = line_ax.get_legend_handles_labels()
    legend = ax.legend(
        bars + lines, bar_labels + line_labels, fontsize=8, frameon=False, loc="upper left"
    )
    for text in legend.get_texts():
        text.set_color(theme.foreground)


def draw_sources(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = identity) -> None:
    """Interruption sources ranked by the recovery minutes they caused."""
    ranked = list(reversed(view.sources[:10]))
    names = [s.source for s in ranked]
    costs = [s.recovery / MINUTE for s in ranked]
    bars = ax.barh(names, costs, color=SEGMENT_COLOURS[SegmentKind.RAMP_UP])
    for bar, source in zip(bars, ranked, strict=True):
        ax.annotate(
            f" {source.count}×",  # noqa: RUF001 - the multiplication sign is meant
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            fontsize=8,
            color=theme.foreground,
        )
    ax.set_xlim(0, max(max(costs, default=0) * 1.25, 15))
    _style(ax, theme, tr("What interruptions cost"), tr("recovery minutes caused"), "")
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


def draw_timeline(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = identity) -> None:
    """Each day as a row: blocks coloured by phase, pauses grey, interruptions as marks."""
    ax.set_label(TIMELINE_LABEL)
    starts = [b.start_h for d in view.days for b in d.bars]
    ends = [b.end_h for d in view.days for b in d.bars]
    # The hours that hold blocks, with an hour of margin: a working day, not a mostly empty 24.
    first = max(0, int(min(starts, default=8.0)) - 1)
    last = min(max(ends, default=18.0) + 1, max([24.0, *ends]))
    last = max(last, first + 8)
    for row, picture in enumerate(view.days):
        for kind, colour in SEGMENT_COLOURS.items():
            spans = [(b.start_h, b.end_h - b.start_h) for b in picture.bars if b.kind is kind]
            if spans:
                ax.broken_barh(
                    spans, (row - 0.35, 0.7), facecolors=colour, gid=f"{row}:{kind.value}"
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
    ax.set_xlim(first, last)
    ax.set_ylim(6.7, -0.8)
    ax.set_yticks(range(7), _day_labels(view))
    ticks = range(first, int(last) + 1)
    ax.set_xticks(ticks, [f"{h % 24:02d}" for h in ticks])
    _style(ax, theme, tr("Day timeline"), tr("hour of day (local time)"), "")
    ax.grid(axis="x", color=theme.grid, linewidth=0.6)
    ax.grid(axis="y", visible=False)
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(color=c, label=segment_name(k, tr)) for k, c in SEGMENT_COLOURS.items()
    ]
    handles += [
        Line2D([], [], marker="v", linestyle="", color=KIND_COLOURS[k], label=name)
        for k, name in ((Kind.INTERNAL, tr("internal")), (Kind.EXTERNAL, tr("external")))
    ]
    # Below everything, at the figure's bottom edge, clear of the tick labels.
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


# ------------------------------------------------------------------- pages


def compose_week(fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = identity) -> None:
    draw_periods(fig.add_subplot(2, 1, 1), view, theme, tr)
    draw_phases(fig.add_subplot(2, 1, 2), view, theme, tr)


def compose_interruptions(
    fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = identity
) -> None:
    grid = fig.add_gridspec(2, 2, height_ratios=(1, 1))
    internal, external = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    image = draw_hours((internal, external), view, theme, tr)
    bar = fig.colorbar(image, ax=[internal, external], shrink=0.9)
    bar.set_label(tr("interruptions"), color=theme.foreground)
    bar.ax.tick_params(colors=theme.foreground, labelsize=8)
    draw_sources(fig.add_subplot(grid[1, :]), view, theme, tr)


def compose_trend(
    fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = identity
) -> None:
    draw_trend(fig.add_subplot(), view, theme, tr)


def compose_timeline(
    fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = identity
) -> None:
    draw_timeline(fig.add_subplot(), view, theme, tr)


Composer = Callable[["FigureBase", WeekView, Theme, Translate], None]
PAGES: tuple[tuple[str, Composer], ...] = (
    ("week", compose_week),
    ("interruptions", compose_interruptions),
    ("trend", compose_trend),
    ("timeline", compose_timeline),
)


def compose(
    fig: "FigureBase", page: str, view: WeekView, theme: Theme, tr: Translate = identity
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
