"""The tray's status as others hear it (``status --follow``, the hooks): every turn of a block
reaches them, however quickly the next one follows. Real controller, real snapshots."""

from datetime import timedelta

from pytestqt.qtbot import QtBot

from app.gui.controller import AppController
from app.gui.store_protocol import Snapshot
from tracker.clock import now
from tracker.model import Block, Interruption, Pause


def test_every_turn_of_a_block_in_one_moment_reaches_the_followers(
    qtbot: QtBot, controller: AppController
) -> None:
    """The tray draws a burst of snapshots once; a start, an interruption, "back", a pause, a
    resume or a stop is drawn at once, or two of them within the wait would reach a hook as
    one (a resume lost)."""
    heard: list[str] = []
    flow = controller.status_flow
    flow.focus.follow(1, lambda shown: heard.append(shown.state))
    start = now() - timedelta(minutes=40)
    running = Block(start, task="proof")
    called = Block(start, task="proof", interruptions=(Interruption(now(), ongoing=True),))
    back = Block(start, task="proof", interruptions=(Interruption(now(), now()),))
    paused = Block(start, task="proof", pauses=(Pause(now() - timedelta(seconds=2)),))
    rested = Block(start, task="proof", pauses=(Pause(now() - timedelta(seconds=2), now()),))
    stopped = Block(start, now(), "proof", rested.pauses)
    turns = [running, called, back, paused, rested, None]
    for block in turns:  # all within one wait of the tray's
        flow.show(Snapshot(block, (block or stopped,), (), 0))
    qtbot.waitUntil(lambda: heard[-1:] == ["idle"], timeout=2_000)
    states = [state for index, state in enumerate(heard) if heard[index - 1 : index] != [state]]
    assert states == ["running", "interrupted", "running", "paused", "running", "idle"]
