"""``status --line`` and ``--format waybar`` answered by the tray from memory: status bars
ask every few seconds, and the database has nothing the tray does not already show.
``--follow`` keeps the connection and gets a line at each change."""

from app.gui.focus_flow import FocusFlow
from app.gui.instance_server import InstanceServer
from app.language import requests as rq
from tracker.availability import Availability


def answer_from_memory(
    flow: FocusFlow, server: InstanceServer, request_id: int, request: rq.Status
) -> bool:
    """Answer ``request`` here; false when it is not one of these (or the tray has drawn no
    status yet: the store worker answers it then)."""
    current = flow.current
    if not request.availability or current is None:
        return False
    if not request.follow:
        server.reply(request_id, 0, current.text(request.waybar) + "\n", "")
        return True
    connection = server.hold(request_id)
    if connection is None:
        return True

    def push(now: Availability) -> None:
        server.push(connection, now.text(request.waybar) + "\n")

    push(current)
    flow.follow(request_id, push)
    connection.disconnected.connect(lambda: flow.unfollow(request_id))
    return True
