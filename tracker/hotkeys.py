"""Global hotkey strings in pynput's syntax (``<ctrl>+<alt>+<shift>+i``), checked without
pynput so that settings can be validated anywhere."""

from tracker.errors import SettingsError
from tracker.i18n import _

DEFAULT_HOTKEY = "<ctrl>+<alt>+<shift>+i"
MODIFIERS = frozenset(
    {
        "ctrl",
        "ctrl_l",
        "ctrl_r",
        "alt",
        "alt_l",
        "alt_r",
        "alt_gr",
        "shift",
        "shift_l",
        "shift_r",
        "cmd",
        "cmd_l",
        "cmd_r",
    }
)
STANDALONE = frozenset(
    {*(f"f{n}" for n in range(1, 21)), "pause", "scroll_lock", "print_screen", "insert", "menu"}
)
KEYS = frozenset(
    {
        *MODIFIERS,
        *STANDALONE,
        "backspace",
        "caps_lock",
        "delete",
        "down",
        "end",
        "enter",
        "esc",
        "home",
        "left",
        "num_lock",
        "page_down",
        "page_up",
        "right",
        "space",
        "tab",
        "up",
    }
)


def normalise_hotkey(text: str) -> str:
    """The hotkey in canonical form, or a :class:`SettingsError` saying what is wrong.

    A global hotkey fires in every application, so it needs a modifier (ctrl, alt, cmd) or a
    key nobody types (F-keys, Pause): a bare letter would log an interruption per keystroke.
    """
    parts = [p.strip().lower() for p in text.strip().split("+")]
    if not text.strip() or any(not p for p in parts):
        raise SettingsError(
            _("hotkey {0!r} is empty or has an empty part; e.g. {1}").format(text, DEFAULT_HOTKEY)
        )
    names = []
    for part in parts:
        if part.startswith("<") and part.endswith(">"):
            name = part[1:-1]
            if name not in KEYS:
                raise SettingsError(_("hotkey {0!r}: unknown key <{1}>").format(text, name))
            names.append(name)
        elif len(part) == 1 and part.isprintable() and part != " ":
            names.append(part)
        else:
            raise SettingsError(
                _("hotkey {0!r}: write special keys in angle brackets, like <ctrl> or <f9>").format(
                    text
                )
            )
    if len(set(names)) != len(names):
        raise SettingsError(_("hotkey {0!r} names a key twice").format(text))
    if not any(n in MODIFIERS - {"shift", "shift_l", "shift_r"} or n in STANDALONE for n in names):
        raise SettingsError(
            _(
                "hotkey {0!r} needs <ctrl>, <alt> or <cmd> (or an F-key or <pause>): otherwise "
                "ordinary typing would trigger it"
            ).format(text)
        )
    return "+".join(n if len(n) == 1 else f"<{n}>" for n in names)
