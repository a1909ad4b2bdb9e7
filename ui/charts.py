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

from tracker.dashboard import HeadlineName, WeekView
from tracker.i18n import _, day_name
from tracker.types import PERIOD_BANDS, Kind, SegmentKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

Translate = Callable[[str], str]
MINUTE = timedelta(minutes=1)
TIMELINE_LABEL = "timeline"
"""The label of the timeline's axes, by which hover code finds it in its figure."""


def words(text: str) -> str:
    """The charts' words in the reader's language. Charts are drawn off the GUI thread and
    by the CLI without Qt, so they use :mod:`tracker.i18n`, not Qt's translators."""
    return _(text)


"""Headlines that are ratios, shown with two decimals; the others are counts and minutes."""


def headline_number(name: HeadlineName, value: float, signed: bool = False) -> str:
    """A headline's number (or, ``signed``, its change) as the cards and reports show it."""
    sign = "+" if signed else ""
    return f"{value:{sign}.2f}" if name.is_ratio else f"{value:{sign}.0f}"


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
    return [f"{day_name(day)} {day:%d}" for day, _ in view.report.days]


FUTURE_ALPHA = 0.35
"""How faint the days still to come are drawn: present, but clearly not yet lived."""


def _days_axis(ax: "Axes", view: WeekView, theme: Theme, axis: str = "x") -> None:
    """Put the weekdays on ``axis`` (positions 0-6), today's label bold and on a light band
    (so it reads as "today" at a glance), the days to come faint."""
    if axis == "x":
        ax.set_xticks(range(7), _day_labels(view))
        labels = ax.get_xticklabels()
    else:
        ax.set_yticks(range(7), _day_labels(view))
        labels = ax.get_yticklabels()
    if view.today is None:  # a week that is over, or still to come: every day alike
        return
    for index, (day, _metrics) in enumerate(view.report.days):
        if day == view.today:
            labels[index].set_fontweight("bold")
            span = ax.axvspan if axis == "x" else ax.axhspan
            span(index - 0.5, index + 0.5, color=theme.grid, alpha=0.45, zorder=0, lw=0)
        elif day > view.today:
            labels[index].set_alpha(FUTURE_ALPHA)


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
    _style(ax, theme, tr("Uninterrupted periods per day"), tr("day"), tr("periods"))
    _days_axis(ax, view, theme)
    _legend(ax, theme, title=None, ncols=4, loc="upper left")


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
    _style(ax, theme, tr("Minutes per phase per day"), tr("day"), tr("minutes"))
    _days_axis(ax, view, theme)
    _legend(ax, theme, ncols=4, loc="upper left")


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
        _style(ax, theme, title, tr("hour of day"), "")
        ax.grid(False)
        _days_axis(ax, view, theme, axis="y")
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
    _style(ax, theme, title, tr("ISO week"), bar_label)
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


def draw_timeline(ax: "Axes", view: WeekView, theme: Theme, tr: Translate = words) -> None:
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
    _days_axis(ax, view, theme, axis="y")
    _task_names(ax, view, first, last)
    if view.today is not None and view.now_h is not None:
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


def compose_timeline(
    fig: "FigureBase", view: WeekView, theme: Theme, tr: Translate = words
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
