"""The status others read, from the real app: the runtime file and the D-Bus object change
within a second of a phase change, ``status --follow`` prints a line per change, waybar's
JSON has its fields, and the hooks get each event, in order, without delaying a press."""

import itertools
import json
import os
import queue
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import gnome_session
from tests.app.cli_runner import FROM_SOURCE, ROOT
from tests.e2e.quiet_desktops import StandInServer, available_stand_in, until
from tests.e2e.running_app import RunningApp

FAST = ("ramp_up_min=0.05", "flow_after_min=0.1")


@pytest.fixture
def bus() -> Iterator[str]:
    with gnome_session.session_bus() as address:
        yield address


def status_file() -> Path:
    return Path(os.environ["XDG_RUNTIME_DIR"]) / "flowtally" / "status.json"


def published() -> dict[str, Any]:
    try:
        value: dict[str, Any] = json.loads(status_file().read_text())
    except (OSError, ValueError):
        return {}
    return value


class BusWatch:
    """``PropertiesChanged`` of Flowtally's status object, as a listener on the bus hears it."""

    def __init__(self, bus: str) -> None:
        from jeepney import MatchRule

        self.bus = bus
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.connection = open_dbus_connection(bus=bus)
        rule = MatchRule(
            type="signal",
            interface="org.freedesktop.DBus.Properties",
            member="PropertiesChanged",
            path="/io/github/flowtally/Status",
        )
        self.connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)
        self.heard: list[tuple[float, dict[str, str]]] = []
        self._filter = self.connection.filter(rule, bufsize=100)
        self._stop = False
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        with self._filter as signals:
            while not self._stop:
                try:
                    signal = self.connection.recv_until_filtered(signals, timeout=0.2)
                except TimeoutError:
                    continue
                changed = {k: v[1] for k, v in signal.body[1].items()}
                self.heard.append((time.monotonic(), changed))

    def get(self, name: str) -> str:
        from jeepney import DBusAddress
        from jeepney.wrappers import Properties

        address = DBusAddress(
            "/io/github/flowtally/Status",
            bus_name="io.github.flowtally.Flowtally",
            interface="io.github.flowtally.Status",
        )
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus=self.bus) as connection:  # the listener's reads its own
            reply = connection.send_and_get_reply(Properties(address).get(name), timeout=5)
        return str(reply.body[0][1])

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.connection.close()


def test_file_and_bus_follow_a_phase_change_within_a_second(
    x_display: str, tmp_path: Path, bus: str
) -> None:
    app = RunningApp(
        tmp_path / "flowtally.sqlite3", x_display, extra_env={"DBUS_SESSION_BUS_ADDRESS": bus}
    )
    app.cli("settings", *FAST)
    app.launch()
    watch = BusWatch(bus)
    try:
        until(lambda: published().get("state") == "idle", "the idle status published")
        assert stat.S_IMODE(status_file().parent.stat().st_mode) == 0o700
        started = datetime.now(UTC).replace(microsecond=0)
        app.cli("start", "--task", "API design", "--at", started.isoformat())
        deep_at = (
            time.monotonic() + (started + timedelta(seconds=3) - datetime.now(UTC)).total_seconds()
        )
        in_file = until(lambda: published().get("phase") == "deep", "deep focus in the file")
        assert in_file - deep_at < 1.0, f"the file changed {in_file - deep_at:.2f} s late"
        on_bus = until(lambda: any(c.get("Phase") == "deep" for _t, c in watch.heard), "the signal")
        heard_at = next(t for t, c in watch.heard if c.get("Phase") == "deep")
        assert heard_at - deep_at < 1.0
        assert on_bus
        assert watch.get("Task") == "API design"
        assert watch.get("Line") == published()["line"] == "In deep focus — I'll reply after."
        app.cli("interrupt")
        until(lambda: watch.get("State") == "interrupted", "interrupted on the bus")
    finally:
        watch.close()
    assert app.quit() == 0
    assert not status_file().exists(), "no app, no published status"


class Lines:
    """A follower's output, line by line as it comes."""

    def __init__(self, process: "subprocess.Popen[str]") -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line.strip())

    def next(self, timeout: float = 10) -> str:
        line = self.lines.get(timeout=timeout)
        self.seen.append(line)
        return line

    def until(self, wanted: str, timeout: float = 15) -> list[str]:
        """Lines up to the first that starts with ``wanted``."""
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while not got or not got[-1].startswith(wanted):
            got.append(self.next(max(0.1, deadline - time.monotonic())))
        return got


def test_follow_prints_a_line_per_change_and_waybar_reads_its_json(
    x_display: str, tmp_path: Path, bus: str
) -> None:
    app = RunningApp(
        tmp_path / "flowtally.sqlite3",
        x_display,
        extra_env={"DBUS_SESSION_BUS_ADDRESS": bus, "LANGUAGE": "nl"},
    )
    app.cli("settings", *FAST, "planned_block_min=50")
    app.launch()
    follow = subprocess.Popen(
        [*FROM_SOURCE, "status", "--line", "--follow", "--db", str(app.database)],
        cwd=ROOT,
        env=app.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = Lines(follow)
    try:
        assert lines.next() == "Niet in een focusblok."
        app.cli("start")
        assert lines.next().startswith("Aan het focussen tot ongeveer ")
        assert lines.next().startswith("In diepe focus tot ongeveer ")
        app.cli("interrupt")
        assert lines.next() == "Net onderbroken; zo weer aan het focussen."
        waybar = json.loads(app.cli("status", "--format", "waybar").stdout)
        assert {"text", "tooltip", "class", "percentage"} <= set(waybar)
        assert (waybar["class"], waybar["text"]) == ("interrupted", "onderbroken 0 min")
        app.cli("back")
        lines.until("In diepe focus")
        assert app.quit() == 0  # the follower goes on from the database
        app.cli("stop")
        lines.until("Niet in een focusblok.")
        repeats = [a for a, b in itertools.pairwise(lines.seen) if a == b]
        assert not repeats, lines.seen
    finally:
        follow.terminate()
        follow.communicate(timeout=10)


HOOK = """#!/bin/sh
cat >> "{out}"
"""
SLEEPER = """#!/bin/sh
echo $$ > "{pid}"
sleep 30
"""
FAILING = """#!/bin/sh
echo "no token set" >&2
exit 3
"""


def install_hooks(tmp_path: Path) -> tuple[Path, Path]:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "flowtally" / "hooks"
    folder.mkdir(parents=True)
    out, pid = tmp_path / "events.jsonl", tmp_path / "sleeper.pid"
    for name, text in (
        ("10-record", HOOK.format(out=out)),
        ("20-sleep", SLEEPER.format(pid=pid)),
        ("30-fail", FAILING),
    ):
        hook = folder / name
        hook.write_text(text)
        hook.chmod(0o700)
    return out, pid


def events_in(out: Path) -> list[dict[str, Any]]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.skipif(not available_stand_in(), reason="needs python3-dbus and dbus-daemon")
def test_hooks_get_each_event_in_order_and_a_hung_one_is_killed(
    x_display: str, tmp_path: Path, bus: str
) -> None:
    out, pid_file = install_hooks(tmp_path)
    server = StandInServer(bus)  # the notices arrive here
    try:
        app = RunningApp(
            tmp_path / "flowtally.sqlite3", x_display, extra_env={"DBUS_SESSION_BUS_ADDRESS": bus}
        )
        app.cli("settings", *FAST, "quiet_from=deep")
        app.launch()
        app.cli("start", "--task", "proof")
        until(
            lambda: any(e["event"] == "quiet-changed" and e["quiet"] for e in events_in(out)),
            "quiet in deep focus",
        )
        pressed = time.monotonic()
        app.cli("interrupt", "--source", "chat", "--note", "a secret note")
        latency = time.monotonic() - pressed
        assert latency < 2.0, f"an interrupt took {latency:.2f} s while a hook hung"
        app.cli("back")
        app.cli("pause")
        app.cli("resume")
        app.cli("stop")
        until(
            lambda: (
                events_in(out) and events_in(out)[-1]["event"] in ("block-stopped", "phase-changed")
            ),
            "the stop",
        )
        time.sleep(0.5)
        every = events_in(out)
        seen = [e["event"] for e in every if e["event"] not in ("phase-changed", "quiet-changed")]
        assert seen == [
            "block-started",
            "interrupted",
            "back",
            "paused",
            "resumed",
            "block-stopped",
        ]
        quiet = [(e["event"], e.get("quiet")) for e in every if e["event"] != "phase-changed"]
        assert quiet[:5] == [
            ("quiet-changed", False),
            ("block-started", None),
            ("quiet-changed", True),
            ("interrupted", None),
            ("quiet-changed", False),
        ], quiet
        interrupted = next(e for e in events_in(out) if e["event"] == "interrupted")
        assert (interrupted["kind"], interrupted["source"]) == ("external", "chat")
        assert "a secret note" not in out.read_text()
        assert {"time", "task", "phase", "until", "line"} <= set(interrupted)
        failures = [e for e in server.seen if e["event"] == "notified" and "30-fail" in e["body"]]
        server.next("notified", timeout=1) if not failures else None
        time.sleep(1)
        while not server.events.empty():
            server.seen.append(server.events.get_nowait())
        failures = [e for e in server.seen if e["event"] == "notified" and "30-fail" in e["body"]]
        assert len(failures) == 1, server.seen
        hung = int(pid_file.read_text())
        until(lambda: not Path(f"/proc/{hung}").exists(), "the hung hook killed", timeout=12)
        assert app.quit() == 0
    finally:
        server.stop()
