"""The events a change of availability is made of, in the order they happened: what the
hooks are run on.

Two statuses a moment apart are compared, not the requests that changed them: the tray
sees a change whoever made it (the hotkey, the menu, a forwarded command, another device's
sync), and an interruption that began and ended between two looks still reads as
``interrupted`` then ``back``. ``phase-changed`` follows whatever changed the phase, so a
hook that only keeps a chat status current needs no other event.
"""

from enum import StrEnum

from tracker.availability import Availability


class FocusEvent(StrEnum):
    BLOCK_STARTED = "block-started"
    PHASE_CHANGED = "phase-changed"
    INTERRUPTED = "interrupted"
    BACK = "back"
    PAUSED = "paused"
    RESUMED = "resumed"
    BLOCK_STOPPED = "block-stopped"
    QUIET_CHANGED = "quiet-changed"


def focus_events(before: Availability | None, after: Availability) -> list[FocusEvent]:
    """What happened between ``before`` (``None``: the app just started) and ``after``."""
    if before is None:
        return [FocusEvent.BLOCK_STARTED] if after.state != "idle" else []
    events: list[FocusEvent] = []
    same_block = before.started == after.started
    if before.state != "idle" and not same_block:
        events.append(FocusEvent.BLOCK_STOPPED)
    if after.state != "idle" and not same_block:
        events.append(FocusEvent.BLOCK_STARTED)
    if same_block and after.state != "idle":
        events += _within(before, after)
    if before.phase != after.phase:
        events.append(FocusEvent.PHASE_CHANGED)
    return events


def _within(before: Availability, after: Availability) -> list[FocusEvent]:
    """The events inside one block. Pauses are counted, as interruptions are, so that one
    that began and ended between two looks still reads as ``paused`` then ``resumed``."""
    events: list[FocusEvent] = []
    was_paused, is_paused = before.state == "paused", after.state == "paused"
    new_pauses = after.pauses - before.pauses
    if was_paused and (not is_paused or new_pauses > 0):
        events.append(FocusEvent.RESUMED)
    if new_pauses > (1 if is_paused else 0):  # one began and ended in between
        events += [FocusEvent.PAUSED, FocusEvent.RESUMED]
    new = after.interruptions > before.interruptions
    if before.state != "interrupted" and (new or after.state == "interrupted"):
        events.append(FocusEvent.INTERRUPTED)
    if (before.state == "interrupted" or new) and after.state == "running":
        events.append(FocusEvent.BACK)
    if is_paused and (not was_paused or new_pauses > 0):
        events.append(FocusEvent.PAUSED)
    return events
