"""Flowtally in a real GNOME Shell panel (GNOME Shell 43 headless, Debian's AppIndicator
extension): the panel's own pixels, its menu clicked with a real pointer, and notices in the
shell's own notification list (tests/gnome_shell.py)."""

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from tests import gnome_shell
from tests.e2e.running_app import RunningApp
from tests.xserver import ARTIFACTS
from ui import icons

pytestmark = pytest.mark.skipif(
    not gnome_shell.available() and os.environ.get("FLOWTALLY_REQUIRE_DISPLAY") != "1",
    reason="needs gnome-shell, gjs and gnome-shell-extension-appindicator",
)
WATCHED_S = 10
"""Qt's balloon over StatusNotifierItem put a generic icon in the panel for 8 s."""


@pytest.fixture
def shell() -> Iterator[gnome_shell.Shell]:
    with gnome_shell.gnome_shell() as running:
        yield running


def ours(image: QImage) -> int:
    """How many of the panel button's pixels are one of the icon's phase colours: the
    generic attention icon has none of them."""
    wanted = [QColor(colour) for colour in (*icons.PHASE_COLOURS.values(), icons.PAUSED)]
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if any(
                max(
                    abs(pixel.red() - c.red()),
                    abs(pixel.green() - c.green()),
                    abs(pixel.blue() - c.blue()),
                )
                <= 40
                for c in wanted
            ):
                found += 1
    return found


def panel_button(shell: gnome_shell.Shell, target: Path) -> tuple[dict[str, Any], QImage]:
    item = shell.item()
    assert item is not None, "Flowtally's button left the panel"
    shell.screenshot_area(target, item["x"], item["y"], item["w"], item["h"])
    return item, QImage(str(target))


def click_menu(shell: gnome_shell.Shell, label: str) -> None:
    """Open the button's menu and click ``label`` in it, both with the pointer."""
    item = shell.item()
    assert item is not None
    for attempt in range(3):
        if shell.eval(f"{gnome_shell.PANEL_ITEM}.menu.isOpen"):
            break
        # A click while the last menu is still closing (its animation) is taken as a
        # close; a person clicks again.
        shell.click(item["x"] + item["w"] / 2, item["y"] + item["h"] / 2)
        try:
            shell.until(f"{gnome_shell.PANEL_ITEM}.menu.isOpen", "the menu, open", timeout=5)
            break
        except AssertionError:
            if attempt == 2:
                raise
    entries = {entry["text"]: entry for entry in shell.menu_items()}
    assert label in entries, sorted(entries)
    assert entries[label]["sensitive"], f"{label} is greyed out"
    shell.click(entries[label]["x"], entries[label]["y"])


def test_in_gnome_shell_the_icon_is_never_replaced_and_the_menu_and_notices_work(
    shell: gnome_shell.Shell, tmp_path: Path
) -> None:
    app = RunningApp(tmp_path / "flowtally.sqlite3", "", extra_env=shell.env).launch()
    try:
        shell.until(f"{gnome_shell.PANEL_ITEM} !== null", "Flowtally's button in the panel")
        item, _image = panel_button(shell, ARTIFACTS / "gnome-panel-start.png")
        assert item["id"] == "Flowtally"
        # Every moment after start, while the notice that the hotkey cannot work here shows.
        deadline = time.monotonic() + WATCHED_S
        seen = 0
        while time.monotonic() < deadline:
            item, image = panel_button(shell, tmp_path / f"panel-{seen}.png")
            assert item["status"] == "Active", item
            assert ours(image) >= 10, f"not Flowtally's icon at {seen}: {tmp_path}"
            seen += 1
            time.sleep(0.5)
        notices = [n for n in shell.notifications() if n["source"] == "Flowtally"]
        assert [n["title"] for n in notices] == ["Flowtally"]
        assert "flowtally interrupt" in notices[0]["body"]  # what to bind instead

        app.cli("start", "--task", "panel test")
        app.wait_for(lambda s: s["state"] == "running", "the block")
        click_menu(shell, "Pause")
        app.wait_for(lambda s: s["state"] == "paused", "the pause clicked in the panel")
        click_menu(shell, "Resume")
        app.wait_for(lambda s: s["state"] == "running", "the resume clicked in the panel")
        click_menu(shell, "Log interruption…")
        app.wait_for(lambda s: s["interruptions"] == 1, "the interruption clicked in the panel")
        shell.screenshot(ARTIFACTS / "gnome-panel-popup.png")
        app.cli("back")

        click_menu(shell, "Stop")
        app.wait_for(lambda s: s["state"] == "idle", "the stop clicked in the panel")
        stopped = shell.until(
            """Main.messageTray.getSources().flatMap(s => s.notifications)
                .some(n => n.bannerBodyText.startsWith("Stopped"))""",
            "the stop's notice in the shell",
        )
        assert stopped
        shell.screenshot(ARTIFACTS / "gnome-panel-notice.png")
        notice = [n for n in shell.notifications() if n["body"].startswith("Stopped")][-1]
        assert notice["actions"] == ["Start focus"]
        shell.act_on_notification("Start focus")
        app.wait_for(lambda s: s["state"] == "running", "the start the notice's button asked")
        _item, image = panel_button(shell, ARTIFACTS / "gnome-panel-running.png")
        assert ours(image) >= 10

        click_menu(shell, "Quit (the block keeps running)")
        assert app.process is not None
        assert app.process.wait(15) == 0
    finally:
        assert app.quit() == 0

    # The hotkey still cannot work here: no news, so no second notice.
    again = RunningApp(tmp_path / "flowtally.sqlite3", "", extra_env=shell.env).launch()
    try:
        again.wait_for(lambda s: s["app"]["hotkey_problem"], "the hotkey's problem, known")
        time.sleep(1)
        said = [n for n in shell.notifications() if "flowtally interrupt" in n["body"]]
        assert len(said) == 1
    finally:
        assert again.quit() == 0
