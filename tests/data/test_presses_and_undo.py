"""Presses, "I'm back" and undo in the store, on a SQLite file and a real PostgreSQL server.

One press is one interruption, going on until the person is back; a press with no block
running is kept; every tracking action can be taken back, last first.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from data.rows import INTERRUPTIONS
from data.store import Store
from tracker.days import DayClock
from tracker.errors import TransitionError
from tracker.model import Interruption
from tracker.settings import ModelParams, load_zone
from tracker.status import live_status
from tracker.types import Kind
from tracker.undo import Action

T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"


def t(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def pressed_at(at: datetime) -> Interruption:
    return Interruption(at, None, timezone=ZONE, ongoing=True)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened


def test_a_second_press_while_one_is_going_on_adds_nothing(store: Store) -> None:
    store.start(t(0), ZONE)
    first = store.press(pressed_at(t(20)))
    again = store.press(pressed_at(t(20.1)))
    assert first.new
    assert first.interruption is not None
    assert not again.new
    assert again.interruption is not None
    assert again.interruption.id == first.interruption.id
    running = store.running()
    assert running is not None
    (only,) = running.interruptions
    assert only.ongoing
    assert only.end is None


def test_a_press_while_paused_is_an_instant_and_the_pause_goes_on(store: Store) -> None:
    """The press reads the block's pause in progress with its start and its interruption
    going on, in one query: each must be seen for what it is."""
    store.start(t(0), ZONE)
    store.press(pressed_at(t(10)))
    store.back(t(12))
    store.pause(t(30), ZONE)
    pressed = store.press(pressed_at(t(35)))
    assert pressed.new
    assert pressed.interruption is not None
    assert not pressed.interruption.ongoing  # a paused person is not kept interrupted
    running = store.running()
    assert running is not None
    assert running.open_pause is not None
    assert running.open_pause.start == t(30)
    assert [i.at for i in running.interruptions] == [t(10), t(35)]
    assert not any(i.ongoing for i in running.interruptions)


def test_back_ends_the_interruption_and_a_press_after_it_is_a_new_one(store: Store) -> None:
    store.start(t(0), ZONE)
    store.press(pressed_at(t(20)))
    store.back(t(25))
    second = store.press(pressed_at(t(40)))
    assert second.new
    running = store.running()
    assert running is not None
    first, _ = running.interruptions
    assert first.end == t(25)
    assert not first.ongoing
    store.back(t(45))
    with pytest.raises(TransitionError, match="no interruption is going on"):
        store.back(t(46))


def test_an_interruption_going_on_is_interrupted_time_until_back(store: Store) -> None:
    store.start(t(0), ZONE)
    store.press(pressed_at(t(20)))
    running = store.running()
    params = ModelParams(15, 30, 25)
    status = live_status(running, [], params, DayClock(load_zone(ZONE)), t(32))
    assert status.interrupted
    assert status.interruption is not None
    assert status.today.interrupted == timedelta(minutes=12)
    stopped = store.stop(t(35))
    (ended,) = stopped.interruptions
    assert ended.end == t(35)
    assert not ended.ongoing


def test_pausing_ends_the_interruption_going_on(store: Store) -> None:
    store.start(t(0), ZONE)
    store.press(pressed_at(t(20)))
    paused = store.pause(t(30), ZONE)
    assert paused.interruptions[0].end == t(30)
    kept = store.press(pressed_at(t(31)))  # while paused: an instant, breaking nothing
    assert kept.new
    assert kept.interruption is not None
    assert not kept.interruption.ongoing


def test_the_database_refuses_two_interruptions_going_on_in_a_block(store: Store) -> None:
    block = store.start(t(0), ZONE)
    store.press(pressed_at(t(20)))
    with store.engine.begin() as connection, pytest.raises(IntegrityError):
        connection.execute(
            insert(INTERRUPTIONS).values(
                block_id=block.id,
                at_utc=t(21),
                kind="external",
                source="other",
                timezone=ZONE,
                ongoing=True,
            )
        )


def test_a_press_with_no_block_running_is_kept_and_can_start_one(store: Store) -> None:
    pressed = store.press(pressed_at(t(5)))
    assert pressed.loose is not None
    assert pressed.interruption is None
    assert [p.at for p in store.loose_presses()] == [t(5)]
    assert pressed.loose.id is not None
    block = store.start_from_press(pressed.loose.id, "review")
    assert block.start == t(5)
    assert block.task == "review"
    (interruption,) = block.interruptions
    assert interruption.at == t(5)
    assert interruption.ongoing
    assert store.loose_presses() == []
    with pytest.raises(TransitionError, match="already"):
        store.start_from_press(pressed.loose.id)


@pytest.mark.parametrize(
    "action",
    [Action.START, Action.PAUSE, Action.RESUME, Action.STOP, Action.PRESS, Action.BACK],
)
def test_undo_takes_back_the_last_action_exactly(store: Store, action: Action) -> None:
    store.start(t(0), ZONE, "spec")
    store.interrupt(Interruption(t(10), t(12), Kind.INTERNAL, "self", "a thought", ZONE))
    if action is Action.RESUME:
        store.pause(t(20), ZONE)
    if action is Action.BACK:
        store.press(pressed_at(t(20)))
    before = store.all_blocks()
    before_running = store.running()
    {
        Action.START: lambda: store.stop(t(30)) and store.start(t(40), ZONE),
        Action.PAUSE: lambda: store.pause(t(30), ZONE),
        Action.RESUME: lambda: store.resume(t(30)),
        Action.STOP: lambda: store.stop(t(30)),
        Action.PRESS: lambda: store.press(pressed_at(t(30))),
        Action.BACK: lambda: store.back(t(30)),
    }[action]()
    if action is Action.START:
        before = store.all_blocks()[:1]
        before_running = None
    undone = store.undo()
    assert undone.action is action
    assert store.all_blocks() == before
    assert store.running() == before_running


def test_undo_is_a_stack_and_says_when_there_is_nothing_left(store: Store) -> None:
    store.start(t(0), ZONE)
    store.press(pressed_at(t(10)))
    store.back(t(12))
    assert [store.undo().action for _ in range(3)] == [Action.BACK, Action.PRESS, Action.START]
    assert store.all_blocks() == []
    with pytest.raises(TransitionError, match="nothing to undo"):
        store.undo()


def test_an_undo_that_no_longer_applies_is_refused_and_the_one_before_is_next(
    store: Store,
) -> None:
    store.start(t(0), ZONE)
    pressed = store.press(pressed_at(t(10)))
    assert pressed.interruption is not None
    assert pressed.interruption.id is not None
    store.update_holding(pressed.interruption.id, lambda b: b.__class__(b.start, timezone=ZONE))
    with pytest.raises(TransitionError, match="changed or removed since"):
        store.undo()
    assert store.undo().action is Action.START


def test_undo_of_a_loose_press_forgets_it(store: Store) -> None:
    store.press(pressed_at(t(5)))
    assert store.undo().action is Action.LOOSE
    assert store.loose_presses() == []


def test_an_added_block_is_undone_by_removing_it(store: Store) -> None:
    from tracker.model import Block

    store.add(Block(t(0), t(60), "backfill", timezone=ZONE))
    assert store.undo().action is Action.ADD
    assert store.all_blocks() == []
