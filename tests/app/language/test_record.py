"""The records behave as the frozen dataclasses they replace: the whole app compares,
hashes, matches and logs requests."""

import pytest

from app.language import record
from app.language import requests as rq
from tracker.types import Kind


def test_fields_take_defaults_positions_and_names() -> None:
    press = rq.Interrupt(Kind.INTERNAL, note="a call")
    assert (press.kind, press.source, press.note, press.at) == (
        Kind.INTERNAL,
        "other",
        "a call",
        None,
    )
    assert rq.Import("/tmp/x.json").format is None


def test_equal_values_are_equal_only_within_one_type() -> None:
    assert rq.Start("write") == rq.Start(task="write")
    assert hash(rq.Start("write")) == hash(rq.Start(task="write"))
    assert rq.Start("write") != rq.Start("read")
    assert rq.Pause() != rq.Resume()  # the same (empty) values, another request
    assert len({rq.Pause(), rq.Resume(), rq.Pause()}) == 2


def test_a_record_is_frozen() -> None:
    start = rq.Start("write")
    with pytest.raises(AttributeError, match="frozen"):
        start.task = "read"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del start.task


@pytest.mark.parametrize(
    ("make", "problem"),
    [  # the type checker refuses each of these too
        (lambda: rq.Import(), "missing the argument 'file'"),  # type: ignore[call-arg]
        (lambda: rq.Start(colour="red"), "unexpected or repeated argument 'colour'"),  # type: ignore[call-arg]
        (lambda: rq.Start("a", task="b"), "unexpected or repeated argument 'task'"),  # type: ignore[misc]
        (lambda: rq.Pause("1", "2"), "takes 1 arguments, 2 given"),  # type: ignore[call-arg]
    ],
)
def test_a_wrong_call_is_a_type_error(make: object, problem: str) -> None:
    assert callable(make)
    with pytest.raises(TypeError, match=problem):
        make()


def test_it_reads_as_it_was_made() -> None:
    assert repr(rq.Stop(at="17:00")) == "Stop(at='17:00', gap=None)"


def test_positional_patterns_match_in_field_order() -> None:
    match rq.Start("write", at="9:00"):
        case rq.Start(task, at):
            assert (task, at) == ("write", "9:00")
        case _:
            pytest.fail("no match")


def test_replace_and_fields() -> None:
    invocation = rq.Invocation(rq.Undo(), db="x.sqlite3", tz="UTC")
    assert record.replace(invocation, db=None) == rq.Invocation(rq.Undo(), tz="UTC")
    assert list(record.fields(rq.Report)) == ["week", "device", "json", "output"]
    assert record.fields(rq.Report)["week"] == "str | None"
