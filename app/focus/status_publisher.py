"""The status published for others to read without polling the database: a small JSON file
in the runtime folder, replaced atomically on each change, and a D-Bus object on the
session bus whose properties change with it (``PropertiesChanged`` tells listeners).

The object is ``io.github.flowtally.Flowtally`` at ``/io/github/flowtally/Status``,
interface ``io.github.flowtally.Status``, with ``Phase``, ``State``, ``Task``, ``Until``
(ISO 8601, empty when no time is named) and ``Line``. A thread of its own serves it with
jeepney (QtDBus cannot export properties from Python), and writes the file, so the GUI
thread only hands over the new status.
"""

import contextlib
import json
import logging
import queue
import threading
from pathlib import Path
from typing import Any

from app.files import write_atomically
from app.session_bus import open_session_bus
from app.version import APP_ID
from tracker.errors import FlowtallyError

log = logging.getLogger(__name__)
OBJECT = "/io/github/flowtally/Status"
INTERFACE = "io.github.flowtally.Status"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
WAKE_S = 0.2
INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
 <interface name="{INTERFACE}">
  <property name="Phase" type="s" access="read"/>
  <property name="State" type="s" access="read"/>
  <property name="Task" type="s" access="read"/>
  <property name="Until" type="s" access="read"/>
  <property name="Line" type="s" access="read"/>
 </interface>
 <interface name="{PROPERTIES_INTERFACE}">
  <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="v" direction="out"/></method>
  <method name="GetAll"><arg type="s" direction="in"/><arg type="a{{sv}}" direction="out"/></method>
  <signal name="PropertiesChanged"><arg type="s"/><arg type="a{{sv}}"/><arg type="as"/></signal>
 </interface>
 <interface name="org.freedesktop.DBus.Introspectable">
  <method name="Introspect"><arg type="s" direction="out"/></method>
 </interface>
</node>
"""


def status_file() -> Path:
    """Where the status is published: the private runtime folder (``$XDG_RUNTIME_DIR``)."""
    from app.instance import runtime_folder

    return runtime_folder() / "status.json"


def properties(published: dict[str, Any]) -> dict[str, str]:
    """The D-Bus properties of a published status (``Availability.as_json``)."""
    return {
        "Phase": str(published.get("phase") or "none"),
        "State": str(published.get("state") or "idle"),
        "Task": str(published.get("task") or ""),
        "Until": str(published.get("until") or ""),
        "Line": str(published.get("line") or ""),
    }


class StatusPublisher:
    def __init__(self) -> None:
        self._outbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._properties = properties({})
        self.on_bus = False
        """Whether the D-Bus object is up (the name was free and a bus answers)."""

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="status-publisher", daemon=True)
        self._thread.start()

    def publish(self, published: dict[str, Any]) -> None:
        self._outbox.put(published)

    def stop(self) -> None:
        """The file goes (no app: no published status), and the bus name with the thread."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._outbox.put(None)
            thread.join(3)
        with contextlib.suppress(OSError, FlowtallyError):
            status_file().unlink(missing_ok=True)

    def _run(self) -> None:
        connection = self._connect()
        try:
            while True:
                if connection is not None:
                    self._serve_a_while(connection)
                    try:
                        published = self._outbox.get_nowait()
                    except queue.Empty:
                        continue
                else:
                    published = self._outbox.get()
                if published is None:
                    return
                self._write(published)
                if connection is not None:
                    self._announce(connection, properties(published))
        except (OSError, ValueError, TimeoutError) as exc:
            log.warning("the status on the session bus ended: %s", exc)
            self.on_bus = False
            while (published := self._outbox.get()) is not None:
                self._write(published)
        finally:
            if connection is not None:
                connection.close()

    def _write(self, published: dict[str, Any]) -> None:
        try:
            write_atomically(status_file(), json.dumps(published) + "\n", private=True)
        except (OSError, FlowtallyError) as exc:
            log.warning("the status file cannot be written: %s", exc)

    def _connect(self) -> Any:
        try:
            connection = open_session_bus()
        except (ImportError, OSError, KeyError, ValueError) as exc:
            log.info("no session bus for the status object: %s", exc)
            return None
        from jeepney.bus_messages import message_bus

        reply = connection.send_and_get_reply(message_bus.RequestName(APP_ID, 4), timeout=5)
        if not reply.body or reply.body[0] != 1:  # 1: the primary owner (4: do not queue)
            log.info("%s is taken on the session bus: no status object", APP_ID)
            connection.close()
            return None
        self.on_bus = True
        return connection

    def _serve_a_while(self, connection: Any) -> None:
        """Answer calls until the next status waits (or :data:`WAKE_S` passed)."""
        from jeepney import MessageType

        try:
            message = connection.receive(timeout=WAKE_S)
        except TimeoutError:
            return
        if message.header.message_type == MessageType.method_call:
            connection.send(self._answer(message))

    def _answer(self, call: Any) -> Any:
        from jeepney import HeaderFields, new_error, new_method_return

        fields = call.header.fields
        path, member = fields.get(HeaderFields.path), fields.get(HeaderFields.member)
        if path != OBJECT:
            if member == "Introspect":
                return new_method_return(call, "s", (_folders(path),))
            return new_error(call, "org.freedesktop.DBus.Error.UnknownObject", "s", (path,))
        values = {name: ("s", value) for name, value in self._properties.items()}
        if member == "Introspect":
            return new_method_return(call, "s", (INTROSPECTION,))
        if member == "GetAll":
            return new_method_return(call, "a{sv}", (values if call.body[0] == INTERFACE else {},))
        if member == "Get" and call.body[1] in values:
            return new_method_return(call, "v", (values[call.body[1]],))
        if member == "Ping":
            return new_method_return(call)
        return new_error(call, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),))

    def _announce(self, connection: Any, changed: dict[str, str]) -> None:
        from jeepney import DBusAddress, new_signal

        changes = {k: v for k, v in changed.items() if self._properties.get(k) != v}
        self._properties = changed
        if changes:
            address = DBusAddress(OBJECT, interface=PROPERTIES_INTERFACE)
            body: tuple[object, ...] = (INTERFACE, {k: ("s", v) for k, v in changes.items()}, [])
            connection.send(new_signal(address, "PropertiesChanged", "sa{sv}as", body))


def _folders(path: object) -> str:
    """Introspection of a folder on the way to the object (``/io``, ``/io/github`` …), so
    tools such as ``busctl tree`` find it."""
    parts = [p for p in str(path).split("/") if p]
    wanted = [p for p in OBJECT.split("/") if p]
    child = wanted[len(parts)] if wanted[: len(parts)] == parts and len(parts) < len(wanted) else ""
    inner = f'<node name="{child}"/>' if child else ""
    return f"<node>{inner}</node>"
