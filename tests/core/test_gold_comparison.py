"""Gold beside mine: one document compared, and each annotator's agreement with gold over time."""

import json

import pytest

from annotator import GOLD
from annotator.cli import main
from annotator.core.review.gold_agreement import gold_over_time, iso_week
from annotator.core.review.gold_comparison import compare_with_gold

from .synthetic import Words, numbered_text
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


def test_each_span_falls_in_one_group(project):
    w = Words(project, numbered_text(10))
    for first, last, label in ((0, 0, "AGENCY"), (2, 3, "BUDGET"), (5, 5, "TECH"), (8, 8, "AGENCY")):
        w.mark("kim", first, last, label)
    for first, last, label in ((0, 0, "AGENCY"), (2, 2, "BUDGET"), (6, 6, "PROGRAM"), (8, 8, "TECH")):
        w.mark(GOLD, first, last, label)
    project.mark_adjudicated(w.doc_id)
    found = compare_with_gold(project, w.doc_id, "kim")
    assert found.adjudicated
    assert found.counts() == {"missing": 1, "rejected": 1, "different": 2, "same": 1}
    kinds = [(d.kind, d.span.text, [g.label for g in d.gold]) for d in found.differences]
    assert kinds == [("same", w.text.split()[0], ["AGENCY"]), ("different", "다2 라3", ["BUDGET"]),
                     ("rejected", "바5", []), ("missing", "사6", []), ("different", "자8", ["TECH"])]
    assert not compare_with_gold(project, Words(project, numbered_text(3, "x")).doc_id, "kim").adjudicated


def stamp(project, doc_id, annotator, when):
    with project.store.transaction():
        project.store.conn.execute("UPDATE statuses SET updated_at = ? WHERE doc_id = ? AND annotator = ?",
                                   (when, doc_id, annotator))


@pytest.fixture
def weeks(project):
    """kim's work in two weeks: the first document wrong, the second and third right; lee right once."""
    days = ("2025-03-03T09:00:00+00:00", "2025-03-11T09:00:00+00:00", "2025-03-12T09:00:00+00:00")
    for i, day in enumerate(days):
        w = Words(project, numbered_text(4, str(i)))
        w.mark(GOLD, 0, 0, "AGENCY")
        w.mark("kim", 0, 0, "TECH" if i == 0 else "AGENCY")
        project.set_status(w.doc_id, "kim", "done")
        stamp(project, w.doc_id, "kim", day)
        if i == 2:
            w.mark("lee", 0, 0, "AGENCY")
            project.set_status(w.doc_id, "lee", "done")
        project.mark_adjudicated(w.doc_id)
    return project


def test_agreement_with_gold_per_week_and_per_batch(weeks):
    trend = gold_over_time(weeks, ["kim", "lee"])
    assert [(p.period, p.documents, p.f1_strict) for p in trend["kim"]] == [("2025-W10", 1, 0.0),
                                                                              ("2025-W11", 2, 1.0)]
    assert [(p.documents, p.f1_strict) for p in trend["lee"]] == [(1, 1.0)]
    batches = gold_over_time(weeks, ["kim"], per="batch", batch=2)["kim"]
    assert [(p.period, p.documents, p.exact, p.spans, p.gold_spans) for p in batches] == [("1–2", 2, 1, 2, 2),
                                                                                            ("3–3", 1, 1, 1, 1)]
    assert iso_week("not a time") == "?"


def test_agreement_command_lists_gold_over_time(weeks, capsys):
    folder = str(weeks.folder)
    weeks.close()
    assert main(["agreement", folder, "--annotators", "gold,kim,lee", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [p["f1_strict"] for p in report["gold_over_time"]["kim"]] == [0.0, 1.0]
    assert main(["agreement", folder, "--annotators", "gold,kim", "--per", "batch", "--batch-size", "1"]) == 0
    out = capsys.readouterr().out
    assert "Agreement with gold over time" in out and "3–3" in out
    assert main(["agreement", folder, "--annotators", "kim,lee", "--json"]) == 0
    assert "gold_over_time" not in json.loads(capsys.readouterr().out)
