"""Packages for annotators and merging them back: documents, layers, assignments and active time
travel; merging is idempotent and does not depend on the order of the copies."""

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from annotator import GOLD, Project, ProjectError
from annotator.core.store import activity as activity_store
from annotator.core.store import assignments as assignment_store
from annotator.core.team.activity import save_active_time
from annotator.core.team.assignment import assign, move_unfinished
from annotator.core.team.packages.make import write_package

from .synthetic import Words, numbered_text
from ..engines import database_for, engine  # noqa: F401 (the reviewer's project on SQLite and on PostgreSQL)

TODAY = date.today().isoformat()  # active time is kept per local day; a package brings no day before it was made


@pytest.fixture
def main(tmp_path, engine, request):
    """The reviewer's project: 8 documents, kim and lee one each per document, a gazetteer and a user
    dictionary; kim has a span in her first document, which gold has adjudicated; lee has a span too."""
    project = Project.create(tmp_path / "main", server=database_for(request, engine))
    (project.folder / "gazetteers").mkdir()
    (project.folder / "gazetteers" / "local.tsv").write_text("원주시\tAGENCY\n", encoding="utf-8")
    (project.folder / "userdict.tsv").write_text("디지털트윈\tNNP\n", encoding="utf-8")
    words = [Words(project, numbered_text(8 + i, seed=str(i))) for i in range(8)]
    assign(project, ["kim", "lee"], 1, seed=4)
    kims = assignment_store.assigned_ids(project.store, "kim")
    first = next(w for w in words if w.doc_id == kims[0])
    first.mark("kim", 0, 1, "AGENCY")
    first.mark(GOLD, 0, 1, "AGENCY")
    project.set_status(first.doc_id, "kim", "done")
    project.set_status(first.doc_id, GOLD, "adjudicated")
    lees = assignment_store.assigned_ids(project.store, "lee")
    next(w for w in words if w.doc_id == lees[0]).mark("lee", 2, None, "TECH")
    save_active_time(project.store, "kim", {(first.doc_id, TODAY): 300.0})
    yield project
    project.close()


def rows(path, sql):
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_package_holds_kims_documents_layer_assignments_and_gold(main, tmp_path):
    out = tmp_path / "kim-copy"
    report = write_package(main, "kim", out)
    kims = assignment_store.assigned_ids(main.store, "kim")
    assert report.documents == len(kims) == 4
    assert sorted(p.name for p in out.iterdir()) == ["gazetteers", "project.db", "project.toml", "userdict.tsv"]
    assert (out / "project.toml").read_bytes() == (main.folder / "project.toml").read_bytes()
    assert (out / "gazetteers" / "local.tsv").read_text(encoding="utf-8") == "원주시\tAGENCY\n"
    with Project.open(out) as copy:
        assert [d.id for d in copy.documents()] == kims
        for doc_id in kims:
            theirs, ours = copy.document(doc_id), main.document(doc_id)
            assert (theirs.uid, theirs.text, theirs.title) == (ours.uid, ours.text, ours.title)
            assert copy.morphemes(doc_id) == main.morphemes(doc_id)
        assert copy.search(main.document(kims[0]).text.split()[1]) == [kims[0]]  # the full-text index is built
        spans = {(s.annotator, s.uid, s.rev) for s in copy.spans()}
        assert spans == {(s.annotator, s.uid, s.rev) for s in main.spans() if s.annotator in ("kim", GOLD)}
        assert {s.annotator for s in copy.spans()} == {"kim", GOLD}  # lee's layer stays home
        assert copy.status(kims[0], GOLD).status == "adjudicated"
        assert assignment_store.assigned_ids(copy.store, "kim") == kims
        assert not assignment_store.has_assignments(copy.store, "lee")
        assert [r.seconds for r in activity_store.active_time_rows(copy.store)] == [300.0]
    assert rows(out / "project.db", "PRAGMA integrity_check") == [("ok",)]


def test_package_round_trip_label_in_the_copy_then_merge_back(main, tmp_path):
    out = tmp_path / "kim-copy"
    write_package(main, "kim", out)
    kims = assignment_store.assigned_ids(main.store, "kim")
    second = kims[1]
    with Project.open(out) as copy:
        text = copy.document(second).text
        start = text.index(" ") + 1
        copy.add_span(second, start, text.index(" ", start), "BUDGET", "kim", snap=False)
        copy.set_status(second, "kim", "done", "확인")
        save_active_time(copy.store, "kim", {(second, TODAY): 600.0, (kims[0], TODAY): 60.0})
    report = main.merge_from(out)
    assert report.spans_added == {"kim": 1} and report.statuses_updated == 1
    assert report.team.active_time_updated == 2 and report.team.assignments_updated == 0
    assert [(s.label, s.annotator) for s in main.spans(second)] == [("BUDGET", "kim")]
    assert (main.status(second, "kim").status, main.status(second, "kim").comment) == ("done", "확인")
    time = {(r.doc_id, r.day): r.seconds for r in activity_store.active_time_rows(main.store, "kim")}
    assert time == {(kims[0], TODAY): 360.0, (second, TODAY): 600.0}
    assert not main.merge_from(out).changed  # merging again changes nothing


def test_a_move_made_after_packaging_survives_merging_the_package(main, tmp_path):
    out = tmp_path / "kim-copy"
    write_package(main, "kim", out)
    moved = move_unfinished(main, "kim", "park").moved
    assert moved
    report = main.merge_from(out)
    assert report.team.assignments_updated == 0  # kim's copy holds older rows
    assert assignment_store.assigned_ids(main.store, "park") == moved
    assert not set(moved) & set(assignment_store.assigned_ids(main.store, "kim"))
    # and the other way round: a whole copy of a project that moved things carries the withdrawal
    if main.store.server is not None:
        return  # a project on a server is not merged from, and a package of it brings no assignments
    back = tmp_path / "back"
    with Project.create(back) as fresh:
        for document in main.documents():
            Words(fresh, document.text)
        assert fresh.merge_from(main.folder, trust_full_copy=True).team.assignments_updated > 0
        assert assignment_store.assigned_ids(fresh.store, "park") == moved


def test_merging_copies_in_either_order_gives_the_same_assignments_and_time(tmp_path):
    texts = [numbered_text(6, seed=s) for s in "abc"]

    def copy(name):
        project = Project.create(tmp_path / name)
        ids = [Words(project, text).doc_id for text in texts]
        return project, ids

    hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    eight, nine, ten = (str((hour_ago + timedelta(minutes=m)).isoformat(timespec="microseconds")) for m in (0, 1, 2))
    x, ids = copy("x")
    assignment_store.write_assignments(x.store, [(ids[0], "kim", False)], nine)
    save_active_time(x.store, "kim", {(ids[0], TODAY): 100.0})
    y, ids = copy("y")
    assignment_store.write_assignments(y.store, [(ids[0], "kim", False)], eight)
    assignment_store.withdraw_assignments(y.store, [(ids[0], "kim")], ten)  # moved to lee
    assignment_store.write_assignments(y.store, [(ids[0], "lee", False)], ten)
    save_active_time(y.store, "kim", {(ids[0], TODAY): 40.0})  # newer: counted later in its copy
    for project in (x, y):
        project.close()

    def merged(name, order):
        project, _ = copy(name)
        for other in order:
            project.merge_from(tmp_path / other, trust_full_copy=True)  # projects of their own, taken whole
        result = ({(r.annotator, r.withdrawn) for r in assignment_store.assignment_rows(project.store, withdrawn=True)},
                  [(r.annotator, r.seconds) for r in activity_store.active_time_rows(project.store)])
        project.close()
        return result

    assert merged("xy", ["x", "y"]) == merged("yx", ["y", "x"]) == (
        {("kim", True), ("lee", False)}, [("kim", 40.0)])


def test_package_refuses_what_it_cannot_do(main, tmp_path):
    with pytest.raises(ProjectError, match="no assigned documents"):
        write_package(main, "park", tmp_path / "park-copy")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an empty folder"):
        write_package(main, "kim", tmp_path / "busy")
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["notes.txt"]
    with pytest.raises(ProjectError, match="reviewer|annotator's name"):
        write_package(main, GOLD, tmp_path / "gold-copy")
    assert not (tmp_path / "park-copy").exists() and not (tmp_path / "gold-copy").exists()


def test_a_package_carries_returns_and_notes_both_ways(main, tmp_path):
    """A returned document reaches kim with the reviewer's reason and notes; her answer comes back."""
    kims = assignment_store.assigned_ids(main.store, "kim")
    main.set_status(kims[0], "kim", "done")
    main.return_document(kims[0], "kim", "예산은 단위까지")
    main.set_note(kims[0], "gold", "단위 확인")
    out = tmp_path / "kim-copy"
    write_package(main, "kim", out)
    with Project.open(out) as copy:
        status = copy.status(kims[0], "kim")
        assert (status.status, status.reason) == ("returned", "예산은 단위까지")
        assert copy.document_notes(kims[0]) == {"gold": "단위 확인"}
        copy.set_status(kims[0], "kim", "done")
        copy.set_note(kims[0], "kim", "고쳤어요")
    main.merge_from(out)
    assert main.status(kims[0], "kim").status == "done"
    assert main.document_notes(kims[0]) == {"gold": "단위 확인", "kim": "고쳤어요"}
