"""The hotkey as people write it (``Ctrl+Alt+I``) and as pynput spells it
(``<ctrl>+<alt>+i``), from a combination Qt recorded."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def hotkey_label(hotkey: str) -> str:
    """``<ctrl>+<alt>+i`` as people write it: ``Ctrl+Alt+I``."""
    names = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "cmd": "Super", "alt_gr": "AltGr"}
    parts = []
    for part in hotkey.split("+"):
        name = part.strip("<>")
        base = name if name in names else name.split("_")[0]  # ctrl_l is Ctrl, alt_gr AltGr
        if base in names:
            parts.append(names[base])
        else:
            parts.append(name.upper() if len(name) <= 3 else name.replace("_", " ").title())
    return "+".join(parts)


QT_MODIFIERS = (
    (Qt.KeyboardModifier.ControlModifier, "<ctrl>"),
    (Qt.KeyboardModifier.AltModifier, "<alt>"),
    (Qt.KeyboardModifier.ShiftModifier, "<shift>"),
    (Qt.KeyboardModifier.MetaModifier, "<cmd>"),
)
QT_KEYS = {
    Qt.Key.Key_Pause: "<pause>",
    Qt.Key.Key_Insert: "<insert>",
    Qt.Key.Key_Print: "<print_screen>",
    Qt.Key.Key_ScrollLock: "<scroll_lock>",
    Qt.Key.Key_Menu: "<menu>",
    Qt.Key.Key_Space: "<space>",
    **{getattr(Qt.Key, f"Key_F{n}"): f"<f{n}>" for n in range(1, 21)},
}


def pynput_hotkey(sequence: QKeySequence) -> str:
    """The first combination of a recorded sequence in pynput's syntax (``""`` for none).
    A key the syntax has no name for comes out as its text, and is refused where saved."""
    if sequence.isEmpty():
        return ""
    combination = sequence[0]  # type: ignore[index]  # QKeySequence has operator[]
    modifiers, key = combination.keyboardModifiers(), combination.key()
    parts = [name for flag, name in QT_MODIFIERS if modifiers & flag]
    if key in QT_KEYS:
        parts.append(QT_KEYS[key])
    else:
        parts.append(QKeySequence(key).toString().lower())
    return "+".join(parts)
