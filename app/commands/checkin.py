"""``flowtally checkin`` and ``flowtally calibrate``: a flow check-in from the terminal (a
desktop shortcut), and the thresholds the check-ins propose (#28)."""

import json
from collections.abc import Sequence
from dataclasses import replace

from app.commands.context import Context
from app.commands.table import table
from app.language import requests as rq
from tracker.calibration import (
    MIN_ANSWERS,
    MIN_DAYS,
    NotEnough,
    Proposal,
    answers_by_age,
    calibrate,
)
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import CheckIn
from tracker.settings import ModelParams
from tracker.types import phase_name
from tracker.units import decimal, plural


def checkin(ctx: Context, args: rq.CheckIn) -> int:
    made = ctx.store.check_in(ctx.now, args.answer, ctx.zone_name, ctx.settings.model)
    age = decimal(made.stretch_min, 0)
    if made.answer is None:
        line = _("Check-in kept as skipped ({minutes} min into a stretch, {phase}).")
    else:
        line = _("Check-in kept: {answer} of 5, {minutes} min into a stretch ({phase}).")
    print(line.format(answer=made.answer, minutes=age, phase=phase_name(made.phase)), file=ctx.out)
    return 0


def calibrate_(ctx: Context, args: rq.Calibrate) -> int:
    found = calibrate(ctx.store.checkins(), DayClock(ctx.zone), ctx.settings.model)
    if args.json:
        print(json.dumps(as_json(found), indent=1), file=ctx.out)
    else:
        print(as_text(found), file=ctx.out)
    if args.accept:
        if isinstance(found, NotEnough):
            raise FlowtallyError(_("there is no proposal to accept yet"))
        from app.config import save_settings

        save_settings(replace(ctx.settings, model=found.as_params()))
        line = _(
            "Saved: ramp_up_min {ramp}, flow_after_min {flow}. All history is counted again "
            "with them."
        )
        print(line.format(ramp=found.ramp_up_min, flow=found.flow_after_min), file=ctx.out)
    return 0


def as_text(found: Proposal | NotEnough) -> str:
    """The proposal, or what is missing, in the reader's words (the settings dialog shows
    the same lines)."""
    if isinstance(found, NotEnough):
        backing = _("{answers} over {days}").format(
            answers=plural(found.answers, "answer"), days=plural(found.days, "day")
        )
        if found.flat:
            return _(
                "Your answers do not rise with the stretch's age ({backing}): keep your thresholds."
            ).format(backing=backing)
        return _(
            "Not enough check-ins to calibrate yet: {backing}; it needs {answers} answers "
            "over {days} days."
        ).format(backing=backing, answers=MIN_ANSWERS, days=MIN_DAYS)
    current = found.current
    lines = [
        _("From {answers} over {days}:").format(
            answers=plural(found.answers, "answer"), days=plural(found.days, "day")
        ),
        _("  ramp-up ends after {value} min (95 % interval {low}-{high}); now {now}").format(
            value=found.ramp_up_min,
            low=decimal(found.ramp_up_interval[0], 0),
            high=decimal(found.ramp_up_interval[1], 0),
            now=decimal(current.ramp_up_min, 0),
        ),
        _("  flow begins after {value} min (95 % interval {low}-{high}); now {now}").format(
            value=found.flow_after_min,
            low=decimal(found.flow_after_interval[0], 0),
            high=decimal(found.flow_after_interval[1], 0),
            now=decimal(current.flow_after_min, 0),
        ),
        _("  absorption (1-5) with these: {a} in ramp-up, {b} in deep focus, {c} in flow").format(
            a=decimal(found.levels[0], 1),
            b=decimal(found.levels[1], 1),
            c=decimal(found.levels[2], 1),
        ),
    ]
    return "\n".join(lines)


def as_json(found: Proposal | NotEnough) -> dict[str, object]:
    if isinstance(found, NotEnough):
        return {
            "proposal": None,
            "answers": found.answers,
            "days": found.days,
            "reason": "flat" if found.flat else "not enough data",
            "needs": {"answers": MIN_ANSWERS, "days": MIN_DAYS},
        }
    return {
        "proposal": {"ramp_up_min": found.ramp_up_min, "flow_after_min": found.flow_after_min},
        "interval_95": {
            "ramp_up_min": [round(v, 2) for v in found.ramp_up_interval],
            "flow_after_min": [round(v, 2) for v in found.flow_after_interval],
        },
        "absorption": [round(v, 2) for v in found.levels],
        "answers": found.answers,
        "days": found.days,
        "current": found.current.as_json(),
    }


def checkins_text(asked: Sequence[CheckIn], params: ModelParams) -> str:
    """The week's check-ins for the report: how many, and the mean answer by the stretch's
    age, in bands cut where the model's phases change."""
    edges = age_edges(params)
    bands = answers_by_age(asked, edges)
    answered = sum(n for n, _ in bands)
    names = [
        *(f"{decimal(a, 0)}-{decimal(b, 0)} min" for a, b in zip((0, *edges), edges, strict=False)),
        _("{minutes} min or more").format(minutes=decimal(edges[-1], 0)),
    ]
    rows = [
        [name, str(n), decimal(mean, 1) if n else "-"]
        for name, (n, mean) in zip(names, bands, strict=True)
    ]
    head = _("Flow check-ins: {answered} answered, {skipped} skipped").format(
        answered=answered, skipped=len(asked) - answered
    )
    headers = (_("Minutes into the stretch"), _("Answers"), _("Absorption (1-5)"))
    return "\n".join([head, table(headers, rows)])


def age_edges(params: ModelParams) -> tuple[float, ...]:
    """Where the report's and the chart's bands of stretch age are cut: at the end of the
    ramp-up, at the start of flow, and at twice that."""
    return (params.ramp_up_min, params.flow_after_min, 2 * params.flow_after_min)
