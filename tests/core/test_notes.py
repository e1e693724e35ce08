"""Notes on spans, candidates and documents: undoable, searchable, exported (jsonl ``note``, brat
``AnnotatorNotes``) and read back by the jsonl import."""

import json

from annotator import GOLD, Project
from annotator.core.operations import UpdateSpan
from annotator.core.team.notes import SetNote, candidate_note, candidate_note_operation, candidate_notes
from annotator.core.store.worklist import DocumentFilter, WorklistStore

from .synthetic import Words, numbered_text
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


def test_span_document_and_candidate_notes_undo(project):
    w = Words(project, numbered_text(6))
    span = w.mark("kim", 0, 0, "AGENCY")
    change = project.apply(UpdateSpan(span.id, note="기관 맞나요?"))
    assert project.span(span.id).note == "기관 맞나요?" and project.span(span.id).rev != span.rev
    project.apply(change.inverse)
    assert project.span(span.id).note == ""
    change = project.set_note(w.doc_id, "kim", "  제목이 잘렸어요 ")
    assert project.document_notes(w.doc_id) == {"kim": "제목이 잘렸어요"}
    assert change.notes[0][1].text == "제목이 잘렸어요" and w.doc_id in change.doc_ids
    project.apply(change.inverse)
    assert project.document_notes(w.doc_id) == {}


def test_the_reviewers_candidate_note_sits_on_gold_once_accepted(project):
    w = Words(project, numbered_text(6))
    for name in ("kim", "lee"):
        w.mark(name, 0, 0, "AGENCY")
        project.apply(UpdateSpan(project.spans(w.doc_id, name)[0].id, note=f"{name}의 질문"))
    w.mark("kim", 2, 2, "TECH")
    undecided = next(c for c in project.review_candidates(w.doc_id) if c.label == "TECH")
    project.apply(candidate_note_operation(w.doc_id, undecided, "지침 3.2 참고"))
    assert candidate_note(project, w.doc_id, undecided) == "지침 3.2 참고"
    project.reject_candidate(w.doc_id, undecided.start, undecided.end, "TECH")  # the note stays with the rejection
    rejected = next(c for c in project.review_candidates(w.doc_id) if c.label == "TECH")
    assert rejected.state == "rejected" and candidate_note(project, w.doc_id, rejected) == "지침 3.2 참고"
    project.accept_candidate(w.doc_id, rejected.start, rejected.end, "TECH")  # changed their mind
    assert project.spans(w.doc_id, GOLD)[0].note == "지침 3.2 참고"  # the note goes into gold with it
    assert candidate_notes(project, w.doc_id)[(*w.span(2), "TECH")] == [(GOLD, "지침 3.2 참고")]
    project.accept_candidate(w.doc_id, *w.span(0), "AGENCY")
    accepted = next(c for c in project.review_candidates(w.doc_id) if c.label == "AGENCY")
    project.apply(candidate_note_operation(w.doc_id, accepted, "맞습니다"))
    assert project.spans(w.doc_id, GOLD)[0].note == "맞습니다"
    notes = candidate_notes(project, w.doc_id)
    assert notes[(*w.span(0), "AGENCY")] == [("kim", "kim의 질문"), ("lee", "lee의 질문"), (GOLD, "맞습니다")]


def test_the_document_search_finds_notes(project):
    first, second, third = (Words(project, numbered_text(5, seed)) for seed in "abc")
    project.apply(UpdateSpan(first.mark("kim", 0, 0, "AGENCY").id, note="경계 질문"))
    project.set_note(second.doc_id, "lee", "중복 기사 같아요")
    project.apply(SetNote(third.doc_id, GOLD, "경계는 조사 앞까지", (*third.span(1), "TECH")))
    worklist = WorklistStore(project.store)
    assert worklist.document_ids("kim", DocumentFilter(query="경계")) == [first.doc_id, third.doc_id]
    assert worklist.document_ids("kim", DocumentFilter(query="중복 기사")) == [second.doc_id]
    assert worklist.document_ids("kim", DocumentFilter(query="가a0")) == [first.doc_id]  # the text, as before


def test_notes_are_exported_and_read_back(project, tmp_path):
    w = Words(project, numbered_text(6))
    project.apply(UpdateSpan(w.mark(GOLD, 0, 0, "AGENCY").id, note="줄\n바꿈 있는 메모"))
    w.mark(GOLD, 2, 2, "BUDGET")
    project.mark_adjudicated(w.doc_id)
    project.export("jsonl", tmp_path / "gold.jsonl")
    [line] = (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    spans = json.loads(line)["spans"]
    assert spans[0]["note"] == "줄\n바꿈 있는 메모" and "note" not in spans[1]
    project.export("brat", tmp_path / "brat")
    ann = next((tmp_path / "brat").glob("*.ann")).read_text(encoding="utf-8").splitlines()
    assert ann[1] == "#1\tAnnotatorNotes T1\t줄 바꿈 있는 메모"
    with Project.create(tmp_path / "again") as again:
        again.import_paths([tmp_path / "gold.jsonl"], annotator="kim")
        [first, second] = again.spans(annotator="kim")
        assert (first.note, dict(first.attrs), second.note) == ("줄\n바꿈 있는 메모", {}, "")


def test_the_listing_shows_flag_comments_returns_and_notes_of_every_kind(project):
    """What a reviewer reads (``annotator notes``): flag comments were only counted before."""
    from annotator.core.team.notes import flag_comments, listed_notes

    first, second = Words(project, numbered_text(6, "a")), Words(project, numbered_text(6, "b"))
    project.set_status(first.doc_id, "kim", "flagged", "제목이 잘렸어요")
    project.set_status(second.doc_id, "lee", "flagged")  # flagged without a word
    project.apply(UpdateSpan(first.mark("kim", 2, 3, "BUDGET").id, note="단위가 맞나요?"))
    first.mark("lee", 0, 0, "AGENCY")
    project.set_note(second.doc_id, "kim", "중복 기사 같아요")
    project.apply(SetNote(first.doc_id, GOLD, "지침 3.2 참고", (*first.span(5), "TECH")))
    project.set_status(first.doc_id, "lee", "done")
    project.return_document(first.doc_id, "lee", "기관명을 확인해 주세요")
    notes = listed_notes(project)
    assert [(n.doc_id, n.annotator, n.kind, n.text) for n in notes if n.doc_id == first.doc_id] == [
        (first.doc_id, "kim", "flag", "제목이 잘렸어요"), (first.doc_id, "kim", "span", "단위가 맞나요?"),
        (first.doc_id, GOLD, "candidate", "지침 3.2 참고"), (first.doc_id, "lee", "return", "기관명을 확인해 주세요")]
    assert sorted((n.annotator, n.kind, n.text) for n in notes if n.doc_id == second.doc_id) == [
        ("kim", "document", "중복 기사 같아요"), ("lee", "flag", "")]
    span_note = next(n for n in notes if n.kind == "span")
    assert (span_note.start, span_note.end, span_note.label) == (*first.span(2, 3), "BUDGET")
    assert span_note.span_text == first.text[slice(*first.span(2, 3))] and span_note.title == first.text.split()[0]
    assert all(n.time for n in notes) and notes == sorted(notes, key=lambda n: (n.doc_id, n.time))
    assert [(n.kind, n.text) for n in listed_notes(project, "KIM")] == [
        ("flag", "제목이 잘렸어요"), ("span", "단위가 맞나요?"), ("document", "중복 기사 같아요")]
    assert [(n.annotator, n.text) for n in flag_comments(project)] == [("kim", "제목이 잘렸어요"), ("lee", "")]
    assert [(n.kind, n.span_text) for n in project.notes(kinds=("span",))] == [("span", span_note.span_text)]
    assert [(n.kind, n.annotator) for n in project.notes(kinds=("return", "candidate"))] == [
        ("candidate", GOLD), ("return", "lee")]
    in_second = project.notes(doc_id=second.doc_id, kinds=("flag", "document"))
    assert sorted((n.kind, n.annotator) for n in in_second) == [("document", "kim"), ("flag", "lee")]
    project.set_status(first.doc_id, "kim", "done")  # unflagged: no longer a flag
    assert [n.annotator for n in flag_comments(project)] == ["lee"]
