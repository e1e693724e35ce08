"""The import and export dialogs with the corpus formats: a label map file, the tag scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..conftest import write
from .test_export_dialog import open_export, type_path

LEFT = Qt.MouseButton.LeftButton
NAVER = "1\t강릉시가\tORG_B\n2\t국비\t-\n3\t30억\tNUM_B\n4\t원을\tNUM_I\n5\t받는다.\t-\n"


def test_naver_file_with_a_label_map_comes_in_snapped(window, qtbot, file_dialog, tmp_path):
    path = write(tmp_path / "train_data", NAVER)
    label_map = write(tmp_path / "naver.toml", '[import]\nORG = "AGENCY"\nNUM = "BUDGET"\n')
    file_dialog.answers += [[path], [label_map]]
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.import_dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("txt"))
    assert not dialog.label_map.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("naver"))
    assert dialog.label_map.isEnabled() and dialog.format_box.currentText().startswith("naver — ")
    qtbot.mouseClick(dialog.choose_label_map, LEFT)
    assert dialog.label_map.text() == str(label_map)
    dialog.layer.setEditText("naver")
    with qtbot.waitSignal(dialog.jobFinished, timeout=30000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    assert finished.args[0].ok
    doc = next(d for d in window.project.documents() if d.text == "강릉시가 국비 30억 원을 받는다.")
    assert [(s.text, s.label) for s in window.project.spans(doc.id, "naver")] == [("강릉시", "AGENCY"),
                                                                                  ("30억 원", "BUDGET")]


def test_export_scheme_follows_the_format_and_reaches_the_file(window, qtbot, file_dialog, tmp_path):
    doc = next(iter(window.project.documents()))
    window.project.add_span(doc.id, 0, 3, "AGENCY", "gold", snap=False)
    window.project.mark_adjudicated(doc.id)
    label_map = write(tmp_path / "out.toml", '[export]\nAGENCY = "OG"\n')
    file_dialog.answers.append([label_map])
    dialog = open_export(window, qtbot)
    assert not dialog.scheme.isEnabled()  # jsonl has no tags
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("klue"))
    assert dialog.scheme.isEnabled()
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("bilou"))
    qtbot.mouseClick(dialog.choose_label_map, LEFT)
    out = tmp_path / "gold.tsv"
    type_path(dialog, qtbot, out)
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000):
        qtbot.mouseClick(dialog.start_button, LEFT)
    tags = [line.split("\t")[1] for line in out.read_text(encoding="utf-8").splitlines()
            if "\t" in line and not line.startswith("##")]
    assert tags[:3] == ["B-OG", "I-OG", "L-OG"]


def test_export_summary_counts_cut_tokens_and_lists_the_notes_and_what_the_format_does_not_keep(
        window, qtbot, tmp_path):
    doc = next(iter(window.project.documents()))
    window.project.add_span(doc.id, 0, 2, "AGENCY", "gold", snap=False)  # two characters of a longer token
    window.project.set_status(doc.id, "gold", "adjudicated")
    dialog = open_export(window, qtbot)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("conll2003"))
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("iobes"))
    type_path(dialog, qtbot, tmp_path / "gold.conll")
    with qtbot.waitSignal(dialog.jobFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.start_button, LEFT)
    report = finished.args[0]
    summary = dialog.summary.text().splitlines()
    assert report.tokens_split == 1 and "스팬 경계가 지나는 형태소 토큰 1개를 잘라 모든 스팬의 경계를 지켰습니다" in summary
    assert "이 출력에 대한 안내 1개: 목록을 보세요" in summary
    details = [dialog.details.item(i).text() for i in range(dialog.details.count())]
    assert details[0].startswith("spaCy's `spacy convert -c ner` misreads IOBES tags")
    assert details[-1].startswith("conll2003 does not keep spacing")


def test_import_summary_names_the_layers_and_what_was_left_out(window, qtbot, file_dialog, tmp_path):
    from ..core.test_interchange_readers import inception_cas

    cas, type_system = inception_cas("😀 원주시가 국비를 받았다.", [(2, 5, "AGENCY"), (9, 9, "BUDGET")])
    cas.to_xmi(tmp_path / "doc.xmi")
    type_system.to_xml(tmp_path / "TypeSystem.xml")
    file_dialog.answers.append([tmp_path / "doc.xmi"])
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.import_dialog
    dialog.layer.setEditText("kim")
    with qtbot.waitSignal(dialog.jobFinished, timeout=30000):
        qtbot.mouseClick(dialog.start_button, LEFT)
    summary = dialog.summary.text().splitlines()
    assert "레이어: kim 1" in summary and "파일 1개에서 빠진 항목이 있습니다: 목록을 보세요" in summary
    details = [dialog.details.item(i).text() for i in range(dialog.details.count())]
    assert details == [f"{tmp_path / 'doc.xmi'}: left out 1 zero-width NamedEntity annotations (they cover no text)"]
