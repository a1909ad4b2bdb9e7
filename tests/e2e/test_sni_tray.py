"""The tray over StatusNotifierItem, as KDE, GNOME's AppIndicator extension, XFCE and every
Wayland panel take it: the real app on a real GNOME Wayland session (mutter headless), and a
stand-in panel on its bus (tests/e2e/stand_in_tray_host.py) that reads the item as a panel
draws it, from its D-Bus properties and pixels, and clicks its menu through dbusmenu."""

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage

from tests import gnome_session
from tests.e2e.running_app import RunningApp
from tracker.running import State
from tracker.types import Phase
from ui import icons


def launch(gnome: dict[str, str], tmp_path: Path, tray_wait_s: float = 10) -> RunningApp:
    app = RunningApp(
        tmp_path / "flowtally.sqlite3",
        gnome["DISPLAY"],
        extra_env={
            **gnome,
            "QT_QPA_PLATFORM": "wayland",
            "FLOWTALLY_TRAY_WAIT_S": str(tray_wait_s),
        },
    )
    return app.launch()


def pixmap(path: Path, width: int, height: int) -> QImage:
    """The item's IconPixmap as a panel reads it: ARGB32 in network byte order."""
    data = path.read_bytes()
    assert len(data) == width * height * 4
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    for y in range(height):
        for x in range(width):
            a, r, g, b = data[(y * width + x) * 4 : (y * width + x) * 4 + 4]
            image.setPixelColor(x, y, QColor(r, g, b, a))
    return image


def main_colour(image: QImage) -> str:
    """The colour of most opaque pixels: the disc's."""
    counts: dict[str, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                counts[colour.name()] = counts.get(colour.name(), 0) + 1
    return max(counts, key=lambda name: counts[name])


def read_item(panel: gnome_session.StandInPanel, tmp_path: Path) -> tuple[dict[str, Any], QImage]:
    raw = tmp_path / "icon.argb"
    item = panel.send(f"item {raw}", "item")
    width, height = item["pixmap"]
    return item, pixmap(raw, int(width), int(height))


def read_item_when(
    panel: gnome_session.StandInPanel, tmp_path: Path, ready: Callable[[dict[str, Any]], bool]
) -> tuple[dict[str, Any], QImage]:
    """The item as the panel reads it once it has signalled the change ``ready`` sees."""
    deadline = time.monotonic() + 10
    while True:
        item, image = read_item(panel, tmp_path)
        if ready(item) or time.monotonic() > deadline:
            return item, image
        time.sleep(0.2)


def test_the_panel_shows_the_phase_and_minutes_and_the_menu_works_over_dbus(
    gnome: dict[str, str], tmp_path: Path, qapp: object
) -> None:
    panel = gnome_session.StandInPanel(gnome["DBUS_SESSION_BUS_ADDRESS"])
    portal = gnome_session.StandInPortal(gnome["DBUS_SESSION_BUS_ADDRESS"])  # as on KDE
    app = launch(gnome, tmp_path)
    try:
        panel.until("registered")
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the portal's shortcut")
        assert app.wait_for(lambda s: s["app"]["tray"], "the icon in the panel")["app"]["tray"]
        assert app.status()["app"]["timer_window"] is False

        app.cli("start", "--task", "write the spec")
        item, image = read_item_when(panel, tmp_path, lambda i: "write" in i["tooltip_title"])
        tip = f"{item['tooltip_title']} {item['tooltip_text']}"
        assert "write the spec" in tip
        assert "Ramp-up" in tip
        assert item["status"] == "Active"
        size = image.width()
        assert size == max(icons.SIZES)  # every size is offered; the panel picks the largest
        assert main_colour(image) == icons.PHASE_COLOURS[Phase.RAMP_UP].name()
        expected = icons.paint(icons.IconLook(State.RUNNING, False, Phase.RAMP_UP, "0", 0.0), size)
        assert image == expected.toImage().convertToFormat(QImage.Format.Format_ARGB32)

        entries = panel.send("menu", "menu")["entries"]
        labels = {entry["label"]: entry for entry in entries if entry["visible"]}
        assert "Pause" in labels
        assert "Log interruption…" in labels
        panel.send(f"click {labels['Pause']['id']}", "clicked")
        app.wait_for(lambda s: s["state"] == "paused", "the pause the panel's menu asked")
        _item, image = read_item_when(panel, tmp_path, lambda i: "Paused" in i["tooltip_title"])
        assert main_colour(image) == icons.PAUSED.name()
    finally:
        assert app.quit() == 0
        panel.close()
        portal.close()


def test_a_panel_that_starts_after_the_app_still_gets_the_icon(
    gnome: dict[str, str], tmp_path: Path, qapp: object
) -> None:
    app = launch(gnome, tmp_path, tray_wait_s=1)
    panel: gnome_session.StandInPanel | None = None
    try:
        app.wait_for(lambda s: s["app"]["timer_window"], "the timer window, for want of a tray")
        panel = gnome_session.StandInPanel(gnome["DBUS_SESSION_BUS_ADDRESS"])
        panel.until("registered")
        status = app.wait_for(lambda s: s["app"]["tray"], "the icon, in the late panel")
        assert status["app"]["timer_window"] is False
        item, _image = read_item(panel, tmp_path)
        assert "Flowtally" in f"{item['title']} {item['tooltip_title']} {item['tooltip_text']}"
    finally:
        assert app.quit() == 0
        if panel is not None:
            panel.close()
