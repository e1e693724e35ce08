"""The interface language: English source strings, a Korean translation.

Strings are marked with ``tr()``/``QCoreApplication.translate`` and translated
by Qt's own mechanism: ``resources/translations/annotator_ko.qm`` (compiled
from the ``.ts`` by ``pyside6-lrelease``, see ``make translations``) and Qt's
``qtbase_ko.qm`` for standard dialog buttons, installed on the application.
English needs only its plural forms (``annotator_en``: "1 document", "2 documents").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator

from annotator.core.paths import resources_dir

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
_state = {"language": DEFAULT_LANGUAGE, "translators": []}


def translations_dir():
    return resources_dir() / "translations"


def language() -> str:
    """The language the interface is shown in now ("ko" or "en")."""
    return _state["language"]


def set_language(lang: str) -> bool:
    """Install the translators for ``lang`` (removing the previous ones); False if ours is missing.

    Widgets retranslate on the ``LanguageChange`` event this sends.
    """
    app = QCoreApplication.instance()
    for translator in _state["translators"]:
        app.removeTranslator(translator)
    _state["translators"] = []
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _state["language"] = lang
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    ours = QTranslator(app)
    loaded = ours.load(f"annotator_{lang}", str(translations_dir()))
    if loaded:
        app.installTranslator(ours)
        _state["translators"].append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _state["translators"].append(qt_base)
    return loaded


class _LanguageWatcher(QObject):
    def __init__(self, widget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._callback()
        return False


def on_language_change(widget, callback) -> QObject:
    """Call ``callback`` when ``widget`` is told the language changed: for the helpers of a window
    that are not widgets themselves (menus and actions they own)."""
    return _LanguageWatcher(widget, callback)
