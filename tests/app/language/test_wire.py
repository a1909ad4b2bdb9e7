"""The command language end to end without a socket: every command line parses into its
request, which crosses the wire unchanged; anything else (another version, a misfit field)
is refused with one line, never misread."""

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.instance import socket_path
from app.language import grammar, record, wire
from app.language import requests as rq
from tracker.types import Kind

LINES = [
    ["start", "--task", "essay", "--at", "9:00"],
    ["start", "--at-press"],
    ["pause", "--at", "10m ago"],
    ["resume"],
    ["stop", "--gap", "break"],
    ["add", "--from", "8:00", "--to", "9:00", "-t", "mail"],
    ["interrupt", "-k", "internal", "-s", "chat", "-n", "a note", "--minutes", "2.5"],
    ["interrupt", "--at", "9:10", "--end", "9:20"],
    ["back", "--at", "9:30"],
    ["undo"],
    ["status", "--json"],
    ["report", "--week", "2026-W47", "--device", "laptop", "--json"],
    ["trend", "--weeks", "4", "--to", "2026-W47"],
    ["dashboard", "--week", "2026-W47"],
    ["forecast", "--week", "next", "--weeks", "6", "--json", "-o", "/srv/focus.ics"],
    ["checkin", "4"],
    ["checkin", "skip"],
    ["calibrate", "--json", "--accept"],
    ["export", "-f", "csv", "--device", "laptop"],
    ["import", "/srv/in.json", "-f", "json"],
    ["sync"],
    ["desktop", "install"],
    ["settings", "ramp_up_min=20", "timezone=Europe/Oslo"],
    ["team", "init", "postgresql://admin@host/team", "--min-group", "6", "--name", "Ops"],
    ["team", "add", "ana", "--db", "postgresql://admin@host/team"],
    ["team", "remove", "ana", "--db", "postgresql://admin@host/team"],
    ["team", "members", "--db", "postgresql://admin@host/team"],
    ["team", "join", "postgresql://ana@host/team"],
    ["team", "share", "on"],
    ["team", "report", "--min-group", "7"],
]


@pytest.mark.parametrize("argv", LINES, ids=lambda argv: " ".join(argv[:2]))
def test_every_command_line_crosses_the_wire_unchanged(argv: list[str]) -> None:
    invocation = grammar.parse([*argv, "--tz", "Europe/Oslo"])
    assert invocation.request is not None
    message = json.loads(json.dumps(wire.encode(invocation, "token-1")))
    assert wire.decode(message) == record.replace(invocation, db=None)
    assert wire.activation_token(message) == "token-1"


def test_every_request_type_has_a_command_line() -> None:
    parsed = {type(grammar.parse(argv).request) for argv in LINES}
    assert parsed == set(rq.KINDS)


def test_what_the_grammar_makes_is_typed() -> None:
    request = grammar.parse(["interrupt", "-k", "internal", "--minutes", "3"]).request
    assert request == rq.Interrupt(kind=Kind.INTERNAL, minutes=3.0)
    assert isinstance(request, rq.Interrupt)
    assert not request.is_press
    assert grammar.parse(["settings", "a=1"]).request == rq.Settings(("a=1",))


def test_paths_are_made_absolute_in_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert grammar.parse(["report", "-o", "week.png"]).request == rq.Report(
        output=str(tmp_path / "week.png")
    )
    assert grammar.parse(["export", "-o", "-"]).request == rq.Export(output="-")
    assert grammar.parse(["import", "in.json"]).request == rq.Import(str(tmp_path / "in.json"))


@pytest.mark.parametrize(
    "message",
    [
        {"argv": ["status"]},  # a client from before the version rule
        {"flowtally": "0.000000000000", "request": {"type": "Status", "json": False}},
        {"raise": True},
    ],
)
def test_another_version_gets_one_clear_line(message: dict[str, object]) -> None:
    with pytest.raises(wire.WireError) as refused:
        wire.decode(message)
    assert str(refused.value) == (
        "the running Flowtally is another version: quit it and start it again"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"type": "Status", "json": "yes"},
        {"type": "Status"},
        {"type": "Status", "json": False, "extra": 1},
        {"type": "Interrupt", "kind": "sideways", "source": "x", "note": None}
        | {"at": None, "minutes": None, "end": None},
        {"type": "Interrupt", "kind": "internal", "source": "x", "note": None}
        | {"at": None, "minutes": True, "end": None},
        {"type": "Stop", "at": None, "gap": "lunch"},
        {"type": "Settings", "assignments": ["a=1", 2], "json": False},
        {"type": "Nothing"},
        {"type": "Invocation", "request": None, "db": None, "tz": None},
    ],
)
def test_a_misfit_request_is_a_bad_request(body: dict[str, object]) -> None:
    with pytest.raises(wire.WireError, match=r"^bad request$"):
        wire.decode({"flowtally": wire.VERSION, "request": body})


def test_the_version_follows_the_language() -> None:
    """A field added to any request changes the version without anyone raising it."""

    class Status(record.Record):
        json: bool = False
        verbose: bool = False

    kinds = tuple(Status if kind is rq.Status else kind for kind in rq.KINDS)
    changed = wire.digest(kinds)
    assert changed != wire.digest(rq.KINDS)
    assert f"{wire.ENVELOPE}.{wire.digest(rq.KINDS)}" == wire.VERSION


CLIENT_MODULES = {
    *("app", "app.entry", "app.forwarding", "app.processes", "app.language"),
    "app.language.grammar",
    *("app.language.options", "app.language.parsers", "app.language.record"),
    "app.language.requests",
    "app.language.wire",
    *("tracker", "tracker.errors", "tracker.i18n", "tracker.types"),
}
"""What a forwarded command may import of Flowtally: the parser, the request types, the
wire and the socket (#27)."""

NOT_IN_THE_CLIENT = (
    *("sqlalchemy", "alembic", "PySide6", "platformdirs", "typing", "dataclasses"),
    *("pathlib", "inspect", "datetime", "zoneinfo", "traceback", "socket", "hashlib", "shutil"),
)
"""Each costs the forwarding client milliseconds it need not spend."""


def test_the_forwarding_client_imports_only_what_it_uses(tmp_path: Path) -> None:
    """A forwarded command, as the terminal sends it, to a stand-in app that answers."""
    database = str(tmp_path / "db.sqlite3")
    script = f"""
import json, sys
from app.entry import main
code = main(["status", "--db", {database!r}])
ours = sorted(m for m in sys.modules if m.split(".")[0] in ("app", "tracker", "data", "ui"))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {NOT_IN_THE_CLIENT!r})
print(json.dumps({{"code": code, "ours": ours, "heavy": heavy}}))
"""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(socket_path(database)))
        server.listen(1)

        def reply() -> None:
            connection, _ = server.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(b'{"code": 0, "out": "answered\\n", "err": ""}\n')

        stand_in = threading.Thread(target=reply)
        stand_in.start()
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=os.environ,
        )
        stand_in.join(5)
    socket_path(database).unlink()
    assert result.stderr == ""
    answer, loaded = result.stdout.splitlines()
    assert answer == "answered"
    facts = json.loads(loaded)
    assert facts["code"] == 0
    assert set(facts["ours"]) <= CLIENT_MODULES, set(facts["ours"]) - CLIENT_MODULES
    assert facts["heavy"] == []
