"""The running block's time rules (tracker.watch), over generated sequences of ticks, idle
input, suspends and logind's announcements."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.days import DayClock
from tracker.edits import GapReason
from tracker.model import Block, Pause
from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import live_status
from tracker.watch import BlockWatch, MilestoneKind, Thresholds

T0 = datetime(2026, 11, 16, 9, tzinfo=UTC)
TICK = 5.0
LIMITS = Thresholds()


class Machine:
    """Two clocks as a laptop has them: the monotonic one stops while suspended."""

    def __init__(self) -> None:
        self.wall = T0
        self.mono = 1000.0
        self.watch = BlockWatch()
        self.watch.begin(self.wall, self.mono)
        self.gaps: list = []  # type: ignore[type-arg]

    def run(self, seconds: float, state: State = State.RUNNING) -> None:
        for _ in range(int(seconds // TICK)):
            self.wall += timedelta(seconds=TICK)
            self.mono += TICK
            self.gaps += self.watch.tick(self.wall, self.mono, state)

    def suspend(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)  # the monotonic clock does not move


@given(
    before=st.floats(0, 120),
    asleep=st.floats(61, 36_000),
    announced=st.booleans(),
    order=st.sampled_from(["woke first", "tick first", "never woke"]),
    after=st.floats(0, 60),
    between=st.floats(0.5, 4.5),
)
@settings(max_examples=500, deadline=None)
def test_a_suspend_is_reported_exactly_once_whichever_comes_first(
    before: float, asleep: float, announced: bool, order: str, after: float, between: float
) -> None:
    machine = Machine()
    machine.run(before)
    machine.wall += timedelta(seconds=between)  # the lid closes between two ticks
    machine.mono += between
    went = machine.wall
    if announced:
        machine.watch.going_to_sleep(went)
    machine.suspend(asleep)
    if announced and order == "woke first":
        machine.gaps += machine.watch.woke(machine.wall, machine.mono, State.RUNNING)
    machine.run(TICK + after)
    if announced and order == "tick first":
        machine.gaps += machine.watch.woke(machine.wall, machine.mono, State.RUNNING)
    sleeps = [g for g in machine.gaps if g.reason is GapReason.SLEEP]
    assert len(sleeps) == 1, machine.gaps
    if announced:
        assert sleeps[0].start == went  # logind's moment is the exact one
    else:
        assert went - timedelta(seconds=TICK) <= sleeps[0].start <= went


@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["run", "suspend", "sleep", "woke"]),
            st.floats(0, 7200),
            st.floats(0, 7200),
        ),
        max_size=20,
    )
)
@settings(max_examples=300, deadline=None)
def test_a_paused_block_reports_nothing(steps: list[tuple[str, float, float]]) -> None:
    machine = Machine()
    for action, seconds, idle in steps:
        if action == "run":
            machine.wall += timedelta(seconds=TICK)
            machine.mono += TICK
            machine.gaps += machine.watch.tick(
                machine.wall, machine.mono, State.PAUSED, idle, timedelta(minutes=5)
            )
        elif action == "suspend":
            machine.suspend(seconds)
        elif action == "sleep":
            machine.watch.going_to_sleep(machine.wall)
        else:
            machine.gaps += machine.watch.woke(machine.wall, machine.mono, State.PAUSED)
    assert machine.gaps == []


@given(st.floats(0, 86_400), st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_crash_gap_is_reported_only_beyond_its_threshold(seconds: float, paused: bool) -> None:
    heartbeat = T0 + timedelta(minutes=30)
    now = heartbeat + timedelta(seconds=seconds)
    pauses = (Pause(heartbeat - timedelta(minutes=1)),) if paused else ()
    block = Block(T0, pauses=pauses)
    gaps = BlockWatch().opened(block, heartbeat, now)
    if paused or timedelta(seconds=seconds) <= LIMITS.crash_gap:
        assert gaps == []
    else:
        assert [(g.start, g.end, g.reason) for g in gaps] == [(heartbeat, now, GapReason.CRASH)]


@given(
    typing=st.floats(0, 600),
    away=st.floats(300, 3600),
    noticed_after=st.floats(0, 9.9),
)
@settings(max_examples=500, deadline=None)
def test_an_away_gap_runs_from_the_last_input_to_the_first_input(
    typing: float, away: float, noticed_after: float
) -> None:
    watch = BlockWatch()
    limit = timedelta(minutes=5)
    last_input = T0 + timedelta(seconds=typing)
    back = last_input + timedelta(seconds=away)
    gaps = []
    instant, mono = T0, 0.0
    while instant < back + timedelta(seconds=noticed_after):
        instant += timedelta(seconds=TICK)
        mono += TICK
        reference = last_input if instant < back else back
        idle = max(0.0, (instant - reference).total_seconds())
        gaps += watch.tick(instant, mono, State.RUNNING, idle, limit)
    final = back + timedelta(seconds=noticed_after)
    gaps += watch.tick(final, mono + 1, State.RUNNING, noticed_after, limit)
    away_gaps = [g for g in gaps if g.reason is GapReason.AWAY]
    if away < limit.total_seconds() + TICK:
        assert len(away_gaps) <= 1
    else:
        assert len(away_gaps) == 1
    for gap in away_gaps:
        assert gap.start == last_input
        assert gap.end == back  # the first input, not the tick that saw it


@given(st.floats(1, 600), st.floats(1, 240))
@settings(max_examples=200, deadline=None)
def test_each_milestone_is_announced_once(planned: float, break_after: float) -> None:
    watch = BlockWatch()
    block = Block(T0)
    clock = DayClock(UTC)  # type: ignore[arg-type]
    announced = []
    for minute in range(0, 700, 7):
        now = T0 + timedelta(minutes=minute)
        status = live_status(block, [block], ModelParams(), clock, now)
        announced += watch.milestones(status, planned, break_after)
    kinds = [m.kind for m in announced]
    assert kinds.count(MilestoneKind.PLANNED) == (1 if planned <= 693 else 0)
    assert kinds.count(MilestoneKind.BREAK) == (1 if break_after <= 693 else 0)


def test_a_wake_heard_before_the_wall_clock_jumps_still_dates_the_sleep_from_logind() -> None:
    """The wake-up can be heard while the wall clock still reads the time before the suspend
    (it is set right a moment later): the jump the next tick sees starts at logind's
    announcement, not at the moment of the wake-up."""
    watch = BlockWatch()
    watch.begin(T0, 1000.0)
    watch.going_to_sleep(T0 + timedelta(seconds=1))
    assert watch.woke(T0 + timedelta(seconds=7), 1007.0, State.RUNNING) == []
    gaps = watch.tick(T0 + timedelta(hours=2), 1008.0, State.RUNNING)
    assert [(g.start, g.reason) for g in gaps] == [(T0 + timedelta(seconds=1), GapReason.SLEEP)]
    assert watch.tick(T0 + timedelta(hours=2, seconds=5), 1013.0, State.RUNNING) == []


def test_a_short_nap_leaves_nothing_for_a_later_jump() -> None:
    watch = BlockWatch()
    watch.begin(T0, 1000.0)
    watch.going_to_sleep(T0 + timedelta(seconds=1))
    assert watch.woke(T0 + timedelta(seconds=4), 1001.0, State.RUNNING) == []
    assert watch.tick(T0 + timedelta(seconds=9), 1006.0, State.RUNNING) == []
    later = T0 + timedelta(seconds=14)
    gaps = watch.tick(later + timedelta(hours=1), 1011.0, State.RUNNING)
    assert [g.start for g in gaps] == [T0 + timedelta(seconds=9)]  # the tick before, not logind's
