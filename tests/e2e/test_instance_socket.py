"""The running app's command socket under bad input and exhaustion: every request is answered
or closed, a line without end cannot fill memory, and running out of file descriptors does
not silence the socket for good."""

import json
import os
import resource
import socket
import subprocess
import time
from pathlib import Path

from app.instance import socket_path
from tests.app.cli_runner import FROM_SOURCE, ROOT
from tests.e2e.running_app import RunningApp


def _connect(app: RunningApp) -> socket.socket:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(5)
    try:
        client.connect(str(socket_path(str(app.database))))
    except OSError:
        client.close()
        raise
    return client


def _answer(client: socket.socket) -> bytes:
    data = b""
    while chunk := client.recv(65536):
        data += chunk
    return data


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_bad_lines_are_answered_and_a_long_one_cannot_fill_memory(
    x_display: str, tmp_path: Path
) -> None:
    app = RunningApp(tmp_path / "socket.sqlite3", x_display).launch()
    try:
        for line in (b"[1, 2]\n", b"5\n", b'"argv"\n', b"{nope\n", b"[" * 20_000 + b"\n"):
            client = _connect(app)
            client.sendall(line)
            answer = json.loads(_answer(client))  # the server closes the connection, too
            client.close()
            assert answer["code"] == 2
            assert "bad request" in answer["err"]

        assert app.process is not None
        before = _rss_kb(app.process.pid)
        client = _connect(app)
        sent = 0
        chunk = b"x" * (1 << 20)
        try:
            while sent < 64 << 20:
                client.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # refused well before 64 MiB: the server closed the connection
        client.close()
        time.sleep(0.5)
        assert _rss_kb(app.process.pid) - before < 16 * 1024
        assert app.status()["app"] is not None  # still serving
    finally:
        assert app.quit() == 0


def test_the_socket_listens_again_after_running_out_of_file_descriptors(
    x_display: str, tmp_path: Path
) -> None:
    app = RunningApp(tmp_path / "fds.sqlite3", x_display).launch()
    try:
        assert app.process is not None
        pid = app.process.pid
        limits = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        in_use = len(os.listdir(f"/proc/{pid}/fd"))
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (in_use + 2, limits[1]))
        clients = []
        try:
            for _ in range(10):
                try:
                    clients.append(_connect(app))
                except OSError:
                    break
            time.sleep(1)
        finally:
            for client in clients:
                client.close()
            resource.prlimit(pid, resource.RLIMIT_NOFILE, limits)
        app.wait_for(lambda s: s.get("app") is not None, "the socket to listen again", timeout=10)
        started = app.cli("start", "--task", "after the storm")
        assert "Started" in started.stdout
        assert app.rows("SELECT task FROM blocks") == [("after the storm",)]
    finally:
        assert app.quit() == 0


def test_the_app_refuses_what_no_client_sends(x_display: str, tmp_path: Path) -> None:
    """Another program on the socket (the user's own, but not ``flowtally``) cannot make the
    app export, import or move its database: a client runs those in the terminal."""
    app = RunningApp(tmp_path / "raw.sqlite3", x_display).launch()
    elsewhere = tmp_path / "elsewhere.sqlite3"
    try:
        for argv in (
            ["export", "--format", "json", "--output", str(tmp_path / "out.json")],
            ["import", str(tmp_path / "in.json")],
            ["settings", f"database_url={elsewhere}"],
            ["report", "--output", str(tmp_path / "r.html")],
            ["--help"],
            ["status", "--help"],
        ):
            client = _connect(app)
            client.sendall(json.dumps({"argv": argv}).encode() + b"\n")
            answer = json.loads(_answer(client))
            client.close()
            assert answer["code"] == 2, argv
            assert answer["err"].startswith("flowtally: error: "), argv
            assert answer["out"] == "", argv
        assert not (tmp_path / "out.json").exists()
        assert not (tmp_path / "r.html").exists()
        assert not elsewhere.exists()
        assert app.status()["app"] is not None
    finally:
        assert app.quit() == 0


def test_a_client_of_another_version_is_told_so_in_one_line(x_display: str, tmp_path: Path) -> None:
    app = RunningApp(tmp_path / "versions.sqlite3", x_display).launch()
    try:
        client = _connect(app)
        other = {"flowtally": "0.000000000000", "request": {"type": "Status", "json": False}}
        client.sendall(json.dumps(other).encode() + b"\n")
        answer = json.loads(_answer(client))
        client.close()
        assert answer == {
            "code": 2,
            "out": "",
            "err": "flowtally: error: the running Flowtally is another version: quit it and "
            "start it again\n",
        }
        assert app.status()["app"] is not None
    finally:
        assert app.quit() == 0


def test_a_report_file_named_in_the_terminal_is_written_there_by_the_app(
    x_display: str, tmp_path: Path
) -> None:
    """``report -o`` is forwarded like every tracking command: the terminal made its path
    absolute, so the app writes where the person is, whatever its own folder."""
    app = RunningApp(tmp_path / "files.sqlite3", x_display).launch()
    terminal = tmp_path / "terminal"
    terminal.mkdir()
    try:
        app.cli("start", "--task", "charts")
        result = subprocess.run(
            [*FROM_SOURCE, "report", "-o", "week.png", "--db", str(app.database)],
            cwd=terminal,
            env={**app.env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert str(terminal / "week.png") in result.stdout
        assert (terminal / "week.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert app.app_info()["charts_loaded"] is True  # the app drew it: it was forwarded
    finally:
        assert app.quit() == 0
