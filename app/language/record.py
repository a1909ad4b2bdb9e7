"""Frozen records for the command language, made without :mod:`dataclasses`.

A forwarded command must cost little more than the interpreter (#27), and the forwarding
client builds its request from these classes. :mod:`dataclasses` imports :mod:`inspect` and
compiles every class's methods with ``exec``: about a millisecond a class, for some thirty
classes. A record reads its fields from its annotations once, when its class is made, and
shares one ``__init__``, ``__eq__``, ``__hash__`` and ``__repr__``. To the type checker it
is a frozen dataclass (``dataclass_transform``, PEP 681), so a wrong field or a missing
argument is still caught before it runs.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is a few milliseconds the client does not need
if TYPE_CHECKING:
    from typing import Any, ClassVar, dataclass_transform
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


@dataclass_transform(frozen_default=True)
class Record:
    """Subclasses declare annotated fields, with defaults as in a dataclass."""

    _record_fields: ClassVar[tuple[str, ...]] = ()
    _record_types: ClassVar[dict[str, str]] = {}
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # inspect.get_annotations would import inspect, the cost this module avoids.
        annotations: dict[str, str] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        cls._record_types = {name: str(kind) for name, kind in annotations.items()}
        cls._record_fields = tuple(cls._record_types)
        cls.__match_args__ = cls._record_fields  # type: ignore[misc]  # ``case rq.Start(task)``

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._record_fields
        kind = type(self).__name__
        if len(args) > len(names):
            raise TypeError(f"{kind}() takes {len(names)} arguments, {len(args)} given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{kind}() got an unexpected or repeated argument {name!r}")
            values[name] = value
        for name in names:
            if name not in values:
                if name not in type(self).__dict__:  # no default
                    raise TypeError(f"{kind}() is missing the argument {name!r}")
                values[name] = type(self).__dict__[name]
            object.__setattr__(self, name, values[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._record_fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_fields)
        return f"{type(self).__name__}({shown})"


def fields(kind: type[Record] | Record) -> dict[str, str]:
    """Each field's name and its annotation, as written (the wire's fingerprint reads it)."""
    return dict(kind._record_types)


def replace(record: Record, **changes: object) -> Any:
    """A copy of ``record`` with ``changes`` (as :func:`dataclasses.replace`)."""
    values = {name: getattr(record, name) for name in fields(record)}
    return type(record)(**{**values, **changes})
