"""``flowtally team …``: an admin prepares a team's database and adds members; a member
joins it, chooses whether to share, and reads the team's report.

Everything that protects a member is the database's doing (:mod:`data.team`); these
commands only ask for it and say what happened, never printing a password except the one
line ``team add`` exists to give.
"""

import json

from app.checked_settings import check_urls
from app.commands.context import Context
from app.commands.forecast import sure_word
from app.commands.table import table
from app.config import save_settings
from app.language import requests as rq
from data import team as teams
from data.errors import StoreError
from data.sync_tables import REMOTE_SCHEMA
from tracker.days import monday_of, parse_week, week_name
from tracker.errors import FlowtallyError
from tracker.forecast import percent
from tracker.i18n import WEEKDAYS, _
from tracker.redaction import redact_url
from tracker.team import HIDDEN, TeamWeek, shown
from tracker.team_forecast import WINDOW_WEEKS, SharedWindows, shared_windows
from tracker.types import source_name
from tracker.units import decimal, minutes, plural


def _admin_url(args: rq.TeamAdd | rq.TeamRemove | rq.TeamMembers) -> str:
    url = args.admin_url
    if not url:
        raise FlowtallyError(
            _("name the team's database with --db postgresql://ADMIN@HOST/DATABASE")
        )
    return url


def _member_url(ctx: Context) -> str:
    url = ctx.settings.sync_url
    if not url:
        raise FlowtallyError(
            _("this device has not joined a team: run 'flowtally team join URL' with your URL")
        )
    return url


def init(ctx: Context, args: rq.TeamInit) -> int:
    team = teams.init(args.url, args.min_group, REMOTE_SCHEMA, args.name)
    print(
        _(
            "The team database {team} at {target} is ready: its numbers show only what at "
            "least {k} sharing people fed."
        ).format(team=team.name, target=redact_url(args.url), k=team.min_group),
        file=ctx.out,
    )
    for note in team.notes:
        print(note, file=ctx.out)
    print(
        _("Add each member with: flowtally team add NAME --db {target}").format(
            target=redact_url(args.url)
        ),
        file=ctx.out,
    )
    return 0


def add(ctx: Context, args: rq.TeamAdd) -> int:
    url = _admin_url(args)
    joined = teams.add_member(url, args.name)
    lines = (
        _("{name} is a member of the team at {target}.").format(
            name=joined.name, target=redact_url(url)
        ),
        _("On {name}'s computer, run 'flowtally team join' with the URL below.").format(
            name=joined.name
        ),
        _(
            "Nothing of theirs counts in the team's numbers until they run "
            "'flowtally team share on'."
        ),
        _(
            "The URL holds {name}'s password and is shown only now: hand it to them privately."
        ).format(name=joined.name),
    )
    for line in lines:
        print(line, file=ctx.out)
    print(joined.url, file=ctx.out)
    return 0


def remove(ctx: Context, args: rq.TeamRemove) -> int:
    removed = teams.remove_member(_admin_url(args), args.name)
    print(
        _("{name} is no longer a member: their sign-in and every row of theirs are gone.").format(
            name=removed.name
        ),
        file=ctx.out,
    )
    if removed.kept_role is not None:
        print(
            _(
                "Their role {role} can no longer sign in, and stays only because it owns "
                "something in another database on this server: the server's superuser can "
                "run DROP OWNED BY {role} there, then DROP ROLE {role}."
            ).format(role=removed.kept_role),
            file=ctx.out,
        )
    return 0


def members(ctx: Context, args: rq.TeamMembers) -> int:
    names = teams.members(_admin_url(args))
    if not names:
        print(_("The team has no members yet."), file=ctx.out)
    for name in names:
        print(name, file=ctx.out)
    return 0


def join(ctx: Context, args: rq.TeamJoin) -> int:
    team, name, sharing = teams.whoami(args.url)
    before = ctx.settings.sync_url
    updated = ctx.settings.updated({"sync_url": args.url})
    check_urls(ctx.settings, updated)
    save_settings(updated)
    ctx.settings = updated
    print(
        _("Joined the team {team} as {name}: this device now syncs there.").format(
            team=team.name, name=name
        ),
        file=ctx.out,
    )
    if before and before != args.url:
        print(
            _("(It syncs there instead of {target}.)").format(target=redact_url(before)),
            file=ctx.out,
        )
    print(
        _(
            "Your rows there are yours: no other member can read or change them, and the "
            "team's numbers are sums of at least {k} people."
        ).format(k=team.min_group),
        file=ctx.out,
    )
    print(_share_line(sharing), file=ctx.out)
    try:
        result = ctx.store.sync(args.url, updated.device_name, updated.person_name, ctx.lens)
    except StoreError as problem:
        print(
            _("The first sync did not work ({problem}); 'flowtally sync' tries again.").format(
                problem=problem
            ),
            file=ctx.out,
        )
        return 0
    print(
        _("First sync: {blocks} sent.").format(blocks=plural(result.pushed, "block")),
        file=ctx.out,
    )
    return 0


def _share_line(sharing: bool) -> str:
    if sharing:
        return _(
            "You count in the team's numbers; 'flowtally team share off' takes you out of "
            "every later report."
        )
    return _("You do not count in the team's numbers; to share, run 'flowtally team share on'.")


def share(ctx: Context, args: rq.TeamShare) -> int:
    url = _member_url(ctx)
    if args.choice is None:
        _team, _name, sharing = teams.whoami(url)
        print(_share_line(sharing), file=ctx.out)
        return 0
    team, _name = teams.share(url, args.choice == "on")
    if args.choice == "on":
        line = _(
            "You now count in the numbers of the team {team}: your days are summed with "
            "other people's, never shown alone (no number fed by fewer than {k} people is shown)."
        ).format(team=team.name, k=team.min_group)
    else:
        line = _(
            "You no longer count in the numbers of the team {team}: every report from now "
            "on leaves you out."
        ).format(team=team.name)
    print(line, file=ctx.out)
    return 0


def report(ctx: Context, args: rq.TeamReport) -> int:
    url = _member_url(ctx)
    now_week = week_name(monday_of(ctx.now.astimezone(ctx.zone).date()))
    team, week = teams.team_week(url, parse_week(args.week or now_week), args.min_group)
    team_name = team.name
    windows = shared_windows(week.cells, ctx.settings.model.min_period_min, parse_week(week.week))
    if args.json:
        shown_windows = {"windows": windows_json(windows)}
        print(
            json.dumps({"team": team_name, **week.as_json(), **shown_windows}, indent=1),
            file=ctx.out,
        )
        return 0
    print(render(team_name, week), file=ctx.out)
    print("\n" + windows_text(windows, ctx.settings.model.min_period_min), file=ctx.out)
    return 0


def windows_text(windows: SharedWindows, period_min: float) -> str:
    """The team's best shared windows, a line a weekday (the team page shows the same)."""
    lines = [
        _(
            "Best shared focus windows (from the {weeks} weeks before; each member's local "
            "hours; the chance that {period} min go uninterrupted):"
        ).format(weeks=WINDOW_WEEKS, period=decimal(period_min, 0))
    ]
    for day, found in windows:
        shown_ = ", ".join(
            f"{w.start:%H:%M}-{w.end:%H:%M} {percent(w.chance)} % ({sure_word(w)})" for w in found
        )
        lines.append(f"  {_(WEEKDAYS[day.weekday()])}  {shown_ or _('too few people to say')}")
    return "\n".join(lines)


def windows_json(windows: SharedWindows) -> list[dict[str, object]]:
    return [
        {
            "weekday": WEEKDAYS[day.weekday()],
            "windows": [
                {
                    "start": f"{w.start:%H:%M}",
                    "end": f"{w.end:%H:%M}",
                    "chance": round(w.chance, 3),
                    "low": round(w.low, 3),
                    "high": round(w.high, 3),
                    "confidence": round(w.confidence, 3),
                }
                for w in found
            ],
        }
        for day, found in windows
    ]


def _heading(team: str, week: TeamWeek) -> list[str]:
    """Whose week it is, what is hidden, and what was left out."""
    lines = [
        _("Team {team}, week {week}: {people} sharing.").format(
            team=team, week=week.week, people=week.people
        ),
        _("Hidden ({mark}): anything fewer than {k} people fed.").format(
            mark=HIDDEN, k=week.min_group
        ),
    ]
    if week.skipped:
        line = _(
            "Left out: {n} person-days whose summary no device could have counted (a "
            "member's device should sync again)."
        )
        lines.append(line.format(n=week.skipped))
    return [*lines, ""]


def render(team: str, week: TeamWeek) -> str:
    """The report as text: the headline numbers week by week, the hour map, the sources."""
    out = _heading(team, week)
    headers = (
        _("Week"),
        _("People"),
        _("Median focus min/day"),
        _("Days with 90+ min"),
        _("Interruptions/h"),
    )
    rows = [
        [
            w.week,
            str(w.people),
            shown(w.median_period_min, minutes),
            shown(w.long_period_share, "{:.0%}"),
            shown(w.interruptions_per_hour, decimal),
        ]
        for w in week.weeks_shown
    ]
    out += [table(headers, rows), ""]
    hours = [h for h in range(24) if any(week.internal_by_hour[d][h] is not None for d in range(7))]
    if hours:
        out.append(_("Interruptions by local hour (internal/external):"))
        grid = []
        for d, day in enumerate(WEEKDAYS):
            cells = []
            for h in range(hours[0], hours[-1] + 1):
                internal, external = week.internal_by_hour[d][h], week.external_by_hour[d][h]
                cells.append(HIDDEN if internal is None else f"{internal}/{external}")
            grid.append([_(day), *cells])
        out += [table(["", *(f"{h:02d}" for h in range(hours[0], hours[-1] + 1))], grid), ""]
    else:
        out += [_("Interruptions by hour: hidden (too few people in every hour)."), ""]
    out.append(_("Sources, by the recovery they caused:"))
    source_rows = [
        [source_name(s.source), str(s.interruptions), f"{s.recovery_min:.0f} min"]
        for s in week.sources
        if s.source is not None and s.interruptions is not None and s.recovery_min is not None
    ]
    if source_rows:
        out.append(table((_("Source"), _("Interruptions"), _("Recovery")), source_rows))
    if any(s.source is None for s in week.sources):
        out.append(
            _("Sources fewer than {k} people met are hidden, with their names.").format(
                k=week.min_group
            )
        )
    return "\n".join(out)
