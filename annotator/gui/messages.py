"""Core errors in the interface language: the core words them in English for the CLI
and logs; the ones an annotator meets while labelling are translated here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.errors import AnnotatorError, OverlapError


def error_message(error: AnnotatorError) -> str:
    if isinstance(error, OverlapError):
        return (QCoreApplication.translate("Messages", "Overlaps %1 “%2”: this project does not allow overlapping spans")
                .replace("%1", error.label).replace("%2", error.text))
    return str(error)
