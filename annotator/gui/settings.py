"""What the workbench remembers between runs (QSettings): the annotator's name, the language and
whether suggestions are shown."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from .translation import DEFAULT_LANGUAGE, LANGUAGES


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "annotator", "workbench")


def saved_annotator() -> str:
    return str(_settings().value("annotator", "") or "").strip()


def save_annotator(name: str) -> None:
    _settings().setValue("annotator", name.strip())


def saved_language() -> str:
    value = str(_settings().value("language", DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(lang: str) -> None:
    _settings().setValue("language", lang)


def show_suggestions() -> bool:
    return _settings().value("show_suggestions", True, type=bool)


def save_show_suggestions(shown: bool) -> None:
    _settings().setValue("show_suggestions", shown)
