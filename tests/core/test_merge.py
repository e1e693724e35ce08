"""Merging copies of a project: the offline team workflow."""

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from annotator import GOLD, Project, ProjectError

from ..conftest import write

ARTICLES = {
    "a.txt": "강릉시 예산 확정\n\n강릉시가 국비 35억 원을 확보해 스마트 항만 사업을 추진한다.\n",
    "b.txt": "해양수산부 발표\n\n해양수산부는 자율운항 선박 기술에 12억 원을 투입한다고 밝혔다.\n",
}
EXTRA = "춘천시 데이터센터\n\n춘천시는 친환경 데이터센터 건립에 80억 원을 배정했다.\n"


def mark(project, word, label, annotator, title_word=None):
    doc = next(d for d in project.documents() if (title_word or word) in d.title)
    start = doc.text.index(word, len(doc.title))
    return project.add_span(doc.id, start, start + len(word), label, annotator, snap=False)


def content(project):
    uid = {d.id: d.uid for d in project.documents()}
    spans = {(uid[s.doc_id], s.annotator, s.start, s.end, s.label) for s in project.spans()}
    statuses = {(uid[s.doc_id], s.annotator, s.status, s.comment) for s in project.store.statuses()}
    return spans, statuses


@pytest.fixture
def copies(tmp_path):
    """The reviewer's project, copied to kim and lee, who each annotate their copy (lee imports one more)."""
    for name, text in ARTICLES.items():
        write(tmp_path / "in" / name, text)
    write(tmp_path / "extra" / "c.txt", EXTRA)
    with Project.create(tmp_path / "review") as base:
        assert base.import_paths([tmp_path / "in"]).documents_added == 2
    for name in ("kim", "lee"):
        shutil.copytree(tmp_path / "review", tmp_path / name)
    with Project.open(tmp_path / "kim") as kim:
        span = mark(kim, "강릉시", "AGENCY", "kim")
        mark(kim, "35억 원", "BUDGET", "kim", "강릉시")
        kim.set_status(span.doc_id, "kim", "done")
    with Project.open(tmp_path / "lee") as lee:
        lee.import_paths([tmp_path / "extra"])
        span = mark(lee, "강릉시", "AGENCY", "lee")
        mark(lee, "35억", "BUDGET", "lee", "강릉시")
        mark(lee, "춘천시", "AGENCY", "lee")
        lee.set_status(span.doc_id, "lee", "done", "확인 완료")
    return tmp_path


def test_merge_both_copies_into_the_reviewers(copies):
    with Project.open(copies / "review") as review:
        first = review.merge_from(copies / "kim")
        assert (first.documents_added, first.documents_existing, first.spans_added) == (0, 2, {"kim": 2})
        second = review.merge_from(copies / "lee" / "project.db")  # the folder or its database
        assert (second.documents_added, second.spans_added, second.conflicts) == (1, {"lee": 3}, [])
        assert second.statuses_updated == 1
        chuncheon = next(d for d in review.documents() if d.title.startswith("춘천시"))
        with Project.open(copies / "lee") as lee:
            theirs = next(d for d in lee.documents() if d.uid == chuncheon.uid)
            assert review.morphemes(chuncheon.id) == lee.morphemes(theirs.id)  # stored analysis came along
            assert review.store.document_raw(chuncheon.id) == lee.store.document_raw(theirs.id)
            assert chuncheon.meta == theirs.meta
        gangneung = next(d for d in review.documents() if d.title.startswith("강릉시"))
        assert review.status(gangneung.id, "lee").comment == "확인 완료"
        assert review.review_states()[gangneung.id].state == "ready"
        before = content(review)
        for other in ("kim", "lee"):
            again = review.merge_from(copies / other)
            assert not again.changed and again.conflicts == []
        assert content(review) == before


def test_merging_both_ways_gives_the_same_project(copies):
    with Project.open(copies / "kim") as kim, Project.open(copies / "lee") as lee:
        kim.merge_from(copies / "lee")
        lee.merge_from(copies / "kim")
        assert content(kim) == content(lee)
        assert kim.document_count() == lee.document_count() == 3


def test_an_edit_after_the_first_merge_travels(copies):
    with Project.open(copies / "review") as review:
        review.merge_from(copies / "kim")
    with Project.open(copies / "kim") as kim:  # kim changes their mind after the first merge
        [span] = kim.spans(annotator="kim", label="BUDGET")
        kim.resize_span(span.id, span.start, span.start + 3)
    with Project.open(copies / "review") as review:
        report = review.merge_from(copies / "kim")
        assert report.conflicts == [] and report.spans_updated == {"kim": 1}
        [budget] = review.spans(annotator="kim", label="BUDGET")
        assert (budget.text, budget.uid) == ("35억", span.uid)
        assert not review.merge_from(copies / "kim").changed


def _hours_ahead(hours):
    """A time that many hours after now: later than anything written so far, and not yet in the future."""
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat(timespec="microseconds")


def _stamp(folder, annotator, when):
    conn = sqlite3.connect(folder / "project.db")
    conn.execute("UPDATE statuses SET updated_at = ? WHERE annotator = ?", (when, annotator))
    conn.commit()
    conn.close()


def test_newer_status_wins_and_gold_comes_along(copies):
    with Project.open(copies / "kim") as kim:
        doc = next(kim.documents())
        kim.add_span(doc.id, 0, 3, "AGENCY", GOLD, snap=False)
        kim.reject_candidate(doc.id, 0, 3, "TECH")
        kim.mark_adjudicated(doc.id)
        kim.set_status(doc.id, "lee", "in_progress")
        kim.set_status(doc.id, "park", "flagged")
    with Project.open(copies / "lee") as lee:
        lee_doc = next(d for d in lee.documents() if d.uid == doc.uid)
        lee.set_status(lee_doc.id, "park", "done")
    _stamp(copies / "kim", "lee", _hours_ahead(2))
    park = _hours_ahead(1)
    for folder in ("kim", "lee"):
        _stamp(copies / folder, "park", park)
    with Project.open(copies / "lee") as lee:
        report = lee.merge_from(copies / "kim")
        assert lee.status(lee_doc.id, "lee").status == "in_progress"  # kim's copy holds a newer one
        assert lee.status(lee_doc.id, "park").status == "flagged"  # same time: every copy breaks the tie alike
        assert lee.status(lee_doc.id, GOLD).status == "adjudicated"
        assert [s.text for s in lee.spans(lee_doc.id, GOLD)] == [doc.text[0:3]]
        assert report.rejections_added == 1
        assert lee.review_states()[lee_doc.id].state == "adjudicated"


def test_newer_database_and_bad_paths_are_refused(copies, tmp_path):
    conn = sqlite3.connect(copies / "kim" / "project.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '9999_x', 'x')")
    conn.commit()
    conn.close()
    write(tmp_path / "notes.db", "not a database")
    with Project.open(copies / "review") as review:
        with pytest.raises(ProjectError, match="written by a newer version of annotator"):
            review.merge_from(copies / "kim")
        with pytest.raises(ProjectError, match="no project database here"):
            review.merge_from(tmp_path / "nowhere")
        with pytest.raises(ProjectError, match="not an SQLite database"):
            review.merge_from(tmp_path / "notes.db")
        with pytest.raises(ProjectError, match="own database"):
            review.merge_from(copies / "review")
        assert content(review) == (set(), set())  # nothing half-written


def test_labels_this_schema_lacks_are_skipped(copies, tmp_path):
    schema = (copies / "lee" / "project.toml").read_text(encoding="utf-8")
    (copies / "lee" / "project.toml").write_text(
        schema + '\n[[labels]]\nname = "PERSON"\nkey = "5"\ncolor = "#123456"\n', encoding="utf-8")
    with Project.open(copies / "lee") as lee:
        mark(lee, "해양수산부", "PERSON", "lee")
    with Project.open(copies / "review") as review:
        report = review.merge_from(copies / "lee")
        assert report.unknown_labels == {"PERSON": 1} and report.spans_added == {"lee": 3}
