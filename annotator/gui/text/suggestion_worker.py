"""Suggestions computed off the GUI thread, through the worker's own connection to the project.

Suggesting a long article takes a tenth of a second or more, and the learned
strings are re-read from every layer after each change in a big project;
neither may hold up a keypress. Only the newest request is answered
(``request_worker``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from annotator.core.project import Project
from annotator.gui.jobs.request_worker import LatestRequestWorker


class SuggestionWorker(LatestRequestWorker):
    computed = Signal(int, int, object)  # request number, doc id, list[Suggestion]
    failed = Signal(int, str)  # request number, message

    thread_name = "suggestions"

    def request(self, doc_id: int, annotator: str) -> int:
        """Ask for ``doc_id`` 's suggestions for ``annotator``; returns the request's number.

        The answer (``computed`` or ``failed``) carries the number, so a caller keeps
        only the answer to its latest request.
        """
        return self.submit(doc_id, annotator)

    def answer(self, project: Project, number: int, doc_id: int, annotator: str) -> None:
        # A remote service is asked apart (remote_suggestions): its answer joins once it is kept.
        self.emit(self.computed, number, doc_id, project.suggest(doc_id, annotator, wait_for_remote=False))

    def failed_to_answer(self, number: int, message: str) -> None:
        self.emit(self.failed, number, message)
