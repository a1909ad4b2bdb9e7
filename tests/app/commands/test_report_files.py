"""``flowtally report --output``: the charts as PNG, PDF and HTML files, without Qt or a display."""

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.app.cli_runner import ROOT, assert_clean_error, flowtally
from tests.app.test_cli import AMS, report, seed_morning

HEADLESS = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}


def test_pdf_png_and_html_reports_are_written_headless(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    seed_morning(db)
    for name in ("report.pdf", "report.png", "report.html"):
        result = flowtally(
            "report",
            "--week",
            "2026-W47",
            "--output",
            str(tmp_path / name),
            "--db",
            db,
            *AMS,
            env=HEADLESS,
        )
        assert f"Wrote the report of 2026-W47 to {tmp_path / name}." in result.stdout

    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # One page per dashboard page (week, interruptions, trend, day timeline) and the tasks.
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 5
    assert b"Flowtally 2026-W47" in pdf

    png = (tmp_path / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    page_px = 825  # 7.5 in at 110 dpi: four dashboard pages, then the tasks' table, no page more
    assert width == 1210
    assert 4 * page_px < height < 4 * page_px + page_px / 2

    page = (tmp_path / "report.html").read_text()
    assert page.count("<svg") == 4
    totals = report(db)["totals"]
    assert isinstance(totals, dict)
    # The morning: 09:00-10:00 (period), 10:10-11:05 (period), 11:05-12:00 (period).
    assert totals["periods"] == 3
    assert "<td>Week</td><td>3</td><td>3 h</td>" in page
    assert "<td>person</td><td>2</td><td>30</td>" in page  # counts and minutes are whole
    assert re.search(r"<strong>Uninterrupted periods</strong> 3 <span>\(\+3 ", page)
    assert "<h2>By task</h2>" in page
    assert "<td>API design</td><td>3 h</td>" in page


def test_a_report_file_loads_neither_qt_nor_a_display(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    seed_morning(db)
    code = (
        "import sys; from app.entry import main; "
        f"code = main(['report', '--week', '2026-W47', '-o', {str(tmp_path / 'r.pdf')!r}, "
        f"'--db', {db!r}, '--tz', 'Europe/Amsterdam']); "
        "print(code, 'PySide6' in sys.modules, 'matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **HEADLESS},
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "0 False True"


def test_an_unknown_report_format_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    result = flowtally("report", "-o", str(tmp_path / "report.docx"), "--db", db, *AMS, check=False)
    assert_clean_error(result, "report.docx", ".png, .pdf or .html")
    assert not (tmp_path / "report.docx").exists()


def test_a_report_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    seed_morning(db)
    target = tmp_path / "nowhere" / "report.pdf"
    result = flowtally("report", "-o", str(target), "--db", db, *AMS, check=False)
    assert_clean_error(result, "does not exist")
