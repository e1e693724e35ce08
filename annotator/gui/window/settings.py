"""What the workbench remembers between runs (QSettings): the annotator's name, the language,
whether suggestions are shown, the text's zoom and the projects opened recently."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.gui.window.translation import DEFAULT_LANGUAGE, LANGUAGES


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


def zoom_percent() -> int:
    return _settings().value("zoom", 100, type=int)


def save_zoom_percent(percent: int) -> None:
    _settings().setValue("zoom", percent)


RECENT_PROJECTS = 8


def recent_projects() -> list[Path]:
    """Project folders opened lately, the latest first."""
    value = _settings().value("recent_projects", []) or []
    return [Path(p) for p in ([value] if isinstance(value, str) else value) if p]


def add_recent_project(folder: Path) -> None:
    folder = Path(folder).absolute()
    kept = [p for p in recent_projects() if p != folder]
    _settings().setValue("recent_projects", [str(p) for p in [folder, *kept][:RECENT_PROJECTS]])


def clear_recent_projects() -> None:
    _settings().setValue("recent_projects", [])
