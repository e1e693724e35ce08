"""A package in the window (issue 22): it opens as the annotator it was made for, the name dialog
pre-filled and another name refused, and "Lee" is lee."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.core.project import Project
from annotator.core.team.assignment import assign
from annotator.core.team.names import AnnotatorNameError
from annotator.core.team.package import write_package
from annotator.gui import launch, settings

from ..core.synthetic import Words, numbered_text


@pytest.fixture
def lee_package(tmp_path):
    with Project.create(tmp_path / "team") as project:
        for seed in "abc":
            Words(project, numbered_text(12, seed)).mark("lee", 0, 0, "AGENCY")
        assign(project, ["kim", "lee"], 2)
        write_package(project, "lee", tmp_path / "lee-package")
    return tmp_path / "lee-package"


@pytest.fixture
def dialogs_answered(monkeypatch):
    """The name dialog and message boxes, answered by the test: ``answers`` are the names typed in
    turn (None cancels); ``prefilled`` and ``warnings`` record what the person saw."""
    state = type("Dialogs", (), {"answers": [], "prefilled": [], "warnings": []})()

    def get_text(parent, title, label, echo, current):
        state.prefilled.append(current)
        answer = state.answers.pop(0)
        return (answer or "", answer is not None)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: state.warnings.append(text)))
    return state


def test_the_name_dialog_of_a_package_is_prefilled_and_refuses_another_name(qapp, lee_package, dialogs_answered):
    settings.save_annotator("")
    dialogs_answered.answers = ["park", "Lee"]
    assert launch.resolve_annotator(None, interactive=True, folder=lee_package) == "lee"
    assert dialogs_answered.prefilled == ["lee", "lee"]
    assert len(dialogs_answered.warnings) == 1 and "made for lee" in dialogs_answered.warnings[0]
    assert settings.saved_annotator() == "lee"
    settings.save_annotator("LEE")  # remembered as the same person: no question
    assert launch.resolve_annotator(None, interactive=True, folder=lee_package) == "lee"
    settings.save_annotator("kim")  # someone else's name, remembered from another project: asked again
    dialogs_answered.answers = [None]
    assert launch.resolve_annotator(None, interactive=True, folder=lee_package) is None
    assert dialogs_answered.prefilled[-1] == "lee"
    assert launch.resolve_annotator(None, interactive=False, folder=lee_package) == "lee"


def test_a_package_window_works_as_its_annotator_whatever_the_case(qapp, qtbot, lee_package, dialogs_answered):
    with pytest.raises(AnnotatorNameError, match="made for lee"):
        launch.open_window(lee_package, "kim")
    window = launch.open_window(lee_package, "Lee")  # deleted on close, closing its project
    try:
        assert window.annotator == "lee"
        first = window.project.store.document_ids()[0]
        window.open_document(first)
        assert [s.annotator for s in window.spans.model.spans()] == ["lee"]  # her spans, not an empty "Lee" layer
        dialogs_answered.answers = ["kim", None]  # File › Switch annotator…: refused, then cancelled
        window.shortcuts.switch_annotator.trigger()
        assert window.annotator == "lee" and "made for lee" in dialogs_answered.warnings[-1]
        assert dialogs_answered.prefilled == ["lee", "lee"]
    finally:
        window.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
