"""What every chart shares: the words, the colours (Okabe-Ito, safe for the common
colour-vision deficiencies), the themes, and the styling of axes and the weekdays."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from tracker.dashboard import HeadlineName, WeekView
from tracker.i18n import _, day_name
from tracker.types import Kind, SegmentKind
from tracker.units import decimal, minutes, signed_duration

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Translate = Callable[[str], str]
MINUTE = timedelta(minutes=1)


def words(text: str) -> str:
    """The charts' words in the reader's language. Charts are drawn off the GUI thread and
    by the CLI without Qt, so they use :mod:`tracker.i18n`, not Qt's translators."""
    return _(text)


def headline_number(name: HeadlineName, value: float, signed: bool = False) -> str:
    """A headline's number (or, ``signed``, its change) as the cards and reports show it; a
    change too small to show is ``+0``, never ``-0.00``."""
    shown = shown_value(name, value) or 0.0  # -0.0 is falsy: it becomes 0.0
    if name.is_ratio:
        return decimal(shown, 2, signed)
    if name.is_minutes:  # as the terminal and the tray write a length: 11 h 10 min
        return signed_duration(shown) if signed else minutes(shown)
    return f"{shown:{'+' if signed else ''}.0f}"


def shown_value(name: HeadlineName, value: float) -> float:
    """The number as far as it is shown: two decimals for a ratio, whole otherwise."""
    return round(value, 2 if name.is_ratio else 0)


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
    SegmentKind.UNRECORDED: "#BBBBBB",
}
SEGMENT_HATCHES = {SegmentKind.UNRECORDED: "///"}
"""Time without interruption records is hatched: grey alone could read as a pause."""
HATCH_COLOUR = "#555555"
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
        SegmentKind.UNRECORDED: tr("no interruption data"),
    }[kind]


def style(ax: "Axes", theme: Theme, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_facecolor(theme.background)
    ax.set_title(title, color=theme.foreground, fontsize=11, loc="left")
    ax.set_xlabel(xlabel, color=theme.foreground)
    ax.set_ylabel(ylabel, color=theme.foreground)
    ax.tick_params(colors=theme.foreground, labelsize=8)
    for spine in ax.spines.values():
        spine.set_color(theme.grid)
    ax.grid(axis="y", color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def legend(ax: "Axes", theme: Theme, **options: Any) -> None:
    legend = ax.legend(fontsize=8, frameon=False, **options)
    for text in legend.get_texts():
        text.set_color(theme.foreground)


def _day_labels(view: WeekView) -> list[str]:
    return [f"{day_name(day)} {day:%d}" for day, _ in view.report.days]


FUTURE_ALPHA = 0.35
"""How faint the days still to come are drawn: present, but clearly not yet lived."""


def days_axis(ax: "Axes", view: WeekView, theme: Theme, axis: str = "x") -> None:
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
