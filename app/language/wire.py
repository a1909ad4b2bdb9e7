"""A request as one JSON line on the app's socket, and the version rule that guards it.

The rule: a message carries :data:`VERSION`, and the app runs a request only when that is
its own. :data:`VERSION` is the envelope's number (:data:`ENVELOPE`, raised by hand when the
message's own keys change) joined to a digest of the language itself: every request type's
name, its fields' names and types, and the kinds of interruption. Adding, renaming or
retyping a field therefore changes the version with nobody having to remember to, and a
client and an app that differ in any of it get one clear line instead of a misread
command. A client older than the rule sends ``{"argv": …}``, which has no version: the
same line.

The forwarding client only encodes; :mod:`typing`, which decoding reads the fields' types
with, is imported by the app when it decodes.
"""

from __future__ import annotations

import sys
from enum import Enum

from app.language import record
from app.language import requests as rq
from tracker.i18n import _
from tracker.types import Kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ENVELOPE = 1


def digest(kinds: tuple[type, ...]) -> str:
    """The language's fingerprint: each request type's name, fields and their types."""
    parts = []
    for kind in kinds:
        typed = ", ".join(f"{name}: {hint}" for name, hint in record.fields(kind).items())
        parts.append(f"{kind.__name__}({typed})")
    parts.append("Kind=" + ",".join(k.value for k in Kind))
    return short_sha256("\n".join(parts))


def short_sha256(text: str) -> str:
    """The first 12 hex digits of ``text``'s SHA-256, from the interpreter's own SHA-256
    where it has one: :mod:`hashlib` loads OpenSSL and reads its configuration first, 3 ms
    of a forwarded command's 40."""
    try:
        if sys.version_info >= (3, 12):
            from _sha2 import sha256
        else:
            from _sha256 import sha256  # type: ignore[import-not-found]  # no stub
    except ImportError:  # an interpreter built without its own hashes
        from hashlib import sha256
    digest: str = sha256(text.encode()).hexdigest()
    return digest[:12]


VERSION = f"{ENVELOPE}.{digest(rq.KINDS)}"
_BY_NAME: dict[str, type[rq.Request]] = {kind.__name__: kind for kind in rq.KINDS}


class WireError(ValueError):
    """A message the app cannot run; its text is the one line the client prints."""


def encode(invocation: rq.Invocation, activation_token: str | None = None) -> dict[str, Any]:
    """The message for a request (``None``: show the running app)."""
    message: dict[str, Any] = {"flowtally": VERSION}
    request = invocation.request
    if request is None:
        message["raise"] = True
        return message
    fields = {name: _plain(getattr(request, name)) for name in record.fields(request)}
    message["request"] = {"type": type(request).__name__, **fields}
    if invocation.tz is not None:
        message["tz"] = invocation.tz
    if activation_token:
        message["activation_token"] = activation_token
    return message


def decode(message: object) -> rq.Invocation:
    """The invocation a message asks for, or :class:`WireError` saying why it cannot be run."""
    if not isinstance(message, dict):
        raise WireError("bad request")
    if message.get("flowtally") != VERSION:
        raise WireError(_("the running Flowtally is another version: quit it and start it again"))
    tz = message.get("tz")
    if tz is not None and not isinstance(tz, str):
        raise WireError("bad request")
    if message.get("raise") is True:
        return rq.Invocation(None, tz=tz)
    body = message.get("request")
    if not isinstance(body, dict) or not isinstance(
        kind := _BY_NAME.get(str(body.get("type"))), type
    ):
        raise WireError("bad request")
    return rq.Invocation(_build(kind, body), tz=tz)


def activation_token(message: dict[str, Any]) -> str | None:
    token = message.get("activation_token")
    return token if isinstance(token, str) and token else None


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _build(kind: type[rq.Request], body: dict[str, Any]) -> rq.Request:
    import typing

    # The annotations are strings; those only the type checker imports are given here.
    hints = typing.get_type_hints(kind, globalns=typing.__dict__ | vars(rq))
    names = set(record.fields(kind))
    if set(body) - {"type"} != names:
        raise WireError("bad request")
    values: dict[str, Any] = {}
    for name in names:
        fitted = _fit(body[name], hints[name])
        if fitted is _MISFIT:
            raise WireError("bad request")
        values[name] = fitted
    return kind(**values)


_MISFIT = object()


def _fit(value: object, hint: Any) -> object:
    """``value`` as a field typed ``hint`` holds it, or :data:`_MISFIT`."""
    import types
    from typing import Literal, Union, get_args, get_origin

    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in get_args(hint):
            if (fitted := _fit(value, option)) is not _MISFIT:
                return fitted
        return _MISFIT
    if origin is Literal:
        return value if value in get_args(hint) else _MISFIT
    if origin is tuple:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        return _MISFIT
    if hint is type(None):
        return None if value is None else _MISFIT
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            return _MISFIT
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint in (str, int, bool) and type(value) is hint:
        return value
    return _MISFIT
