"""File › Export…: options, a worker thread with progress, Cancel, and the summary."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import Qt

from annotator.core.export.formats import Format
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.records import SpanDraft
from annotator.core.text.normalize import document_uid
from annotator.gui.jobs import workers
from annotator.gui.jobs.workers import JobContext

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import label_entity, my_spans

LEFT = Qt.MouseButton.LeftButton


def open_export(window, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_path(dialog, qtbot, path) -> None:
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(path))


def add_gold_spans(project, count: int, adjudicated: bool = True, skip: int = 0) -> dict[int, str]:
    """A gold span over the first three characters of ``count`` documents (after ``skip``), marked
    adjudicated unless told otherwise; their text by document."""
    texts = {}
    for document in list(project.documents())[skip:skip + count]:
        project.add_span(document.id, 0, 3, "AGENCY", "gold", snap=False)
        if adjudicated:
            project.mark_adjudicated(document.id)
        texts[document.id] = document.text[:3]
    return texts


def add_synthetic_documents(project, count: int) -> None:
    """``count`` short documents with one gold span each, straight through the store (no Kiwi)."""
    store = project.store
    with store.transaction():
        for n in range(count):
            text = f"원주시 문서 {n}번 국비 {n}억 원"
            doc_id = store.insert_document(
                uid=document_uid(text), title=text, text=text, raw=None, meta={}, source="synthetic",
                encoding="utf-8", morphemes=pack_morphemes([Morpheme(0, 3, "NNP")]),
                sentences=pack_sentences([(0, len(text))]))
            store.insert_spans([SpanDraft(doc_id, "gold", 0, 3, "AGENCY")])


def test_exports_the_gold_layer_as_jsonl_on_a_worker_thread(window, qtbot, tmp_path):
    expected = add_gold_spans(window.project, 2)
    dialog = open_export(window, qtbot)
    assert dialog.format_name() == "jsonl" and dialog.source() == "gold"
    out = tmp_path / "gold.jsonl"
    type_path(dialog, qtbot, out)
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
        assert dialog.running() and not dialog.options.isEnabled()
        assert dialog.close_button.text() == "취소"
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["id"]: [s["text"] for s in line["spans"]] for line in lines} == {
        doc_id: [text] for doc_id, text in expected.items()}
    assert all(line["text"][s["start"]:s["end"]] == s["text"] for line in lines for s in line["spans"])
    assert finished.args[0].documents == 2
    summary = dialog.summary.text().splitlines()
    assert summary[0] == f"문서 2건을 {out}(으)로 내보냈습니다 ({finished.args[0].seconds:.1f}초)"
    assert summary[1] == "스팬 2개: AGENCY 2"
    assert summary[2] == "이 레이어에 스팬이 없고 마침 표시도 없는 문서 14건은 건너뛰었습니다"
    assert dialog.bar.value() == dialog.bar.maximum() == 16
    assert dialog.options.isEnabled() and dialog.close_button.text() == "닫기"


def test_gold_waiting_for_the_reviewer_is_left_out_unless_the_option_is_unticked(window, qtbot, tmp_path):
    """Review merges agreed spans into gold before anyone adjudicates: by default they are not exported."""
    adjudicated = add_gold_spans(window.project, 2)
    waiting = add_gold_spans(window.project, 1, adjudicated=False, skip=2)
    dialog = open_export(window, qtbot)
    assert dialog.finished_only.isChecked() and dialog.status() == "done"
    out = tmp_path / "gold.jsonl"
    type_path(dialog, qtbot, out)
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    assert {json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()} == set(adjudicated)
    assert finished.args[0].skipped_status == 1
    summary = dialog.summary.text().splitlines()
    assert summary[2] == "골드 스팬이 있지만 판정 완료로 표시하지 않은 문서 1건은 뺐습니다 (선택을 해제하면 넣습니다)"
    assert summary[3] == "이 레이어에 스팬이 없고 마침 표시도 없는 문서 13건은 건너뛰었습니다"

    qtbot.mouseClick(dialog.finished_only, LEFT)  # gold as it stands
    assert dialog.status() == "all"
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000):
        qtbot.mouseClick(dialog.start_button, LEFT)
    assert {json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()} == {
        *adjudicated, *waiting}
    assert dialog.summary.text().splitlines()[2] == "판정 완료로 표시하지 않은 문서 1건도 넣었습니다"


def test_a_split_writes_a_folder_and_is_checked_before_it_starts(window, qtbot, tmp_path):
    add_gold_spans(window.project, 6)
    dialog = open_export(window, qtbot)
    type_path(dialog, qtbot, tmp_path / "sets.jsonl")
    qtbot.mouseClick(dialog.split_on, LEFT)
    assert dialog.path.text() == str(tmp_path / "sets")  # a folder now: the extension goes
    assert dialog.path_hint.text() == "폴더를 만듭니다 (안에 train, dev, test)"
    train, dev, test = dialog.split_parts
    train.setValue(70)
    assert dialog.problem_label.text() == "비율의 합이 100 %여야 합니다 (지금 90 %)"
    assert not dialog.start_button.isEnabled()
    dev.setValue(0)
    test.setValue(30)
    assert dialog.problem_label.isHidden() and dialog.start_button.isEnabled()
    assert dialog.split() == "70/30"
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    report = finished.args[0]
    written = sorted(f"{part}.jsonl" for part, count in report.parts.items() if count)  # an empty part: no file
    assert sorted(p.name for p in (tmp_path / "sets").iterdir()) == ["export.json", *written]
    assert sum(report.parts.values()) == report.documents == 6
    assert dialog.summary.text().splitlines()[2].startswith("분할 (시드 0): train ")


def test_a_layer_with_no_spans_writes_nothing_and_says_so(window, qtbot, tmp_path):
    dialog = open_export(window, qtbot)  # no gold spans yet
    out = tmp_path / "gold.jsonl"
    type_path(dialog, qtbot, out)
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000):
        qtbot.mouseClick(dialog.start_button, LEFT)
    summary = dialog.summary.text().splitlines()
    assert summary[0] == f"{out}에 아무것도 쓰지 않았습니다."
    assert summary[-1] == "골드 스팬이 있는 문서가 아직 없습니다. 먼저 판정하거나 작업자 레이어를 내보내세요."
    assert "color" in dialog.summary.styleSheet() and not out.exists()


def test_cancel_leaves_no_file_and_the_window_keeps_working(window, qtbot, tmp_path, monkeypatch):
    add_synthetic_documents(window.project, 2000)
    reported, release = threading.Event(), threading.Event()
    report_progress = JobContext.progress

    def hold_after_the_first_chunk(self, done, total):
        report_progress(self, done, total)
        if 0 < done < total:  # the export waits here, mid-way, until the test has clicked Cancel
            reported.set()
            release.wait(10)

    monkeypatch.setattr(workers, "PROGRESS_INTERVAL_S", 0)  # every report reaches the dialog
    monkeypatch.setattr(JobContext, "progress", hold_after_the_first_chunk)
    open_titled(window, EMOJI_TITLE)
    dialog = open_export(window, qtbot)
    exports = tmp_path / "exports"
    exports.mkdir()
    out = exports / "big.jsonl"
    type_path(dialog, qtbot, out)
    qtbot.mouseClick(dialog.start_button, LEFT)
    qtbot.waitUntil(lambda: dialog.bar.value() > 0)
    assert reported.is_set() and 0 < dialog.bar.value() < dialog.bar.maximum() == 2016

    window.activateWindow()  # back to the text: labelling goes on while the export runs
    qtbot.waitUntil(window.isActiveWindow)
    label_entity(window, qtbot)
    assert [s.label for s in my_spans(window)] == ["AGENCY"]

    qtbot.mouseClick(dialog.close_button, LEFT)  # "취소" while it runs
    assert dialog.phase.text() == "취소하는 중…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10000)
    assert dialog.summary.text() == "내보내기를 취소했습니다. 아무것도 쓰지 않았습니다."
    assert dialog.isVisible()  # Cancel stops the export, not the dialog
    assert list(exports.iterdir()) == []  # neither the file nor its hidden partial


def test_a_format_whose_library_is_missing_is_greyed_out_with_the_install_command(window, qtbot, monkeypatch):
    monkeypatch.setattr(Format, "available", lambda self: self.name != "spacy")
    dialog = open_export(window, qtbot)
    items = dialog.format_box.model()
    row = dialog.format_box.findData("spacy")
    assert not items.item(row).isEnabled()
    assert items.item(row).text().endswith("(설치 안 됨)")
    assert items.item(row).toolTip() == "필요한 라이브러리: spaCy. 설치: pip install 'annotator[spacy]'"
    assert all(items.item(r).isEnabled() for r in range(items.rowCount()) if r != row)


def test_layers_and_the_finished_only_option_follow_the_source(window, qtbot, tmp_path):
    window.project.add_span(next(window.project.documents()).id, 0, 3, "AGENCY", "lee", snap=False)
    dialog = open_export(window, qtbot)
    assert [dialog.source_box.itemData(r) for r in range(dialog.source_box.count())] == ["gold", "lee"]
    assert dialog.finished_only.text() == "판정 완료로 표시한 문서만" and dialog.finished_only.isChecked()
    dialog.source_box.setCurrentIndex(1)
    assert dialog.finished_only.text() == "이 작업자가 완료로 표시한 문서만"
    assert not dialog.finished_only.isChecked()  # an annotator's layer as it stands, by default
    qtbot.mouseClick(dialog.finished_only, LEFT)
    dialog.source_box.setCurrentIndex(0)
    assert dialog.finished_only.isChecked()  # the user's choice stays
    dialog.source_box.setCurrentIndex(1)
    name = window.project.folder.name  # a new project is named after its folder
    assert dialog.path.text().endswith(f"{name}-lee.jsonl")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("brat"))
    assert dialog.path.text().endswith(f"{name}-lee-brat") and dialog.path_hint.text() == "폴더를 만듭니다"


def test_escape_during_an_export_cancels_it_and_closes_once_stopped(window, qtbot, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    report_progress = JobContext.progress

    def hold_at_the_start(self, done, total):
        report_progress(self, done, total)
        if done == 0:
            started.set()
            release.wait(10)

    monkeypatch.setattr(JobContext, "progress", hold_at_the_start)
    dialog = open_export(window, qtbot)
    type_path(dialog, qtbot, tmp_path / "out" / "gold.jsonl")
    qtbot.mouseClick(dialog.start_button, LEFT)
    qtbot.waitUntil(started.is_set)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.phase.text() == "취소하는 중…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert not dialog.running() and not (tmp_path / "out" / "gold.jsonl").exists()


def test_the_file_goes_where_the_dialog_said_when_the_project_was_opened_by_a_relative_path(
        open_window, project_dir, qtbot, monkeypatch):
    """``annotator gui kim-copy`` (issue 12, bug 5): the default path was relative and then prefixed again."""
    from pathlib import Path

    monkeypatch.chdir(project_dir.parent)
    window = open_window(Path(project_dir.name))
    add_gold_spans(window.project, 1)
    dialog = open_export(window, qtbot)
    shown = Path(dialog.path.text())
    assert shown.is_absolute() and shown.parent == project_dir / "exports"
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000):
        qtbot.mouseClick(dialog.start_button, LEFT)
    assert shown.is_file()
    assert not (project_dir / project_dir.name).exists()


def test_a_failed_run_s_red_summary_goes_when_the_options_change(window, qtbot, tmp_path):
    dialog = open_export(window, qtbot)
    type_path(dialog, qtbot, tmp_path / "gold.jsonl")
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000):
        qtbot.mouseClick(dialog.start_button, LEFT)  # no gold spans yet: an error in red
    assert dialog.summary.isVisible() and "b3261e" in dialog.summary.styleSheet()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("conll"))
    assert not dialog.summary.isVisible()
    assert not dialog.details_button.isVisible()
