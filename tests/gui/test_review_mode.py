"""Review mode as a reviewer uses it: auto-merge on open, accepting, rejecting,
accepting all of one annotator, marking adjudicated, and undo for each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.project import Project
from annotator.core.records import GOLD
from annotator.gui.review.review_model import STATE, TEXT

from .conftest import EMOJI_TITLE
from .test_labelling import point_of

CTRL = Qt.KeyboardModifier.ControlModifier


def emoji_doc(project) -> int:
    return next(d.id for d in project.documents() if d.title == EMOJI_TITLE)


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def review_dir(project_dir):
    """kim and lee on the emoji article (done by both), and a second ready document.

    Agreed: 원주의료기기테크노밸리 AGENCY (title), 디지털트윈 TECH (title).
    Disagreements: 120억 원 BUDGET (kim) / 120억 BUDGET (lee); 과기정통부 AGENCY (kim) / PROGRAM (lee).
    Incomplete: 인공지능 TECH (kim only)."""
    with Project.open(project_dir) as project:
        doc_id = emoji_doc(project)
        text = project.document(doc_id).text
        for name in ("kim", "lee"):
            project.add_span(doc_id, *at(text, "원주의료기기테크노밸리"), "AGENCY", name, snap=False)
            project.add_span(doc_id, *at(text, "디지털트윈"), "TECH", name, snap=False)
        project.add_span(doc_id, *at(text, "120억 원"), "BUDGET", "kim", snap=False)
        project.add_span(doc_id, *at(text, "120억"), "BUDGET", "lee", snap=False)
        project.add_span(doc_id, *at(text, "과기정통부"), "AGENCY", "kim", snap=False)
        project.add_span(doc_id, *at(text, "과기정통부"), "PROGRAM", "lee", snap=False)
        project.add_span(doc_id, *at(text, "인공지능"), "TECH", "kim", snap=False)
        other = project.store.document_ids()[0]
        for name in ("kim", "lee"):
            project.set_status(doc_id, name, "done")
            project.set_status(other, name, "done")
    return project_dir


@pytest.fixture
def reviewing(open_window, review_dir, qtbot):
    """The workbench in review mode on the emoji article, the review states loaded."""
    window = open_window(review_dir)
    window.open_document(emoji_doc(window.project))
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    assert window.review.active and window.annotator == GOLD
    qtbot.waitUntil(lambda: window.review.columns.reviews is not None)
    return window


def gold(window) -> set[tuple[int, int, str]]:
    return {(s.start, s.end, s.label) for s in window.project.spans(window.document.id, GOLD)}


def layers(window) -> dict[str, list[tuple[int, int, str]]]:
    return {n: [(s.start, s.end, s.label) for s in window.project.spans(window.document.id, n)] for n in ("kim", "lee")}


def select(window, text: str, label: str, annotator: str | None = None) -> int:
    """Click the candidate's row in the panel; returns the row."""
    model = window.review.model
    row = next(r for r, c in enumerate(model.candidates()) if c.text == text and c.label == label
               and (annotator is None or annotator in c.annotators))
    window.review.panel.table.setCurrentIndex(model.index(row, TEXT))
    return row


def state(window, text: str, label: str) -> str:
    return next(c.state for c in window.review.model.candidates() if c.text == text and c.label == label)


def test_agreement_is_merged_into_gold_on_first_open_at_codepoint_offsets(reviewing, qtbot):
    window = reviewing
    text = window.document.text
    assert text.startswith("😀🇰🇷 ")
    merged = {(*at(text, "원주의료기기테크노밸리"), "AGENCY"), (*at(text, "디지털트윈"), "TECH")}
    assert merged == {(4, 15, "AGENCY"), (18, 23, "TECH")}  # code points: 😀 is one, 🇰🇷 two
    assert gold(window) == merged
    assert window.statusBar().currentMessage() == "스팬 2개를 자동으로 병합했습니다 (Ctrl+Z로 되돌리기)"
    assert {c.state for c in window.review.model.candidates() if (c.start, c.end, c.label) in merged} == {"accepted"}
    assert "review:disagreement" in window.view.overlay_names()
    assert window.review.panel.counts["disagreement"].text() == "불일치 4"
    assert window.spans.model.annotator == GOLD  # gold is the editable layer
    # The first undecided candidate is selected, so A / X work at once.
    assert window.review.selected_candidate().state == "disagreement"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the auto-merge is one undo step
    assert gold(window) == set()
    assert state(window, "디지털트윈", "TECH") == "agreed"
    other = window.documents.neighbour(window.document.id, -1) or window.documents.neighbour(window.document.id, 1)
    doc_id = window.document.id
    window.open_document(other)
    window.open_document(doc_id)
    assert gold(window) == set()  # merged once a session: reopening does not redo what was undone
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert gold(window) == merged


def test_accepting_a_disagreement_candidate_keeps_annotator_layers(reviewing, qtbot):
    window = reviewing
    before = layers(window)
    text = window.document.text
    select(window, "120억", "BUDGET", "lee")
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert (*at(text, "120억"), "BUDGET") in gold(window)
    assert state(window, "120억", "BUDGET") == "accepted"
    assert state(window, "120억 원", "BUDGET") == "rejected"  # the conflicting candidate
    assert layers(window) == before
    # The next undecided candidate is selected after a decision.
    assert window.review.selected_candidate().state in ("disagreement", "incomplete", "agreed")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert (*at(text, "120억"), "BUDGET") not in gold(window)
    assert state(window, "120억", "BUDGET") == "disagreement"
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert (*at(text, "120억"), "BUDGET") in gold(window)
    # Accepting the other one replaces the gold span it conflicts with.
    select(window, "120억 원", "BUDGET")
    qtbot.keyClick(window.review.panel.table, Qt.Key.Key_Return)  # Enter in the table accepts too
    assert (*at(text, "120억 원"), "BUDGET") in gold(window)
    assert (*at(text, "120억"), "BUDGET") not in gold(window)
    assert layers(window) == before


def test_a_click_on_a_candidate_in_the_text_accepts_it(reviewing, qtbot):
    window = reviewing
    start, end = at(window.document.text, "과기정통부")
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, start + 2))
    [accepted] = [k for k in gold(window) if k[:2] == (start, end)]
    assert accepted[2] in ("AGENCY", "PROGRAM")
    assert state(window, "과기정통부", accepted[2]) == "accepted"
    assert window.review.selected_candidate().label == accepted[2]  # its row follows the gold span
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not [k for k in gold(window) if k[:2] == (start, end)]


def test_reject_and_undo(reviewing, qtbot):
    window = reviewing
    select(window, "인공지능", "TECH")
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    assert state(window, "인공지능", "TECH") == "rejected"
    assert window.review.panel.counts["rejected"].text() == "기각 1"
    assert window.project.spans(window.document.id, "kim")  # kim's layer is untouched
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert state(window, "인공지능", "TECH") == "incomplete"
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert state(window, "인공지능", "TECH") == "rejected"


def test_accept_all_of_one_annotator(reviewing, qtbot):
    window = reviewing
    before = layers(window)
    button = window.review.panel.accept_all_button("lee")
    assert button.text() == "lee 전체"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert gold(window) == set(before["lee"])
    assert layers(window) == before
    assert window.stack.count() == 2  # auto-merge, then accept-all: one step each
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert len(gold(window)) == 2


def test_mark_adjudicated_shows_in_the_list_and_opens_the_next_ready(reviewing, qtbot):
    window = reviewing
    doc_id = window.document.id
    model = window.documents.model
    row = model.row_of(doc_id)
    assert model.index(row, 2).data() == "검토 대기"
    assert model.index(row, 3).data() == 4  # disagreements
    assert model.headerData(2, Qt.Orientation.Horizontal) == "검토"
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.project.status(doc_id, GOLD).status == "adjudicated"
    assert model.index(row, 2).data() == "판정 완료"
    assert window.document.id == window.project.store.document_ids()[0]  # the other ready document
    assert window.review.status_label.text() == "검토 모드 · 검토 대기 1 · 판정 완료 1/16"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # undo shows the document again
    assert window.document.id == doc_id
    assert window.project.status(doc_id, GOLD).status != "adjudicated"
    assert model.index(row, 2).data() == "검토 대기"


def test_document_list_columns_match_the_core_and_leave_with_the_mode(reviewing, qtbot):
    window = reviewing
    model = window.documents.model
    reviews = window.project.review_states()
    names = {"not_ready": "검토 전", "ready": "검토 대기", "adjudicated": "판정 완료"}
    for row in range(model.rowCount()):
        review = reviews[model.doc_id(row)]
        assert model.index(row, 2).data() == names[review.state]
        assert model.index(row, 3).data() == (review.disagreements or "")
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    assert not window.review.active and window.annotator == "kim"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "상태"
    assert not [n for n in window.view.overlay_names() if n.startswith("review:")]
    assert window.shortcuts.mark_done.isEnabled()


def test_candidate_model_passes_the_model_tester(reviewing, qtmodeltester):
    window = reviewing
    qtmodeltester.check(window.review.model)
    qtmodeltester.check(window.documents.model)  # with the review columns
    model = window.review.model
    assert model.index(0, STATE).data(Qt.ItemDataRole.DecorationRole) is not None


def test_gui_starts_in_review_mode_at_the_first_ready_document(review_dir, tmp_path, qapp):
    from PySide6.QtGui import QImage

    from annotator.cli import main

    with Project.open(review_dir) as project:
        first = project.store.document_ids()[0]  # ready: kim and lee marked it done
        text = project.document(first).text
        word = text.split()[1]
        for name in ("kim", "lee"):
            project.add_span(first, *at(text, word), "AGENCY", name, snap=False)
    png = tmp_path / "review.png"
    assert main(["gui", str(review_dir), "--annotator", "kim", "--review", "--screenshot", str(png)]) == 0
    assert QImage(str(png)).width() == 1280
    with Project.open(review_dir) as project:  # it was opened in review mode, so its agreement was merged
        assert [(s.start, s.end, s.label) for s in project.spans(first, GOLD)] == [(*at(text, word), "AGENCY")]


def test_the_usual_keys_edit_gold_and_enter_in_the_text_accepts(reviewing, qtbot):
    from .test_labelling import select_codepoints

    window = reviewing
    text = window.document.text
    start, end = at(text, "의료영상")
    select_codepoints(window, start, end)
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # TECH, into gold
    assert (start, end, "TECH") in gold(window)
    row = window.review.model.row_of_key((start, end, "TECH"))
    assert window.review.model.index(row, 3).data() == "검토자만"
    assert window.review.selected_candidate().gold_span_id is not None  # the new gold span's row
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert (start, end, "TECH") not in gold(window)
    steps = window.stack.count()
    qtbot.keyClick(window.documents.search, Qt.Key.Key_Return)  # Enter in the search box only searches
    assert window.stack.count() == steps
    select(window, "인공지능", "TECH")
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # Enter in the text accepts the selected candidate
    assert (*at(text, "인공지능"), "TECH") in gold(window)


def test_review_mode_speaks_english_too(reviewing, qtbot):
    window = reviewing
    window.shortcuts.languages["en"].trigger()
    qtbot.waitUntil(lambda: window.review.menu.title() == "&Review")
    panel = window.review.panel
    assert panel.accept_button.text() == "Accept (A)"
    assert panel.counts["disagreement"].text() == "disagreement 4"
    assert window.documents.model.headerData(3, Qt.Orientation.Horizontal) == "Conflicts"
    assert window.review.status_label.text().startswith("Review mode · 2 ready")
    mark = next(m for m in window.review.model.marks() if m.candidate.state == "incomplete")
    assert window.view.describe(mark, "review:incomplete").splitlines()[2:] == [
        "Marked by: kim", "incomplete: only some annotators marked it"]
    window.shortcuts.languages["ko"].trigger()
    qtbot.waitUntil(lambda: window.review.menu.title() == "검토(&R)")


def test_suggestions_step_aside_while_reviewing(reviewing):
    window = reviewing
    keys = window.shortcuts.suggestion_actions
    assert not any(action.isEnabled() for action in keys) and not window.suggestions.visible
    window.review.set_active(False)
    assert all(action.isEnabled() for action in keys)
    assert window.suggestions.visible == window.shortcuts.show_suggestions.isChecked()


def test_review_mode_shows_no_annotator_suggestions(open_window, review_dir, qtbot):
    """Issue 12, bug 7: learned suggestions were drawn over gold, their tooltip promising keys that
    decide on candidates here. An answer still on its way when review mode starts must not be drawn."""
    from annotator.gui.text.suggestions import OVERLAY

    window = open_window(review_dir)
    window.open_document(emoji_doc(window.project))  # kim's suggestions are being computed…
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)  # …when review mode starts
    qtbot.waitUntil(lambda: window.review.columns.reviews is not None)
    qtbot.wait(300)  # past the suggestions' refresh delay: any answer has arrived
    assert OVERLAY not in window.view.overlay_names()
    assert window.suggestions.marks() == []
    select(window, "120억", "BUDGET", "lee")
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.wait(300)
    assert OVERLAY not in window.view.overlay_names()
    assert not window.suggestions.count_label.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)  # back to kim's layer: suggestions again
    qtbot.waitUntil(lambda: window.suggestions.ready and bool(window.suggestions.marks()), timeout=5000)
    assert OVERLAY in window.view.overlay_names()


def test_a_copy_with_one_annotator_says_one_annotator_not_only_some(open_window, project_dir, qtbot):
    """Issue 12, bug 9: with nobody to compare with, every candidate read "only some annotators marked it"."""
    from annotator.core.review.merged_view import INCOMPLETE
    from annotator.gui.review.review_model import STATE
    from annotator.gui.review.review_styles import state_name

    with Project.open(project_dir) as project:
        doc_id = emoji_doc(project)
        text = project.document(doc_id).text
        project.add_span(doc_id, *at(text, "원주의료기기테크노밸리"), "AGENCY", "kim", snap=False)
        project.add_span(doc_id, *at(text, "120억 원"), "BUDGET", "kim", snap=False)
        project.set_status(doc_id, "kim", "done")
    window = open_window(project_dir)
    window.open_document(doc_id)
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.review.columns.reviews is not None)
    model = window.review.model
    assert {c.state for c in model.candidates()} == {INCOMPLETE}
    assert [model.index(r, STATE).data() for r in range(model.rowCount())] == ["작업자 한 명", "작업자 한 명"]
    assert "kim" in model.index(0, STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "일부" not in model.index(0, STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert window.review.panel.counts[INCOMPLETE].text() == "작업자 한 명 2"
    assert state_name(INCOMPLETE) != "작업자 한 명"  # with two or more annotators the state keeps its name
