"""What the tray and ``flowtally status`` show about the running block and today."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.counted_once import counted_once
from tracker.days import DayClock
from tracker.metrics import Metrics, daily_metrics
from tracker.model import Block, Interruption
from tracker.running import State, state_of
from tracker.settings import ModelParams
from tracker.timeline import Stretch, build_timeline
from tracker.types import Origin, Phase


@dataclass(frozen=True, slots=True)
class Status:
    """A snapshot at ``now``. ``phase`` is ``NONE`` while idle, paused or interrupted."""

    state: State
    block: Block | None
    now: datetime
    phase: Phase
    interrupted: bool
    elapsed: timedelta
    tracked: timedelta
    stretch: timedelta
    today: Metrics
    next_phase_in: timedelta | None = None
    """Time until the current stretch reaches its next phase (``None`` in flow or not running)."""
    interruption: Interruption | None = None
    """The interruption the person is in now (going on, or lasting past ``now``)."""
    in_phase: timedelta = timedelta(0)
    """How long the current phase has lasted (in deep focus: since deep focus began, not since
    the stretch did)."""


def live_status(
    running: Block | None,
    today_blocks: Iterable[Block],
    params: ModelParams,
    clock: DayClock,
    now: datetime,
) -> Status:
    """The live status. ``today_blocks`` are the blocks touching today (``running`` among them
    or not; it is counted once)."""
    blocks = {(b.start, b.end): b for b in today_blocks}
    if running is not None:
        blocks[(running.start, running.end)] = running
    today = clock.day_of(now)
    counted = [build_timeline(b, params, now) for b in counted_once(blocks.values(), now)]
    metrics = daily_metrics(counted, params, clock, [today])[today]
    state = state_of(running)
    if running is None or state is State.IDLE:
        zero = timedelta(0)
        return Status(state, None, now, Phase.NONE, False, zero, zero, zero, metrics)
    timeline = build_timeline(running, params, now)  # its own phases, whatever overlaps it
    stretch = timeline.current_stretch()
    if stretch is not None and any(i.at == stretch.end for i in running.interruptions):
        stretch = Stretch(now, now, Origin.INTERRUPTION)  # broken this instant: ramp-up again
    current = running.open_interruption or next(
        (i for i in running.interruptions if i.end is not None and i.at <= now < i.end), None
    )
    interrupted = current is not None
    phase = Phase.NONE
    stretch_length = timedelta(0)
    next_in: timedelta | None = None
    in_phase = timedelta(0)
    if stretch is not None and state is State.RUNNING:
        phase = stretch.phase_at(now, params)
        stretch_length = stretch.length
        if phase is Phase.RAMP_UP:
            next_in = params.ramp_up - stretch_length
            in_phase = stretch_length
        elif phase is Phase.DEEP:
            next_in = params.flow_after - stretch_length
            in_phase = stretch_length - params.ramp_up
        else:
            in_phase = stretch_length - params.flow_after
    return Status(
        state=state,
        block=running,
        now=now,
        phase=phase,
        interrupted=interrupted,
        elapsed=max(now - running.start, timedelta(0)),
        tracked=timeline.tracked,
        stretch=stretch_length,
        today=metrics,
        next_phase_in=next_in,
        interruption=current,
        in_phase=in_phase,
    )
