"""The agreement dashboard shows what the core computes, computed off the GUI thread; the bar chart."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPointF, Qt

from annotator.gui.dashboard.agreement_tables import FigureTable, format_value, score_colour
from annotator.gui.dashboard.bar_chart import BarChart, ChartData, nice_step

from .test_review_mode import review_dir  # noqa: F401 - the fixture

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def dialog(open_window, review_dir, qtbot):  # noqa: F811 - the fixture
    window = open_window(review_dir)
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL_SHIFT)  # Review › Agreement…
    dialog = window.review.agreement_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy.isVisible(), timeout=20000)
    return window, dialog


def cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_dashboard_figures_are_the_core_figures(dialog):
    window, dialog = dialog
    expected = window.project.agreement().to_dict()
    [pair] = expected["pairs"]
    assert (pair["a"], pair["b"]) == ("kim", "lee")
    assert cells(dialog.pairs)[0] == ["kim", "lee", format_value(pair["documents"]), format_value(pair["f1_strict"]),
                                      format_value(pair["f1_lenient"]), format_value(pair["kappa"]),
                                      format_value(pair["spans_a"]), format_value(pair["spans_b"])]
    assert pair["documents"] == 2 and pair["f1_strict"] is not None
    assert cells(dialog.matrix) == [["kim", "", format_value(pair["f1_strict"])],
                                    ["lee", format_value(pair["f1_strict"]), ""]]
    dialog.measure.setCurrentIndex(2)  # κ
    assert dialog.matrix.value(0, 2) == pair["kappa"]
    assert format_value(expected["alpha"]) in dialog.summary.text()
    assert "Krippendorff α" in dialog.summary.text()  # Korean interface
    labels = {row[0]: row for row in dialog.labels.rows}
    for label, figures in expected["labels"].items():
        assert labels[label][1:4] == [figures["f1_strict"], figures["f1_lenient"], figures["exact"]]
        assert labels[label][4:] == [figures["spans"].get(a, 0) for a in expected["annotators"]]
    assert dialog.label_chart.data.categories == list(expected["labels"])
    assert dialog.label_chart.data.values[0] == [f["f1_strict"] for f in expected["labels"].values()]
    progress = {row[0]: row[1:3] for row in dialog.progress.rows}
    assert progress == {n: [p["done"], p["spans"]] for n, p in expected["progress"].items()}
    assert dialog.annotator_chart.data.series == ["kim", "lee"]
    assert dialog.documents.payloads == expected["alpha_document_ids"]
    assert dialog.tabs.tabText(0) == "작업자 쌍"
    dialog.grab()  # paints the tables and charts


def test_dashboard_recomputes_for_every_document_and_opens_a_counted_one(dialog, qtbot):
    window, dialog = dialog
    with qtbot.waitSignal(dialog.reportShown, timeout=20000):
        dialog.all_documents.setChecked(True)
    expected = window.project.agreement(all_documents=True).to_dict()
    assert dialog.report == expected
    assert dialog.pairs.value(0, 2) == window.project.document_count()
    doc_id = dialog.documents.payloads[-1]
    dialog.document_table.doubleClicked.emit(dialog.documents.index(len(dialog.documents.payloads) - 1, 0))
    assert window.document.id == doc_id


def test_the_report_is_computed_on_a_worker_thread_with_its_own_connection(dialog, monkeypatch, qtbot):
    window, dialog = dialog
    from annotator.gui.dashboard import agreement_dialog

    seen = []
    real = agreement_dialog.compute_report

    def spy(project, all_documents, label):
        seen.append((threading.current_thread() is threading.main_thread(), project is window.project))
        return real(project, all_documents, label)

    monkeypatch.setattr(agreement_dialog, "compute_report", spy)
    with qtbot.waitSignal(dialog.reportShown, timeout=20000):
        dialog.label_filter.setCurrentIndex(dialog.label_filter.findData("BUDGET"))
    assert seen == [(False, False)]
    assert list(dialog.report["labels"]) == ["BUDGET"]


def test_figure_table_and_chart(qtmodeltester, qtbot):
    model = FigureTable()
    model.set_table(["label", "F1", "spans"], [["AGENCY", 0.5, 1200], ["TECH", None, 3]], score_columns=[1])
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "0.500" and model.index(0, 2).data() == "1,200"
    assert model.index(1, 1).data() == "–"
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) == score_colour(0.5)
    assert score_colour(-0.2) == score_colour(0.0) and score_colour(1.0).green() > score_colour(1.0).red()
    assert [nice_step(t) for t in (1.0, 7, 180, 0)] == [0.5, 2, 50, 1.0]
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 260)
    chart.set_data(ChartData(["AGENCY", "TECH"], ["kim", "lee"], [[12, 3], [10, None]], decimals=0), "spans")
    assert chart.top_value() == 15  # a round axis: ticks 0, 5, 10, 15
    image = chart.grab()
    assert not image.isNull()
    texts = [text for _, text in chart._bars]
    assert texts == ["kim · AGENCY: 12", "lee · AGENCY: 10", "kim · TECH: 3"]  # None leaves a gap
    rect = chart._bars[0][0]
    assert chart.bar_at(rect.center()) == "kim · AGENCY: 12"
    assert chart.bar_at(QPointF(1, 1)) is None


def test_the_value_axis_never_repeats_a_tick_label(qtbot):
    """The progress chart's hours read 0.1, 0.1, 0.0: ticks finer than the decimals shown."""
    from annotator.core.team.effort import TeamFigures
    from annotator.gui.dashboard.progress_tab import hours_per_day

    chart = BarChart()
    qtbot.addWidget(chart)
    figures = TeamFigures(documents=0, documents_assigned=0, calibration_documents=0,
                          days={"2025-03-14": {"kim": 240.0, "lee": 72.0}})  # 4 and 1.2 minutes
    cases = [hours_per_day(figures),
             ChartData(["a"], ["kim"], [[1]], decimals=0),  # one span: no 0.5 span tick
             ChartData(["a"], ["kim"], [[0.004]], decimals=2), ChartData(["a"], ["kim"], [[0.93]], maximum=1.0)]
    for data in cases:
        chart.set_data(data)
        labels = [text for _value, text in chart.ticks()]
        assert len(labels) >= 2 and len(set(labels)) == len(labels), labels
        assert float(labels[-1].replace(",", "")) >= max(v for row in data.values for v in row if v is not None)
    chart.set_data(hours_per_day(figures))
    assert [text for _value, text in chart.ticks()] == ["0.0", "0.1"]
    assert [chart.value_text(v) for v in (0.07, 0.02, 0.0)] == ["0.1", "0.02", "0.0"]  # a bar never reads 0


def test_the_dashboard_has_a_close_button(dialog, qtbot):
    """Without a window manager (or a title bar) Esc was the only way out (issue 12, bug 11)."""
    _window, dialog = dialog
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_nothing_compared_is_an_empty_state_that_says_what_to_do(open_window, project_dir, qtbot):
    """Issue 12, bug 8: kim finished one document, lee another; the dashboard showed empty tables."""
    from annotator.core.project import Project

    with Project.open(project_dir) as project:
        first, second = project.store.document_ids()[:2]
        for doc_id, name in ((first, "kim"), (second, "lee")):
            document = project.document(doc_id)
            for layer in ("kim", "lee"):
                project.add_span(doc_id, 0, 2, "AGENCY", layer, snap=False)
            project.set_status(document.id, name, "done")
    window = open_window(project_dir)
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL_SHIFT)
    dialog = window.review.agreement_dialog
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy.isVisible(), timeout=20000)
    assert dialog.empty_state.isVisible() and not dialog.matrix_table.isVisible()
    assert dialog.tabs.isVisible()  # progress and effort stay reachable
    text = dialog.empty_state.text()
    assert "kim" in text and "lee" in text and "Ctrl+Enter" in text and dialog.all_documents.text() in text
    with qtbot.waitSignal(dialog.reportShown, timeout=20000):
        dialog.all_documents.setChecked(True)
    assert dialog.matrix_table.isVisible() and not dialog.empty_state.isVisible()
    labels = {row[0]: row for row in dialog.labels.rows}
    assert labels["AGENCY"][4:] == [2, 2]  # spans of kim, lee over the documents compared
