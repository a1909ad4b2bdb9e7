"""The hover texts of the day timeline (drawn by :mod:`ui.charts`): an interruption mark's,
and that of time without interruption records."""

from tracker.dashboard import Bar, Mark
from tracker.import_sources import SOURCES
from tracker.settings import load_zone
from tracker.types import Kind, Phase
from ui.chart_style import MINUTE, Translate, words


def mark_text(mark: Mark, zone_name: str, tr: Translate = words) -> str:
    """The hover text of an interruption mark: when, kind, source, note, what it broke."""
    interruption = mark.interruption
    local = interruption.at.astimezone(load_zone(zone_name))
    kind = tr("internal") if interruption.kind is Kind.INTERNAL else tr("external")
    lines = [f"{local:%H:%M} {kind} · {interruption.source}"]
    if interruption.end is not None and interruption.end > interruption.at:
        minutes = (interruption.end - interruption.at) / MINUTE
        lines[0] += f" · {minutes:.0f} min"
    if interruption.note:
        lines.append(interruption.note)
    if mark.phase is not Phase.NONE:
        broke = {
            Phase.RAMP_UP: tr("broke ramp-up"),
            Phase.DEEP: tr("broke deep focus"),
            Phase.FLOW: tr("broke flow"),
        }[mark.phase]
        lines.append(broke)
    return "\n".join(lines)


def unrecorded_text(bar: Bar, tr: Translate = words) -> str:
    """Time without interruption records: its hours, its task, and that nothing is known of
    its focus, naming the tool it was imported from."""
    minutes = (round(h * 60) for h in (bar.start_h, bar.end_h))
    start, end = (f"{m // 60 % 24:02d}:{m % 60:02d}" for m in minutes)
    tool = SOURCES.get(bar.imported_from or "")
    said = (
        tr("no interruption data (imported from {tool})").format(tool=tool)
        if tool
        else tr("no interruption data")
    )
    lines = [f"{start}-{end} {bar.task}" if bar.task else f"{start}-{end}", said]
    return "\n".join(lines)
