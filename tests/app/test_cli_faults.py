"""Bad input at the command line: each case is one line on stderr with exit 1 (or a clean
refusal), never a traceback, and nothing is written. Secrets are never shown."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.entry import main
from data.store import Store
from tests.app.cli_runner import FROM_SOURCE, ROOT, assert_clean_error, flowtally
from tracker.model import Block, Interruption
from tracker.settings import SETTING_NAMES
from tracker.types import Kind


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out, err)
    except SystemExit as exit_:  # argparse's own usage errors
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def one_line_error(result: tuple[int, str, str], *fragments: str) -> None:
    code, _out, err = result
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("flowtally: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "faults.sqlite3")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["interrupt", "--minutes", "nan"], "--minutes must be between 0 and 1440"),
        (["interrupt", "--minutes", "inf"], "--minutes must be between 0 and 1440"),
        (["interrupt", "--minutes", "1e12"], "--minutes must be between 0 and 1440"),
        (["interrupt", "--end", "2199-12-31T00:00Z"], "more than a day"),
        (["start", "--at", "0001-01-01T00:00+01:00"], "out of range"),
        (["start", "--at", "9999-12-31T23:00-02:00"], "out of range"),
        (["start", "--at=-99999999999999m"], "out of range"),
        (["start", "--at", "0001-01-01 00:00"], "out of range"),
        (["report", "--week", "9999-W52", "--tz", "America/New_York"], "out of range"),
        (["trend", "--to", "0001-W05"], "out of range"),
        (["status", "--tz", "localtime"], "not an IANA time zone"),
        (["status", "--tz", "posixrules"], "not an IANA time zone"),
    ],
)
def test_absurd_numbers_and_times_are_one_line(db: str, argv: list[str], fragment: str) -> None:
    run("start", "--db", db, "--at", "10m ago")
    one_line_error(run(*argv, "--db", db), fragment)
    with Store.open(db) as store:
        assert store.count()[2] == 0  # no interruption was written


@pytest.mark.parametrize(
    "assignment",
    [
        "min_period_min=1e300",
        "ramp_up_min=2000",
        "away_after_min=inf",
        "break_after_min=nan",
        "planned_block_min=1441",
        "database_url=postgresql://me:PW@h:notaport/db",
        "database_url=sqlite:////proc/flowtally/forbidden.db",
        "timezone=localtime",
    ],
)
def test_absurd_settings_are_refused_and_the_old_ones_kept(assignment: str) -> None:
    before = run("settings", "--json")[1]
    result = run("settings", assignment)
    one_line_error(result)
    assert "PW" not in result[2]
    assert run("settings", "--json")[1] == before


@pytest.mark.parametrize(
    "content",
    [
        '{"ramp_up_min": 1e300}',
        '{"min_period_min": 1e999}',
        "[" * 100_000 + "]" * 100_000,
        '{"timezone": "localtime"}',
    ],
)
def test_an_absurd_settings_file_gives_a_warning_and_the_defaults(
    private_user_folders: Path, db: str, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = private_user_folders / "config" / "flowtally" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    code, out, err = run("status", "--db", db)
    assert code == 0, err
    warning = capsys.readouterr().err.strip().splitlines()
    assert len(warning) == 1, warning
    assert warning[0].startswith("flowtally: warning: ignoring"), warning
    assert "No focus block running" in out


def _document(start: str, end: str, **extra: object) -> str:
    return json.dumps({"format": "flowtally/1", "blocks": [{"start": start, "end": end, **extra}]})


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        (_document("2030-01-01T09:00+01:00", "2030-01-01T10:00+01:00"), "in the future"),
        (_document("0001-01-01T00:00+01:00", "2026-01-01T10:00+01:00"), "out of range"),
        (_document("2026-01-01T09:00+01:00", "9999-12-31T22:00-02:00"), "out of range"),
        (_document("1969-12-31T09:00Z", "1969-12-31T10:00Z"), "out of range"),
        ('{"format": "flowtally/1", "blocks": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested"),
        (_document("2026-01-01T09:00Z", "2026-01-01T10:00Z", task="a\u0000b"), "NUL"),
        (
            _document(
                "2026-01-01T09:00Z",
                "2026-01-01T10:00Z",
                interruptions=[{"at": "2026-01-01T09:10Z", "note": "x\u0000"}],
            ),
            "blocks[0].interruptions[0].note: contains a NUL",
        ),
    ],
)
def test_an_import_of_impossible_times_or_text_is_refused_whole(
    db: str, tmp_path: Path, document: str, fragment: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(document)
    one_line_error(run("import", str(path), "--db", db), fragment, "nothing was imported")
    with Store.open(db) as store:
        assert store.count() == (0, 0, 0)
    # The CLI still starts a block now: nothing in the future stands in the way.
    assert run("start", "--db", db)[0] == 0


def test_a_csv_with_an_impossible_time_names_its_line(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    rows = [
        "record,block_start,block_end,task,start,end,kind,source,note",
        "block,2031-02-03T09:00Z,2031-02-03T10:00Z,later,,,,,",
    ]
    path.write_text("\n".join(rows) + "\n")
    one_line_error(run("import", str(path), "--db", db), "line 2 (block_end)", "future")


@pytest.mark.postgres
def test_a_nul_character_is_refused_alike_on_postgresql(
    postgres_server: object, tmp_path: Path
) -> None:
    from tests.postgres_server import PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    path = tmp_path / "nul.json"
    path.write_text(_document("2026-01-01T09:00Z", "2026-01-01T10:00Z", task="a\u0000b"))
    with postgres_server.database() as url:
        one_line_error(run("import", str(path), "--db", url), "blocks[0].task", "NUL")


def test_the_database_password_is_never_shown(tmp_path: Path, private_user_folders: Path) -> None:
    url = "postgresql://me:S3cretPW@127.0.0.1:9/flowtally"
    config = private_user_folders / "config" / "flowtally"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"database_url": url}))
    for argv in (["settings"], ["settings", "--json"]):
        code, out, err = run(*argv)
        assert code == 0
        assert "S3cretPW" not in out + err
        assert "me:***@127.0.0.1" in out
    unknown = run("settings", "database_url=nosuch://me:S3cretPW@host/db")
    one_line_error(unknown, "unknown kind of database")
    assert "S3cretPW" not in unknown[2]
    refused = run("status", "--db", "nosuch://me:S3cretPW@host/db")
    assert "S3cretPW" not in refused[2]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_round_trip(
    db: str, tmp_path: Path
) -> None:
    texts = ['=HYPERLINK("http://x")', "@SUM(1+1)", "+1", "-2", "'=already quoted", "plain"]
    start = datetime(2026, 11, 16, 9, tzinfo=UTC)
    with Store.open(db) as store:
        store.import_blocks(
            [
                Block(
                    start + timedelta(hours=2 * i),
                    start + timedelta(hours=2 * i + 1),
                    text,
                    interruptions=(
                        Interruption(
                            start + timedelta(hours=2 * i, minutes=5),
                            kind=Kind.INTERNAL,
                            source=text[:40],
                            note=text,
                        ),
                    ),
                )
                for i, text in enumerate(texts)
            ]
        )
    exported = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "-o", str(exported), "--db", db)[0] == 0
    cells = [
        cell
        for row in csv.reader(io.StringIO(exported.read_text()))
        for cell in row[3:4] + row[7:9]
    ]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "''=already quoted" in cells
    other = str(tmp_path / "other.sqlite3")
    assert run("import", str(exported), "--db", other)[0] == 0
    original = run("export", "--db", db)[1]
    assert run("export", "--db", other)[1] == original  # the text as typed, both ways


def test_export_follows_a_link_and_keeps_it(db: str, tmp_path: Path) -> None:
    run("start", "--db", db, "--at", "20m ago")
    run("stop", "--db", db)
    shared = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path / "elsewhere"
    target = shared / f"flowtally-export-{os.getpid()}.json"
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    try:
        result = run("export", "-o", str(link), "--db", db)  # across file systems
        assert result[0] == 0, result[2]
        assert link.is_symlink()
        assert json.loads(target.read_text())["format"] == "flowtally/1"
    finally:
        target.unlink(missing_ok=True)


def test_an_import_over_the_size_limit_is_refused_at_once(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.commands import importing

    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1024)
    path = tmp_path / "big.json"
    path.write_text(_document("2026-01-01T09:00Z", "2026-01-01T10:00Z", task="x" * 2000))
    one_line_error(run("import", str(path), "--db", db), "at most", "split the file")


def test_a_runtime_folder_another_user_prepared_is_not_used(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a folder owned by another user needs root (CI runs as root)")
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir(mode=0o1777)
    shared_tmp.chmod(0o1777)
    hostile = shared_tmp / f"runtime-{os.getuid()}"
    hostile.mkdir()
    hostile.chmod(0o777)
    shutil.chown(hostile, "nobody")
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    env["TMPDIR"] = str(shared_tmp)
    db = str(tmp_path / "r.sqlite3")
    result = subprocess.run(
        [*("python3", "-m", "app"), "status", "--db", db],
        cwd=ROOT,
        env={**env, "PATH": f"{Path(sys.executable).parent}:{env['PATH']}"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert list(hostile.iterdir()) == []  # nothing of ours in the other user's folder


def test_the_cli_falls_back_quietly_when_the_app_goes_away_mid_answer(
    db: str, tmp_path: Path
) -> None:
    import socket
    import threading

    from app.instance import socket_path

    path = socket_path(db)
    for reply in (b"", b'{"code": 0, "out": "half'):
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        path.unlink(missing_ok=True)
        server.bind(str(path))
        server.listen(1)

        def answer_badly(reply: bytes = reply, server: socket.socket = server) -> None:
            connection, _ = server.accept()
            connection.recv(65536)
            connection.sendall(reply)
            connection.close()

        worker = threading.Thread(target=answer_badly)
        worker.start()
        try:
            code, out, err = run("status", "--db", db)
        finally:
            worker.join(5)
            server.close()
            path.unlink(missing_ok=True)
        assert code == 0, err
        assert "No focus block running" in out


def test_an_unexpected_error_is_one_line_and_logged(
    private_user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.commands import runner

    def broken(*_: object, **__: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(runner, "run", broken)
    one_line_error(run("status"), "internal error (RuntimeError: a bug)")
    log = private_user_folders / "state" / "flowtally" / "log" / "flowtally.log"
    assert "Traceback" in log.read_text()


def test_the_real_command_prints_no_traceback_for_an_extreme_date(tmp_path: Path) -> None:
    result = flowtally(
        "start", "--at", "0001-01-01T00:00+01:00", "--db", str(tmp_path / "x"), check=False
    )
    assert_clean_error(result, "out of range")


NUMBER_TEXT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e300", "1e12", "-5", "0", "10"]),
)
TIME_TEXT = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
        lambda d: d.isoformat(timespec="minutes")
    ),
    st.sampled_from(
        ["0001-01-01T00:00+01:00", "9999-12-31T22:00-02:00", "25:00", "23:59", "1e9m ago"]
    ),
    NUMBER_TEXT.map(lambda n: f"{n}m ago"),
    st.text(max_size=12),
)
WEEK_TEXT = st.builds(
    lambda y, w: f"{y:04d}-W{w:02d}", st.integers(0, 9999), st.integers(0, 60)
) | st.text(max_size=10)
COMMAND_LINES = st.one_of(
    st.tuples(st.just("interrupt"), st.just("--minutes"), NUMBER_TEXT),
    st.tuples(st.just("interrupt"), st.just("--at"), TIME_TEXT),
    st.tuples(st.just("interrupt"), st.just("--end"), TIME_TEXT),
    st.tuples(st.sampled_from(["start", "pause", "resume", "stop"]), st.just("--at"), TIME_TEXT),
    st.tuples(st.just("report"), st.just("--week"), WEEK_TEXT),
    st.tuples(st.just("trend"), st.just("--to"), WEEK_TEXT),
    st.tuples(st.just("trend"), st.just("--weeks"), NUMBER_TEXT),
    st.tuples(st.just("status"), st.just("--tz"), st.text(max_size=20)),
    st.tuples(st.just("settings"), st.sampled_from(SETTING_NAMES), NUMBER_TEXT | TIME_TEXT).map(
        lambda t: (t[0], f"{t[1]}={t[2]}")
    ),
)


@given(COMMAND_LINES, st.sampled_from(["UTC", "America/New_York", "Pacific/Kiritimati"]))
@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_command_line_ever_ends_in_a_traceback(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: tuple[str, ...], zone: str
) -> None:
    if "\x00" in "".join(words):
        return  # a command line cannot hold a NUL
    monkeypatch.chdir(tmp_path)  # a database_url that is a plain path is created here
    code, _out, err = run(*words, "--db", db, "--tz", zone)
    assert "Traceback" not in err
    assert "internal error" not in err, err
    assert code in (0, 1, 2), err
    if code == 1:
        assert len(err.strip().splitlines()) == 1, err


def test_a_database_path_is_kept_whole_whichever_folder_it_was_set_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("settings", "database_url=here.sqlite3")[0] == 0
    monkeypatch.chdir("/")
    shown = json.loads(run("settings", "--json")[1])
    assert shown["database_url"] == str(tmp_path / "here.sqlite3")


def test_output_cut_short_by_a_pipe_is_no_error(db: str) -> None:
    """``flowtally trend --weeks 520 --json | head -1``: the reader stops early. The output
    is larger than a pipe holds, so the writer is still writing when the pipe closes."""
    child = subprocess.Popen(
        [*FROM_SOURCE, "--db", db, "trend", "--weeks", "520", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    assert child.stdout.readline() == "{\n"
    child.stdout.close()
    error = child.stderr.read()
    child.stderr.close()
    child.wait(timeout=30)
    assert error == ""
