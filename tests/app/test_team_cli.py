"""``flowtally team`` as an admin and three members use it, each on their own machine (own
settings, own SQLite file), against one real PostgreSQL server: the admin prepares the
database and adds members, each member joins with the URL printed for them, logs a week,
shares, and reads the team report. A password is printed once, on ``team add``'s last
line, and in nothing else any of them sees or any log keeps."""

import json
from pathlib import Path

import pytest

from tests.app.cli_runner import assert_clean_error, flowtally
from tests.postgres_server import PostgresServer
from tracker.i18n import WEEKDAYS

pytestmark = pytest.mark.postgres
DAYS = ("2026-11-16", "2026-11-17", "2026-11-18")


def machine(tmp_path: Path, name: str, **extra: str) -> dict[str, str]:
    home = tmp_path / name
    return {
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "FLOWTALLY_TZ": "Europe/Amsterdam",
        **extra,
    }


def everything_seen(tmp_path: Path) -> str:
    """Every file any of the machines wrote (settings, logs, databases): no password there,
    except a member's own in their own settings (their sync target)."""
    seen = []
    for path in tmp_path.rglob("*"):
        if path.is_file() and "config" not in path.parts:
            seen.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(seen)


def log_a_week(env: dict[str, str], offset_min: int) -> None:
    for number, day in enumerate(DAYS):
        start = f"{day} 09:{offset_min:02d}"
        flowtally("add", "--from", start, "--to", f"{day} 11:30", "-t", "api", env=env)
        flowtally(
            "interrupt",
            "--at",
            f"{day} 10:{(offset_min + 7 * number) % 60:02d}",
            "--minutes",
            "5",
            "--source",
            "chat" if number % 2 else "meeting",
            env=env,
        )


def test_a_team_of_three_joins_shares_and_reads_its_week(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    admin = machine(tmp_path, "admin")
    with postgres_server.database() as url:
        made = flowtally("team", "init", url, "--min-group", "3", "--name", "Platform", env=admin)
        assert "Platform" in made.stdout
        assert "3" in made.stdout
        members, passwords, outputs = [], [], [made.stdout]
        for index, name in enumerate(("Ada", "Bob", "Cyd")):
            added = flowtally("team", "add", name, "--db", url, env=admin)
            join_url = added.stdout.strip().splitlines()[-1]
            assert join_url.startswith("postgresql")
            assert " " not in join_url
            password = join_url.split("://", 1)[1].split("@")[0].split(":", 1)[1]
            assert len(password) >= 24
            assert added.stdout.count(password) == 1  # the last line, once
            passwords.append(password)
            env = machine(tmp_path, name)
            joined = flowtally("team", "join", join_url, env=env)
            assert "Platform" in joined.stdout
            assert name in joined.stdout
            log_a_week(env, 10 * index)
            outputs += [joined.stdout, flowtally("team", "share", "on", env=env).stdout]
            members.append(env)
        personal = []
        for env in members:
            outputs.append(flowtally("sync", env=env).stdout)
            outputs.append(flowtally("status", env=env).stdout)
            outputs.append(flowtally("status", "--json", env=env).stdout)
            outputs.append(flowtally("settings", env=env).stdout)
            personal.append(
                json.loads(flowtally("report", "--week", "2026-W47", "--json", env=env).stdout)
            )
        reported = flowtally("team", "report", "--week", "2026-W47", "--json", env=members[0])
        team = json.loads(reported.stdout)
        assert (team["team"], team["people"], team["min_group"]) == ("Platform", 3, 3)
        days = [d for report in personal for d in report["days"] if d["tracked_min"] > 0]
        assert team["person_days"] == len(days) == 9
        interruptions = sum(d["interruptions"] for d in days)
        tracked_h = sum(d["tracked_min"] for d in days) / 60
        assert team["interruptions_per_hour"] == pytest.approx(interruptions / tracked_h, abs=0.01)
        long_days = [
            d for d in days if d["periods_by_length"]["90-120"] + d["periods_by_length"]["120+"]
        ]
        assert team["long_period_share"] == round(len(long_days) / len(days), 2)
        assert {s["source"] for s in team["sources"]} == {"chat", "meeting"}
        assert sum(s["interruptions"] for s in team["sources"]) == interruptions
        assert team["hours"]["external"][0][9] is not None  # Monday 10:xx local, all three
        assert sum(c or 0 for row in team["hours"]["external"] for c in row) == interruptions
        text = flowtally("team", "report", "--week", "2026-W47", env=members[1]).stdout
        assert "Platform" in text
        assert "2026-W47" in text
        assert "chat" in text
        assert "Best shared focus windows (from the 8 weeks before" in text
        assert [w["weekday"] for w in team["windows"]] == list(WEEKDAYS)
        outputs.append(text)
        dutch = flowtally(
            "team",
            "report",
            "--week",
            "2026-W47",
            env={**members[2], "LANGUAGE": "nl", "LANG": "nl_NL.UTF-8"},
        ).stdout
        assert "Bronnen" in dutch
        assert "Beste gedeelde focusvensters" in dutch
        assert "Platform" in dutch
        flowtally("team", "share", "off", env=members[2])
        after = json.loads(
            flowtally("team", "report", "--week", "2026-W47", "--json", env=members[0]).stdout
        )
        assert after["people"] == 2
        assert after["person_days"] is None
        assert "median_period_min" in after["suppressed"]
        outputs.append(flowtally("team", "members", "--db", url, env=admin).stdout)
        seen = "\n".join(outputs) + everything_seen(tmp_path)
        for password in passwords:
            assert password not in seen


def test_team_mistakes_are_one_clear_line_without_a_password(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    admin = machine(tmp_path, "admin")
    member = machine(tmp_path, "member")
    assert_clean_error(flowtally("team", "report", env=member, check=False), "team join")
    assert_clean_error(flowtally("team", "share", "on", env=member, check=False), "team join")
    assert_clean_error(flowtally("team", "add", "Ada", env=admin, check=False), "--db")
    assert_clean_error(
        flowtally("team", "join", str(tmp_path / "x.sqlite3"), env=member, check=False),
        "PostgreSQL",
    )
    with postgres_server.database() as url:
        assert_clean_error(
            flowtally("team", "init", url, "--min-group", "2", env=admin, check=False),
            "between 3 and",
        )
        assert_clean_error(
            flowtally("team", "add", "Ada", "--db", url, env=admin, check=False),
            "not a team database",
        )
        flowtally("team", "init", url, env=admin)
        join_url = flowtally("team", "add", "Ada", "--db", url, env=admin).stdout.splitlines()[-1]
        password = join_url.split("://", 1)[1].split("@")[0].split(":", 1)[1]
        assert_clean_error(
            flowtally("team", "add", "Ada", "--db", url, env=admin, check=False), "already"
        )
        wrong = join_url.replace(password, password[::-1])
        refused = flowtally("team", "join", wrong, env=member, check=False)
        assert_clean_error(refused, "password authentication failed")
        assert password[::-1] not in refused.stderr
        assert password not in refused.stderr
        assert_clean_error(flowtally("team", "join", url, env=member, check=False), "not a member")
        flowtally("team", "join", join_url, env=member)
        smaller = flowtally("team", "report", "--min-group", "3", env=member, check=False)
        assert_clean_error(smaller, "fewer than 5 people")
        assert password not in smaller.stderr
        week = json.loads(flowtally("team", "report", "--json", env=member).stdout)
        assert week["people"] == 0
        assert week["median_period_min"] is None
        gone = flowtally("team", "remove", "Ada", "--db", url, env=admin)
        assert "Ada" in gone.stdout
        assert_clean_error(flowtally("team", "share", "on", env=member, check=False))
