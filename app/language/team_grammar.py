"""The ``flowtally team`` steps: an admin prepares the team's database and adds members,
members join and share (:mod:`app.language.grammar` adds them when they are asked for)."""

from __future__ import annotations

import argparse

from app.language import requests as rq
from app.language.options import Make, json_option, min_group_option, week_option
from app.language.parsers import Parser


def team(sub: argparse._SubParsersAction[Parser], common: Parser) -> None:
    text = "a team's focus, aggregated: an admin prepares the database, members join and share"
    team = sub.add_parser("team", parents=[common], help=text, description=text)
    steps = team.add_subparsers(dest="team_command", metavar="STEP", required=True)

    def step(name: str, help_text: str, make: Make) -> argparse.ArgumentParser:
        p = steps.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(make=make)
        return p

    p = step(
        "init",
        "admin: prepare a PostgreSQL database for a team (again: renew it)",
        lambda a: rq.TeamInit(a.url, a.min_group, a.name),
    )
    p.add_argument("url", metavar="URL", help="the database, with its owner's sign-in")
    min_group_option(p, "the fewest people any shown number may come from (default 5, at least 3)")
    p.add_argument("--name", help="what to call the team (default: the database's name)")
    p = step(
        "add",
        "admin: add a member; prints the URL they join with (--db ADMIN_URL)",
        lambda a: rq.TeamAdd(a.name, getattr(a, "db", None)),
    )
    p.add_argument("name", metavar="NAME")
    p = step(
        "remove",
        "admin: remove a member and all their rows (--db ADMIN_URL)",
        lambda a: rq.TeamRemove(a.name, getattr(a, "db", None)),
    )
    p.add_argument("name", metavar="NAME")
    step(
        "members",
        "admin: list the members (--db ADMIN_URL)",
        lambda a: rq.TeamMembers(getattr(a, "db", None)),
    )
    p = step(
        "join",
        "member: sync this device to the team, with the URL from 'team add'",
        lambda a: rq.TeamJoin(a.url),
    )
    p.add_argument("url", metavar="URL")
    p = step(
        "share",
        "member: count in the team's numbers (on), or stop (off)",
        lambda a: rq.TeamShare(a.choice),
    )
    p.add_argument("choice", nargs="?", choices=["on", "off"])
    p = step(
        "report",
        "the team's week: aggregates of the people who share",
        lambda a: rq.TeamReport(a.week, a.json, a.min_group),
    )
    week_option(p)
    json_option(p)
    min_group_option(p, "hide more: numbers of at least N people (never fewer than the team's own)")
