"""The language the workbench speaks: Qt's translators for Chinese, else the English sources."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from qdesk.core.i18n import set_language
from qdesk.resources import resources_dir

_translators: list[QTranslator] = []


def install_language(app: QCoreApplication, lang: str) -> None:
    """Chinese by default through Qt's translator (English source strings); English on request."""
    while _translators:
        app.removeTranslator(_translators.pop())
    set_language("en" if lang == "en" else "zh")
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Qt asks the translator installed last first: Qt's own, then the few strings Qt's own
    # Chinese leaves in English (the file dialog's "Look in:"), then qdesk's.
    ours, qt_gaps, qt_base = QTranslator(app), QTranslator(app), QTranslator(app)
    folder = resources_dir() / "translations"
    loaded = [ours.load(str(folder / "qdesk_zh_CN.qm")),
              qt_gaps.load(str(folder / "qt_gaps_zh_CN.qm")),
              qt_base.load(QLocale(), "qtbase", "_",
                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    for translator, ok in zip((ours, qt_gaps, qt_base), loaded):
        if ok:
            app.installTranslator(translator)
            _translators.append(translator)
