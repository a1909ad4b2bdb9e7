"""English and Dutch user interface: Qt translators chosen by the system locale."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tracker import i18n

FOLDER = Path(__file__).resolve().parent / "i18n"


def install(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's own and Flowtally's translators for ``locale`` (default: the system's).

    English is the source language, so an English locale installs nothing of ours. The
    words said outside the widgets (:mod:`tracker.i18n`: notices, refusals) follow the same
    choice, so that a Dutch tray never shows an English notice.
    """
    locale = locale or QLocale.system()
    installed = []
    ours = "en"
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_folder), ("flowtally", str(FOLDER))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
            if name == "flowtally":
                ours = translator.language()
    i18n.use(ours)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    i18n.use(None)
