"""A package in the window (issue 22): it opens as the annotator it was made for, the name dialog
pre-filled and another name refused, and "Lee" is lee."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.core.project import Project
from annotator.core.team.assignment import assign
from annotator.core.team.names import AnnotatorNameError
from annotator.core.team.packages.make import write_package
from annotator.gui.window import launch
from annotator.gui.window import settings

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


def test_the_name_dialog_of_a_package_is_prefilled_and_refuses_another_name(korean, lee_package, dialogs_answered):
    settings.save_annotator("")
    dialogs_answered.answers = ["park", "Lee"]
    assert launch.resolve_annotator(None, interactive=True, folder=lee_package) == "lee"
    assert dialogs_answered.prefilled == ["lee", "lee"]
    assert dialogs_answered.warnings == ["lee의 패키지입니다: lee(으)로만 열 수 있습니다."]
    assert settings.saved_annotator() == "lee"
    settings.save_annotator("LEE")  # remembered as the same person: no question
    assert launch.resolve_annotator(None, interactive=True, folder=lee_package) == "lee"
    settings.save_annotator("kim")  # someone else's name, remembered from another project: asked again
    dialogs_answered.answers = [None]
    assert launch.resolve_annotator(None, interactive=True, folder=lee_package) is None
    assert dialogs_answered.prefilled[-1] == "lee"
    assert launch.resolve_annotator(None, interactive=False, folder=lee_package) == "lee"


def test_a_package_window_works_as_its_annotator_whatever_the_case(korean, qtbot, lee_package, dialogs_answered):
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
        assert window.annotator == "lee" and dialogs_answered.warnings[-1].startswith("lee의 패키지입니다")
        assert dialogs_answered.prefilled == ["lee", "lee"]
    finally:
        window.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_package_window_offers_no_review_mode(qapp, qtbot, lee_package, open_window, capsys):
    """Review happens in the project that made the package: no Review menu, Ctrl+R does nothing, and
    --review is refused (issue 22, "An annotator's copy adjudicates")."""
    from PySide6.QtCore import Qt

    from annotator.cli import main

    window = open_window(lee_package, "lee")
    assert not window.review.menu.menuAction().isVisible()
    assert not window.review.toggle.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    window.review.set_active(True)  # as --review would
    assert not window.review.active and window.annotator == "lee"
    assert window.statusBar().currentMessage() == "lee의 패키지입니다: 검토는 패키지를 만든 프로젝트에서 합니다"
    assert main(["gui", str(lee_package), "--review", "--screenshot", str(lee_package / "x.png")]) == 2
    assert "made for lee" in capsys.readouterr().err


def test_a_project_window_still_offers_review_mode(qapp, lee_package, open_window):
    window = open_window(lee_package.parent / "team", "kim")
    assert window.review.menu.menuAction().isVisible() and window.review.toggle.isEnabled()


def test_the_import_dialog_puts_spans_of_lee_typed_in_another_case_into_lees_layer(qapp, qtbot, lee_package):
    from annotator.gui.jobs.import_dialog import ImportDialog

    with Project.open(lee_package.parent / "team") as project:
        dialog = ImportDialog(project)
        qtbot.addWidget(dialog)
        dialog.layer.setEditText("LEE")
        assert dialog._layer() == "lee"
        dialog.layer.setEditText("park")
        assert dialog._layer() == "park"  # a new layer keeps its name
