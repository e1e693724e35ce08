"""File › Import files…/Import folder…: pick, import on a worker thread, see what came in and what not."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import Qt, QTimer

from annotator.core.text import kiwi
from annotator.gui.window import file_dialogs
from annotator.gui.jobs import workers
from annotator.gui.jobs.workers import JobContext

from ..conftest import write
from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import label_entity, my_spans

LEFT = Qt.MouseButton.LeftButton
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ARTICLE = "강릉시, 스마트 항만 실증 착수\n\n강릉시는 국비 {n}억 원을 들여 스마트 항만 실증을 시작한다고 밝혔다.\n"


def titles(window) -> list[str]:
    model = window.documents.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def import_folder(window, qtbot, monkeypatch, folder):
    """Ctrl+Shift+I, answering the folder picker with ``folder``; returns the dialog, not yet started."""
    monkeypatch.setattr(file_dialogs, "choose_folder", lambda *args: folder)
    qtbot.keyClick(window.view, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = window.import_dialog
    assert dialog.isVisible() and dialog.chosen_paths() == [folder]
    return dialog


def test_good_files_come_in_and_a_bad_one_is_listed_with_its_line(window, qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "in"
    write(folder / "good.txt", ARTICLE.format(n=30))
    write(folder / "cp949.txt", ARTICLE.replace("강릉시", "속초시").format(n=12), "cp949")
    good_line = json.dumps({"text": "춘천시가 발표했다."}, ensure_ascii=False)
    bad = write(folder / "bad.jsonl", good_line + "\n{broken\n")
    (folder / "elsewhere.txt").symlink_to(write(tmp_path / "private" / "secret.txt", "비밀"))
    before = window.documents.model.rowCount()
    dialog = import_folder(window, qtbot, monkeypatch, folder)
    assert dialog.clean.isChecked() and dialog.format_name() == "auto"
    with qtbot.waitSignal(dialog.jobFinished, timeout=30000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    report = finished.args[0]
    assert (report.documents_added, report.files, len(report.rejected)) == (2, 3, 1)
    assert window.documents.model.rowCount() == before + 2
    assert {"강릉시, 스마트 항만 실증 착수", "속초시, 스마트 항만 실증 착수"} <= set(titles(window))
    assert window.documents.count.text() == f"문서 {before + 2}건"
    assert window.progress_status.text() == f"0/{before + 2} 완료"
    assert dialog.summary.text().splitlines() == [
        "새 문서 2건을 추가했습니다", "파일 3개를 읽었습니다",
        "파일 1개는 거부되어 아무것도 저장하지 않았습니다 (목록 참고)", "파일 1개는 UTF-8이 아니어서 변환했습니다",
        "심볼릭 링크 1개는 폴더 밖을 가리켜 건너뛰었습니다 (목록 참고)"]
    assert dialog.details.isVisible()  # rejections are listed without asking
    listed = [dialog.details.item(row).text() for row in range(dialog.details.count())]
    assert listed[0].startswith(f"{bad}:2: malformed JSON")
    assert listed[1] == f"{folder / 'cp949.txt'}: cp949(으)로 읽음"
    assert listed[2] == f"{folder / 'elsewhere.txt'}: 폴더 밖을 가리키는 링크라 따라가지 않음"


def test_kiwi_runs_in_a_child_process_and_labelling_goes_on_during_an_import(window, qtbot, monkeypatch, tmp_path):
    for n in range(40):
        write(tmp_path / "in" / f"{n:02}.txt", ARTICLE.format(n=100 + n))
    real_get_kiwi = kiwi.get_kiwi
    on_gui_thread = set()

    def get_kiwi():
        on_gui_thread.add(threading.current_thread() is threading.main_thread())
        return real_get_kiwi()

    monkeypatch.setattr(kiwi, "get_kiwi", get_kiwi)
    halfway, release = threading.Event(), threading.Event()
    report_progress = JobContext.progress

    def hold_halfway(self, done, total):
        report_progress(self, done, total)
        if done == total // 2:  # the import waits here until the test has labelled a span
            halfway.set()
            release.wait(10)

    monkeypatch.setattr(workers, "PROGRESS_INTERVAL_S", 0)  # every report reaches the dialog
    monkeypatch.setattr(JobContext, "progress", hold_halfway)
    open_titled(window, EMOJI_TITLE)
    dialog = import_folder(window, qtbot, monkeypatch, tmp_path / "in")
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(dialog.running()))
    timer.start()
    qtbot.mouseClick(dialog.start_button, LEFT)
    assert dialog.phase.text() == "한국어 형태소 분석기(Kiwi)를 불러오는 중…"  # shown before the child reports
    qtbot.waitUntil(halfway.is_set, timeout=30000)
    qtbot.waitUntil(lambda: dialog.bar.value() == 20)
    assert dialog.phase.text() == "파일을 읽고 분석하는 중…"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    label_entity(window, qtbot)  # the annotator goes on labelling meanwhile
    assert [s.label for s in my_spans(window)] == ["AGENCY"]
    with qtbot.waitSignal(dialog.jobFinished, timeout=30000) as finished:
        release.set()
    timer.stop()
    assert finished.args[0].documents_added == 40
    assert on_gui_thread == set()  # Kiwi ran in the import's child process, never in the window's
    assert ticks.count(True) > 0  # the event loop kept turning while the worker ran


def test_files_dialog_span_layer_and_options_follow_the_format(window, qtbot, monkeypatch, tmp_path):
    path = write(tmp_path / "doccano.jsonl", json.dumps(
        {"text": "과기정통부가 발표했다.", "label": [[0, 5, "AGENCY"]]}, ensure_ascii=False) + "\n")
    monkeypatch.setattr(file_dialogs, "choose_files", lambda *args: [path])
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.import_dialog
    assert dialog.chosen_paths() == [path]
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("txt"))
    assert not dialog.layer.isEnabled() and not dialog.text_column.isEnabled() and dialog.clean.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("doccano"))
    assert dialog.layer.isEnabled() and not dialog.clean.isEnabled()
    dialog.layer.setEditText("lee")
    with qtbot.waitSignal(dialog.jobFinished, timeout=30000):
        qtbot.mouseClick(dialog.start_button, LEFT)
    doc_id = next(d.id for d in window.project.documents() if d.text.startswith("과기정통부가"))
    assert [(s.text, s.label) for s in window.project.spans(doc_id, "lee")] == [("과기정통부", "AGENCY")]
    assert "스팬 1개를 추가했습니다" in dialog.summary.text().splitlines()
    dialog.paths.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove, LEFT)
    assert dialog.chosen_paths() == [] and not dialog.start_button.isEnabled()
