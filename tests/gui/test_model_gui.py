"""The model in the workbench: its suggestions drawn apart with the confidence on hover, Ctrl+Enter
offering the next document with the reason, retraining in the background, the dashboard's tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator import Project
from annotator.gui.text.overlays import MODEL_SUGGESTIONS, SUGGESTIONS

from ..core.model_fixtures import labelled_project, store_document
from ..core.test_model import schema_with_person

CTRL = Qt.KeyboardModifier.ControlModifier
NEW_ARTICLE = "😀 이날 원주시의 홍석진 과장도 의견을 냈다.\n"


def people_project(tmp_path, model_section: str = "", train: bool = True, documents: int = 10):
    folder = tmp_path / "people"
    with Project.create(folder, schema_with_person(tmp_path, model_section)) as project:
        labelled_project(project, documents)
        store_document(project, NEW_ARTICLE)
        store_document(project, "배준호 장관은 환경부에서 열린 회의에 참석했다.\n")
        if train:
            project.train()
    return folder


def test_model_suggestions_are_drawn_apart_with_their_confidence_on_hover(open_window, qtbot, tmp_path):
    window = open_window(people_project(tmp_path))
    window.open_document(11)
    qtbot.waitUntil(lambda: window.suggestions.ready and bool(window.suggestions.marks()))
    marks = {m.text: m for m in window.suggestions.marks()}
    person, agency = marks["홍석진"], marks["원주시"]
    assert person.suggestion.source == "model" and person.style is MODEL_SUGGESTIONS
    assert agency.suggestion.source == "gazetteer" and agency.style is None  # a rule and the model agree: one
    drawn = {placed.span.text: style for _, style, placed, _ in window.view._visible_geometry()}
    assert drawn["홍석진"] is MODEL_SUGGESTIONS and drawn["원주시"] is SUGGESTIONS
    assert "모델 확신도:" in person.tooltip and "인물" in person.tooltip
    assert "모델도 같은 제안" in agency.tooltip
    window.suggestions.select(person.id)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    (span,) = window.project.spans(11, "kim", label="PERSON")
    assert (span.start, span.end, span.text) == (NEW_ARTICLE.index("홍석진"), NEW_ARTICLE.index("홍석진") + 3, "홍석진")
    assert dict(span.attrs) == {}  # the confidence is the suggestion's, not the span's


def test_ctrl_enter_opens_the_document_the_queue_offers_and_says_why(open_window, qtbot, tmp_path):
    folder = people_project(tmp_path, "\n[model]\nrandom_share = 0.0\nretrain_every = 50\n")
    window = open_window(folder)
    window.open_document(11)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.document.id == 12)
    assert window.project.status(11, "kim").status == "done"
    assert window.statusBar().currentMessage().startswith("다음 문서 — 불확실: 0.")


def test_returned_documents_come_first_without_a_model(open_window, qtbot, tmp_path):
    folder = people_project(tmp_path, train=False, documents=3)
    with Project.open(folder) as project:
        project.return_document(2, "kim", "경계 확인")
    window = open_window(folder)
    window.open_document(4)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.document.id == 2
    assert window.statusBar().currentMessage() == "다음 문서 — 반려된 문서"


def test_finishing_documents_retrains_in_the_background_while_labelling_goes_on(open_window, qtbot, tmp_path):
    folder = people_project(tmp_path, "\n[model]\nretrain_every = 2\n", train=False, documents=1)
    with Project.open(folder) as project:
        labelled_project(project, 1, done=False, seed=5)  # document 4: labelled, not yet done
    window = open_window(folder)
    window.open_document(4)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)  # the second finished document: training starts
    assert window.training.running()
    assert window.training.indicator.isVisible() and window.training.indicator.text() == "모델: 학습하는 중…"
    window.open_document(2)
    start = NEW_ARTICLE.index("원주시")
    window.editor.add_span(window.document, start, start + 3, "AGENCY")  # the window keeps working
    assert window.project.spans(2, "kim")
    qtbot.waitUntil(lambda: not window.training.running(), timeout=60_000)
    assert window.project.model_info().documents == 2
    assert "모델을 학습했습니다" in window.statusBar().currentMessage()
    assert not window.training.indicator.isVisible()


def test_the_dashboard_shows_the_model_and_trains_it_on_request(open_window, qtbot, tmp_path):
    folder = people_project(tmp_path, "\n[model]\nretrain_every = 50\n", train=False)
    window = open_window(folder)
    window.review.show_agreement()
    dialog = window.review.agreement_dialog
    panel = dialog.model_panel
    assert dialog.tabs.tabText(dialog.tabs.indexOf(panel)) == "모델"
    assert panel.summary.text().startswith("아직 모델이 없습니다")
    panel.train_button.click()
    assert window.training.running() and not panel.train_button.isEnabled()
    qtbot.waitUntil(lambda: panel.info is not None, timeout=60_000)
    rows = {panel.scores.value(r, 0): [panel.scores.value(r, c) for c in range(7)] for r in range(panel.scores.rowCount())}
    assert rows["PERSON"][4] == 40 and rows["PERSON"][1] >= 0.9 and rows["PERSON"][6] == "제안함"
    assert rows["BUDGET"][6] == "학습할 스팬 없음"
    assert "마친 문서 10개" in panel.summary.text() and "PERSON" in panel.summary.text()
    assert panel.train_button.isEnabled()
