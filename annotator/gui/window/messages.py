"""Core errors in the interface language: the core words them in English for the CLI
and logs; the ones an annotator meets while labelling are translated here."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from annotator.core.errors import AnnotatorError, OverlapError
from annotator.core.worklist.search_query import SearchError, shown_query


def error_message(error: AnnotatorError) -> str:
    if isinstance(error, OverlapError):
        return _fill(QCoreApplication.translate("Messages", "Overlaps %1 “%2”: this project does not allow overlapping spans"),
                     error.label, error.text)
    if isinstance(error, SearchError):
        return search_error_message(error)
    return str(error)


def search_error_message(error: SearchError) -> str:
    """What is wrong with a search query (``search_query.PROBLEMS``), in the interface language."""
    problems = {
        "unclosed quote": QCoreApplication.translate("SearchError", "a quote is not closed"),
        "needs a word": QCoreApplication.translate("SearchError", "%1 needs a word after it"),
        "nothing": QCoreApplication.translate("SearchError", "nothing to search"),
        "unclosed group": QCoreApplication.translate("SearchError", "a parenthesis is not closed"),
        "misplaced": QCoreApplication.translate("SearchError", "%1 cannot stand here"),
        "empty quotes": QCoreApplication.translate("SearchError", "the quotes are empty"),
        "only negative": QCoreApplication.translate("SearchError", "say what to find, not only what to leave out"),
        "too long": QCoreApplication.translate("SearchError", "longer than %1 characters"),
        "too many words": QCoreApplication.translate("SearchError", "more than %1 words"),
        "too deep": QCoreApplication.translate("SearchError", "parentheses nested more than %1 deep"),
    }
    if error.problem not in problems:
        return str(error)
    why = _fill(problems[error.problem], *(str(value) for value in error.details.values()))
    return _fill(QCoreApplication.translate("SearchError", "Cannot search for “%1”: %2"), shown_query(error.query), why)


def _fill(template: str, *values: str) -> str:
    """Qt's %1, %2 … in one pass: a value that itself holds "%2" is left as it is."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(values)
                  else m.group(0), template)
