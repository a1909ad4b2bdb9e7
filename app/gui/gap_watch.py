"""The time the app could not see: after a crash (the last heartbeat), across a sleep, and
away from the keyboard. Each gap found is recorded as a break at once and asked about
(:class:`~app.gui.gap_reviews.GapReviews`); :class:`~tracker.watch.BlockWatch` decides
what counts as one."""

import time
from collections.abc import Callable
from datetime import datetime

from app.gui import store_protocol as msg
from app.gui.gap_reviews import GapReviews
from app.gui.input_services import InputServices
from app.gui.live_settings import LiveSettings
from app.gui.store_protocol import StoreRequest
from tracker import clock
from tracker.model import Block
from tracker.running import State
from tracker.watch import BlockWatch


class GapWatch:
    def __init__(
        self,
        watch: BlockWatch,
        reviews: GapReviews,
        inputs: InputServices,
        live: LiveSettings,
        state: Callable[[], State | None],
        send: Callable[[StoreRequest], None],
    ) -> None:
        """``state``: the running block's state as last drawn; ``send``: asks the worker."""
        self._watch = watch
        self._reviews = reviews
        self._inputs = inputs
        self._live = live
        self._state = state
        self._send = send
        inputs.sleep.going_to_sleep.connect(self._going_to_sleep)
        inputs.sleep.woke.connect(self._woke)

    def begin(self) -> None:
        self._watch.begin(clock.now(), time.monotonic())

    def opened(self, running: Block | None, heartbeat: datetime | None) -> None:
        """After a crash, the time since the last heartbeat is a gap to ask about."""
        self._reviews.notice(self._watch.opened(running, heartbeat, clock.now()))

    def tick(self) -> None:
        idle, away_after = self._inputs.idle_seconds(), self._live.value.away_after
        self._reviews.notice(
            self._watch.tick(clock.now(), time.monotonic(), self._state(), idle, away_after)
        )

    def _going_to_sleep(self) -> None:
        self._watch.going_to_sleep(clock.now())
        self._send(msg.Heartbeat())

    def _woke(self) -> None:
        self._reviews.notice(self._watch.woke(clock.now(), time.monotonic(), self._state()))
