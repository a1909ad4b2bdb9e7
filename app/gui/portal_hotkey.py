"""The global hotkey on Wayland: xdg-desktop-portal's GlobalShortcuts interface (KDE Plasma
5.27+, GNOME 48+, Hyprland). The desktop owns the key; the app asks for one shortcut, the
user approves it once in the desktop's dialog, and the portal says ``Activated`` on each
press. No key ever reaches the app, so there is nothing to match and nothing to keep.

The portal is spoken to with jeepney, a pure-Python D-Bus library, on a thread of its own,
not with QtDBus: ``BindShortcuts`` takes ``a(sa{sv})``, and PySide6 can marshal an array of
structures only for a C++ type registered with ``qDBusRegisterMetaType``, which Python code
cannot do (the call fails with "Unregistered type PySide::PyObjectWrapper"). The thread also
keeps the GUI thread free of the approval dialog's wait, however long the user takes.

The portal's request protocol, as its documentation asks: each call names a
``handle_token``, and the ``Response`` signal is subscribed on the predicted request path
*before* the call, since the portal may answer before the call's own reply arrives.
"""

import contextlib
import logging
import secrets
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from app.gui.desktop_session import fallback
from app.gui.pynput_listeners import stop_listeners
from app.version import APP_ID
from tracker.i18n import _

log = logging.getLogger(__name__)

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
REGISTRY = "org.freedesktop.host.portal.Registry"
SHORTCUT_ID = "log-interruption"
ANSWER_S = 5.0
"""The longest a portal method may take to reply (the approval dialog is not part of it)."""
APPROVAL_S = 24 * 3600.0
"""How long the app waits for the user to answer the desktop's dialog: as long as it runs."""
WAKE_S = 0.5
"""How often the listening thread looks whether it was told to stop."""

MODIFIERS = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "cmd": "LOGO", "super": "LOGO"}
"""pynput's modifier names, as the XDG shortcuts specification spells them."""
KEYSYMS = {
    "space": "space",
    "enter": "Return",
    "esc": "Escape",
    "tab": "Tab",
    "backspace": "BackSpace",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "page_up": "Prior",
    "page_down": "Next",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "pause": "Pause",
    "print_screen": "Print",
}


def portal_trigger(hotkey: str) -> str:
    """The configured hotkey (pynput syntax, ``<ctrl>+<alt>+i``) as the portal's
    ``preferred_trigger`` (``CTRL+ALT+i``): only a suggestion, the desktop has the last word."""
    parts = []
    for part in hotkey.split("+"):
        if not (part.startswith("<") and part.endswith(">")):
            parts.append(part.lower())
            continue
        name = part[1:-1].lower()
        modifier = name.removesuffix("_l").removesuffix("_r").removesuffix("_gr")
        if modifier in MODIFIERS:
            parts.append(MODIFIERS[modifier])
        elif name.startswith("f") and name[1:].isdigit():
            parts.append(name.upper())
        else:
            parts.append(KEYSYMS.get(name, name))
    return "+".join(parts)


def request_path(unique_name: str, token: str) -> str:
    """Where the portal will put the request a call with ``handle_token=token`` makes."""
    sender = unique_name.removeprefix(":").replace(".", "_")
    return f"{PORTAL_PATH}/request/{sender}/{token}"


class PortalRefused(Exception):
    """The portal answered, and not with the shortcut: one sentence for the user."""


class PortalHotkey:
    """The hotkey's service where the desktop has the GlobalShortcuts portal; the same small
    interface as :class:`~app.gui.pynput_listeners.HotkeyService`. ``start`` returns at once:
    binding waits for the user's approval on the service's own thread, and :meth:`problem`
    says how it went."""

    backend = "portal"

    def __init__(self, hotkey: str, fire: Callable[[str | None], None]) -> None:
        """``fire``: called on the service's thread at each press, with the portal's
        xdg-activation token when it sent one."""
        self.hotkey = hotkey
        self._fire = fire
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self._problem: str | None = None
        self.bound = False
        """The user approved: a press now arrives."""
        self.trigger = ""
        """The key the desktop bound, as it describes it (``Ctrl+Alt+I``)."""
        self.registered = False
        """The app id was registered with the host portal (its dialog then names Flowtally)."""
        self.changed: Callable[[], None] = lambda: None
        """Called on the service's thread when ``bound`` or ``problem`` changes."""

    def start(self) -> str | None:
        try:
            from app.session_bus import open_session_bus

            self._connection = open_session_bus()
        except (ImportError, OSError, KeyError, ValueError) as exc:
            why = _("there is no session bus") if isinstance(exc, KeyError) else str(exc)
            return _("the desktop's portal cannot be reached ({why}); bind '{command}'").format(
                why=why or type(exc).__name__, command=fallback()
            )
        self._thread = threading.Thread(target=self._run, name="portal-hotkey", daemon=True)
        self._thread.start()
        return None

    def problem(self) -> str | None:
        return self._problem

    def is_alive(self) -> bool:
        """Listening or still asking (not given up, not refused)."""
        thread = self._thread
        return thread is not None and thread.is_alive() and self._problem is None

    def listening(self) -> bool:
        """Bound: a press now arrives."""
        return self.bound and self.is_alive()

    def release(self) -> list[Any]:
        thread, self._thread = self._thread, None
        return [] if thread is None else [_Stopper(self, thread)]

    def stop(self) -> None:
        stop_listeners(self.release())

    def shut(self) -> None:
        """Wake the thread from its socket at once and end the connection."""
        self._stop.set()
        connection = self._connection
        if connection is not None:
            with contextlib.suppress(OSError):  # already closed
                connection.sock.shutdown(socket.SHUT_RDWR)

    # --------------------------------------------------------------- the portal's thread

    def _check_present(self) -> None:
        """Refuse where the desktop has no portal, or one without GlobalShortcuts (asking
        its ``version`` starts a portal that is installed but not yet running)."""
        from jeepney import DBusAddress, Properties

        address = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=SHORTCUTS)
        if self._call(Properties(address).get("version")) is None:
            raise PortalRefused(
                _(
                    "this desktop has no global shortcuts portal (GNOME before 48, sway); bind "
                    "the command '{command}' to a keyboard shortcut in your desktop's settings"
                ).format(command=fallback())
            )

    def _call(self, message: Any) -> Any:
        """The reply's body, or ``None`` for an error reply (a missing service, interface or
        method: all mean the same here)."""
        from jeepney import MessageType

        reply = self._connection.send_and_get_reply(message, timeout=ANSWER_S)
        if reply.header.message_type == MessageType.error:
            log.info("the portal answered %s", reply.body[0] if reply.body else "an error")
            return None
        return reply.body

    def _run(self) -> None:
        try:
            self._check_present()
            self._register()
            session = self._create_session()
            # Heard from before the binding is answered: a press the moment it is bound
            # waits in the queue instead of passing by unheard.
            with self._activations(session) as presses:
                self.trigger = self._bind(session)
                self.bound = True
                log.info("the portal bound the hotkey (%s)", self.trigger or "no key yet")
                self.changed()
                self._listen(presses)
        except PortalRefused as refused:
            self._problem = str(refused)
            self.changed()
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            # The bus went away, or the portal answered in a shape it should not have.
            if not self._stop.is_set():
                self._problem = _(
                    "the shortcuts portal stopped answering ({why}); bind '{command}'"
                ).format(why=str(exc) or type(exc).__name__, command=fallback())
                log.warning("the portal hotkey ended: %s", exc)
                self.changed()
        finally:
            self.bound = False
            self._connection.close()

    def _register(self) -> None:
        """Tell the host portal who this is, before any other portal call (portal 1.19+);
        an older portal has no registry, which changes nothing else."""
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=REGISTRY)
        self.registered = (
            self._call(new_method_call(address, "Register", "sa{sv}", (APP_ID, {}))) is not None
        )

    def _request(
        self, method: str, signature: str, args: tuple[Any, ...], wait_s: float
    ) -> dict[str, Any]:
        """Call a portal method that answers through a request object, and its results."""
        from jeepney import DBusAddress, MatchRule, new_method_call
        from jeepney.bus_messages import message_bus

        token = "flowtally_" + secrets.token_hex(8)
        path = request_path(self._connection.unique_name, token)
        rule = MatchRule(type="signal", interface=REQUEST, member="Response", path=path)
        self._call(message_bus.AddMatch(rule))
        address = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=SHORTCUTS)
        options = dict(args[-1])
        options["handle_token"] = ("s", token)
        with self._connection.filter(rule) as responses:
            if (
                self._call(new_method_call(address, method, signature, (*args[:-1], options)))
                is None
            ):
                raise PortalRefused(
                    _("the shortcuts portal refused {method}; bind '{command}'").format(
                        method=method, command=fallback()
                    )
                )
            code, results = self._wait(responses, wait_s).body
        self._call(message_bus.RemoveMatch(rule))
        if code == 1:
            raise PortalRefused(
                _(
                    "you declined the shortcut in the desktop's dialog; restart Flowtally to be "
                    "asked again, or bind '{command}'"
                ).format(command=fallback())
            )
        if code != 0:
            raise PortalRefused(
                _("the shortcuts portal could not bind the shortcut; bind '{command}'").format(
                    command=fallback()
                )
            )
        return {name: value for name, (_sig, value) in results.items()}

    def _wait(self, queue: Any, wait_s: float) -> Any:
        """The next message ``queue`` filters, waking every :data:`WAKE_S` to see whether
        the service was stopped."""
        waited = 0.0
        while not self._stop.is_set():
            try:
                return self._connection.recv_until_filtered(queue, timeout=WAKE_S)
            except TimeoutError:
                waited += WAKE_S
                if waited >= wait_s:
                    raise
        raise OSError("stopped")

    def _create_session(self) -> str:
        results = self._request(
            "CreateSession",
            "a{sv}",
            ({"session_handle_token": ("s", "flowtally_" + secrets.token_hex(8))},),
            ANSWER_S,
        )
        return str(results["session_handle"])

    def _bind(self, session: str) -> str:
        shortcut = {
            "description": ("s", _("Log an interruption")),
            "preferred_trigger": ("s", portal_trigger(self.hotkey)),
        }
        results = self._request(
            "BindShortcuts",
            "oa(sa{sv})sa{sv}",
            (session, [(SHORTCUT_ID, shortcut)], "", {}),
            APPROVAL_S,
        )
        for shortcut_id, details in results.get("shortcuts", []):
            if shortcut_id == SHORTCUT_ID:
                return str(details.get("trigger_description", ("s", ""))[1])
        raise PortalRefused(
            _(
                "the desktop bound no key to the shortcut; set one in its keyboard settings, "
                "or bind '{command}'"
            ).format(command=fallback())
        )

    @contextmanager
    def _activations(self, session: str) -> Iterator[Any]:
        """The queue the session's ``Activated`` signals arrive in, subscribed to at once."""
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus

        rule = MatchRule(type="signal", interface=SHORTCUTS, member="Activated", path=PORTAL_PATH)
        rule.add_arg_condition(0, session, kind="path")
        with self._connection.filter(rule, bufsize=64) as presses:
            self._call(message_bus.AddMatch(rule))
            yield presses

    def _listen(self, presses: Any) -> None:
        while not self._stop.is_set():
            try:
                signal = self._connection.recv_until_filtered(presses, timeout=WAKE_S)
            except TimeoutError:
                continue
            _session, shortcut_id, _timestamp, options = signal.body
            if shortcut_id == SHORTCUT_ID:
                token = options.get("activation_token", ("s", None))[1]
                self._fire(token if isinstance(token, str) and token else None)


class _Stopper:
    """The portal thread as quitting stops listeners: told first, then joined."""

    def __init__(self, service: PortalHotkey, thread: threading.Thread) -> None:
        self._service, self._thread = service, thread

    def stop(self) -> None:
        self._service.shut()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
