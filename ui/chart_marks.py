"""The hover text of an interruption mark on the day timeline (drawn by :mod:`ui.charts`)."""

from tracker.dashboard import Mark
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
