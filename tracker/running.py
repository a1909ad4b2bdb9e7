"""The running block's state machine, pure: each command returns the block it leads to.

    state      command      next state   effect
    ---------  -----------  -----------  ---------------------------------------------------
    idle       start        running      a new block opens at ``at``
    running    pause        paused       an open pause starts at ``at``
    paused     resume       running      the open pause ends at ``at`` (dropped if empty)
    running    stop         idle         the block ends at ``at``
    paused     stop         idle         the block ends where the pause began; pause dropped
    running    interrupt    running      an interruption is added (it resets to ramp-up)
    paused     interrupt    paused       an interruption is added (it breaks nothing)
    running    press        running      an ongoing interruption starts, unless one is going
                                         on already (then the press adds nothing)
    paused     press        paused       an instantaneous interruption (it breaks nothing)
    running    back         running      the ongoing interruption ends at ``at``

Pausing or stopping ends an ongoing interruption there: the person is no longer at work, so
no longer interrupted from it.

Anything else is a :class:`TransitionError` with a message for the user. Starting never ends
a running block silently: the user must stop it first.
"""

from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from tracker.errors import TransitionError, ValidationError
from tracker.i18n import _
from tracker.model import Block, Interruption, Pause, validate_block


class State(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"


def state_of(block: Block | None) -> State:
    if block is None or block.end is not None:
        return State.IDLE
    return State.PAUSED if block.open_pause is not None else State.RUNNING


def _need(block: Block | None, allowed: tuple[State, ...], refusal: str) -> Block:
    """``block`` when its state allows the command; else ``refusal`` (a template with
    ``{reason}``, in the reader's language), with the reason."""
    state = state_of(block)
    if state not in allowed:
        reason = {
            State.IDLE: _("no focus block is running (start one with 'flowtally start')"),
            State.RUNNING: _("the focus block is not paused"),
            State.PAUSED: _("the focus block is paused (resume it first)"),
        }[state]
        raise TransitionError(refusal.format(reason=reason))
    assert block is not None
    return block


def _checked(block: Block) -> Block:
    try:
        validate_block(block)
    except ValidationError as exc:
        raise TransitionError(exc.reason) from None
    return block


def _not_before(at: datetime, earliest: datetime, what: str) -> None:
    if at < earliest:
        raise TransitionError(_("that time is before {0}").format(what))


def start(running: Block | None, at: datetime, zone_name: str, task: str | None) -> Block:
    if state_of(running) is not State.IDLE:
        raise TransitionError(_("a focus block is already running; stop it first"))
    return _checked(Block(start=at, task=task, timezone=zone_name))


def pause(block: Block | None, at: datetime, zone_name: str) -> Block:
    block = _need(block, (State.RUNNING,), _("cannot pause: {reason}"))
    _not_before(at, last_event(block), _("the block's last recorded event"))
    block = _end_ongoing(block, at)
    return replace(block, pauses=(*block.pauses, Pause(at, None, zone_name)))


def resume(block: Block | None, at: datetime) -> Block:
    block = _need(block, (State.PAUSED,), _("cannot resume: {reason}"))
    open_pause = block.open_pause
    assert open_pause is not None
    _not_before(at, open_pause.start, _("the pause began"))
    others = tuple(p for p in block.pauses if p is not open_pause)
    if at == open_pause.start:
        return replace(block, pauses=others)
    return replace(block, pauses=(*others, replace(open_pause, end=at)))


def stop(block: Block | None, at: datetime) -> Block:
    block = _need(block, (State.RUNNING, State.PAUSED), _("cannot stop: {reason}"))
    open_pause = block.open_pause
    if open_pause is not None:
        at = open_pause.start
        block = replace(block, pauses=tuple(p for p in block.pauses if p is not open_pause))
    _not_before(at, last_event(block), _("the block's last recorded event"))
    if at == block.start:
        raise TransitionError(_("the block would have no length; nothing to stop"))
    return _checked(replace(_end_ongoing(block, at), end=at))


def interrupt(block: Block | None, interruption: Interruption) -> Block:
    block = _need(block, (State.RUNNING, State.PAUSED), _("cannot log an interruption: {reason}"))
    if interruption.at < block.start:
        raise TransitionError(_("that interruption is before the running block started"))
    if interruption.ongoing and block.open_interruption is not None:
        raise TransitionError(
            _("an interruption is going on already; end it with 'flowtally back' first")
        )
    return _checked(replace(block, interruptions=(*block.interruptions, interruption)))


def press(block: Block | None, interruption: Interruption) -> Interruption | None:
    """What a hotkey press (``interruption``, going on, with its tags) adds to the running
    block: itself, or nothing while one is going on already (a second press is the same
    interruption: it only brings its popup back). While paused it is kept as an instant (it
    breaks nothing). One the clock dates before the block's start (the clock was set back)
    is kept at the start."""
    block = _need(block, (State.RUNNING, State.PAUSED), _("cannot log an interruption: {reason}"))
    if block.open_interruption is not None:
        return None
    at = max(interruption.at, block.start)
    return replace(interruption, at=at, end=None, ongoing=block.open_pause is None)


def back(block: Block | None, at: datetime) -> Block:
    """ "I'm back": the ongoing interruption ends at ``at``."""
    block = _need(block, (State.RUNNING, State.PAUSED), _("cannot say you are back: {reason}"))
    if block.open_interruption is None:
        raise TransitionError(_("cannot say you are back: no interruption is going on"))
    return _checked(_end_ongoing(block, at))


def _end_ongoing(block: Block, at: datetime) -> Block:
    ongoing = block.open_interruption
    if ongoing is None:
        return block
    ended = replace(ongoing, end=max(at, ongoing.at), ongoing=False)
    others = tuple(i for i in block.interruptions if i is not ongoing)
    return replace(block, interruptions=(*others, ended))


def last_event(block: Block) -> datetime:
    """The latest instant the block already records; a pause or stop cannot precede it."""
    instants = [block.start]
    instants += [p.end or p.start for p in block.pauses]
    instants += [i.at for i in block.interruptions]
    return max(instants)
