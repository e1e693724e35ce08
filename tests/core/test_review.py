"""The merged view, review states, auto-merge and accepting into gold."""

import dataclasses

import pytest

from annotator import GOLD, Project, SpanError
from annotator.core.review.merged_view import ready_documents, spans_conflict

from .synthetic import Words, numbered_text
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)

ANNOTATORS = ("kim", "lee", "park")


@pytest.fixture
def words(project):
    """Three annotators on one 10-word document:
    w0 AGENCY: all three | w2–3 BUDGET: kim, lee; w2 BUDGET: park | w5 TECH: kim only |
    w7 TECH: kim; w7 PROGRAM: lee."""
    w = Words(project, numbered_text(10))
    for name in ANNOTATORS:
        w.mark(name, 0, 0, "AGENCY")
    w.mark("kim", 2, 3, "BUDGET")
    w.mark("lee", 2, 3, "BUDGET")
    w.mark("park", 2, 2, "BUDGET")
    w.mark("kim", 5, 5, "TECH")
    w.mark("kim", 7, 7, "TECH")
    w.mark("lee", 7, 7, "PROGRAM")
    return w


def states(project, doc_id, **options):
    return {(c.start, c.end, c.label): (c.annotators, c.state) for c in project.review_candidates(doc_id, **options)}


def layers(project, doc_id):
    return {name: [(s.start, s.end, s.label) for s in project.spans(doc_id, name)] for name in ANNOTATORS}


def test_candidate_states(project, words):
    w = words
    assert states(project, w.doc_id) == {
        (*w.span(0), "AGENCY"): (ANNOTATORS, "agreed"),
        (*w.span(2, 3), "BUDGET"): (("kim", "lee"), "disagreement"),
        (*w.span(2), "BUDGET"): (("park",), "disagreement"),
        (*w.span(5), "TECH"): (("kim",), "incomplete"),
        (*w.span(7), "TECH"): (("kim",), "disagreement"),
        (*w.span(7), "PROGRAM"): (("lee",), "disagreement"),
    }
    [first] = [c for c in project.review_candidates(w.doc_id) if c.label == "AGENCY"]
    assert first.text == w.text.split()[0] and len(first.span_ids) == 3 and first.gold_span_id is None


def test_gold_decisions_change_states(project, words):
    w = words
    accepted = project.accept_candidate(w.doc_id, *w.span(7), "PROGRAM").added[0]
    project.reject_candidate(w.doc_id, *w.span(5), "TECH")
    project.add_span(w.doc_id, *w.span(9), "AGENCY", GOLD, snap=False)  # a reviewer's own span
    got = states(project, w.doc_id)
    assert got[(*w.span(7), "PROGRAM")] == (("lee",), "accepted")
    assert got[(*w.span(7), "TECH")] == (("kim",), "rejected")  # a conflicting gold span exists
    assert got[(*w.span(5), "TECH")] == (("kim",), "rejected")  # explicitly
    assert got[(*w.span(9), "AGENCY")] == ((), "accepted")  # gold-only spans are shown too
    [candidate] = [c for c in project.review_candidates(w.doc_id) if c.label == "PROGRAM"]
    assert candidate.gold_span_id == accepted.id


def test_which_annotators_count(project, words):
    w = words
    project.set_status(w.doc_id, "park", "skipped")
    assert states(project, w.doc_id)[(*w.span(0), "AGENCY")] == (("kim", "lee"), "agreed")
    assert (*w.span(2), "BUDGET") not in states(project, w.doc_id)  # park's spans are out
    project.set_status(w.doc_id, "kim", "done")
    project.set_status(w.doc_id, "lee", "in_progress")
    assert states(project, w.doc_id, done_only=True)[(*w.span(0), "AGENCY")] == (("kim",), "incomplete")


def test_review_states_for_the_document_list(project, words):
    empty = Words(project, numbered_text(4, "x"))
    project.set_status(words.doc_id, "kim", "done")
    queries = []
    project.store.conn.set_trace_callback(queries.append)
    reviews = project.review_states()
    project.store.conn.set_trace_callback(None)
    assert sum("FROM spans" in q for q in queries) == 1  # one query over spans for the whole project
    assert reviews[empty.doc_id].state == "not_ready" and reviews[empty.doc_id].annotators == ()
    review = reviews[words.doc_id]
    assert (review.state, review.annotators, review.done) == ("not_ready", ANNOTATORS, ("kim",))
    assert review.disagreements == 4
    assert dict(review.counts) == {"agreed": 1, "accepted": 0, "rejected": 0, "disagreement": 4, "incomplete": 1}
    project.set_status(words.doc_id, "lee", "done")
    assert project.review_states()[words.doc_id].state == "ready"
    assert project.review_state(words.doc_id) == project.review_states()[words.doc_id]
    project.mark_adjudicated(words.doc_id)
    assert project.status(words.doc_id, GOLD).status == "adjudicated"
    assert project.review_states()[words.doc_id].state == "adjudicated"


def test_ready_documents_agree_with_review_states(project, words):
    other = Words(project, numbered_text(4, "y"))
    for name in ("kim", "lee"):
        project.set_status(other.doc_id, name, "done")
    project.set_status(words.doc_id, "kim", "done")
    project.set_status(words.doc_id, GOLD, "done")  # gold never counts as an annotator
    assert ready_documents(project) == [other.doc_id]
    project.set_status(words.doc_id, "park", "done")
    assert ready_documents(project) == [words.doc_id, other.doc_id]
    project.mark_adjudicated(other.doc_id)
    assert ready_documents(project) == [words.doc_id]
    assert ready_documents(project) == [d for d, r in project.review_states().items() if r.state == "ready"]


def test_auto_merge_two_of_three(project, words):
    w = words
    before = layers(project, w.doc_id)
    result = project.adjudicate(min_agree=2, all_documents=True)
    # w0 (3 of 3) and w2–3 (2 of 3; park's conflicting w2 has only 1) go in; w7 is a 1–1 tie.
    assert sorted((s.start, s.end, s.label) for s in result.merged) == [(*w.span(0), "AGENCY"),
                                                                        (*w.span(2, 3), "BUDGET")]
    assert result.remaining == {w.doc_id: 2}  # w7 TECH and w7 PROGRAM
    assert layers(project, w.doc_id) == before  # annotators' layers untouched
    got = states(project, w.doc_id)
    assert got[(*w.span(2), "BUDGET")][1] == "rejected" and got[(*w.span(2, 3), "BUDGET")][1] == "accepted"
    again = project.adjudicate(min_agree=2, all_documents=True)
    assert again.merged == [] and again.change.inverse is None  # idempotent
    project.apply(result.change.inverse)  # undo
    assert project.spans(w.doc_id, GOLD) == []


def test_auto_merge_all_annotators_is_the_schema_default(project, words):
    assert project.schema.min_agree == 0
    result = project.adjudicate(all_documents=True)
    assert [(s.start, s.end, s.label) for s in result.merged] == [(*words.span(0), "AGENCY")]
    assert result.min_agree == 0


def test_auto_merge_never_overwrites_gold_and_leaves_ties(project, words):
    w = words
    project.add_span(w.doc_id, *w.span(0), "TECH", GOLD, snap=False)  # a reviewer disagreed with everyone
    result = project.adjudicate(min_agree=1, all_documents=True)
    merged = {(s.start, s.end, s.label) for s in result.merged}
    # w0 conflicts with gold: left out. w2–3 (2 votes) beats park's w2 (1): a strict majority wins.
    # w7 TECH and PROGRAM, one vote each: a tie, left out. w5 TECH, alone and unopposed, goes in at K=1.
    assert merged == {(*w.span(2, 3), "BUDGET"), (*w.span(5), "TECH")}
    assert (*w.span(0), "TECH") in {(s.start, s.end, s.label) for s in project.spans(w.doc_id, GOLD)}
    assert result.remaining == {w.doc_id: 2}


def test_auto_merge_needs_two_annotators_and_skips_adjudicated(project, words):
    lone = Words(project, numbered_text(3, "y"))
    lone.mark("kim", 0, 0, "AGENCY")
    project.mark_adjudicated(words.doc_id)
    result = project.adjudicate(all_documents=True)
    assert result.merged == [] and result.skipped_adjudicated == [words.doc_id]
    assert project.adjudicate(lone.doc_id, min_agree=1, all_documents=True).merged[0].doc_id == lone.doc_id  # K=1 taken literally


def test_accept_replaces_conflicting_gold(project, words):
    w = words
    park_w2 = project.spans(w.doc_id, "park", "BUDGET")[0]
    first = project.accept_into_gold(park_w2.id)
    before = layers(project, w.doc_id)
    lee_w23 = project.spans(w.doc_id, "lee", "BUDGET")[0]
    change = project.accept_into_gold(lee_w23.id)
    assert [s.id for s in change.removed] == [first.added[0].id]
    assert [(s.start, s.end, s.annotator) for s in change.added] == [(*w.span(2, 3), GOLD)]
    assert layers(project, w.doc_id) == before
    assert project.accept_into_gold(lee_w23.id).added == []  # already there: nothing to do
    project.apply(change.inverse)
    assert project.spans(w.doc_id, GOLD) == first.added  # the replaced gold span is back, same id
    with pytest.raises(SpanError):
        project.accept_into_gold(first.added[0].id)


def test_accept_all_of_one_annotator_is_one_operation(project, words):
    w = words
    project.reject_candidate(w.doc_id, *w.span(7), "TECH")
    project.accept_candidate(w.doc_id, *w.span(7), "PROGRAM")
    change = project.accept_annotator(w.doc_id, "kim")
    assert {(s.start, s.end, s.label) for s in project.spans(w.doc_id, GOLD)} == set(layers(project, w.doc_id)["kim"])
    assert [s.label for s in change.removed] == ["PROGRAM"] and change.unrejected
    project.apply(change.inverse)
    assert [s.label for s in project.spans(w.doc_id, GOLD)] == ["PROGRAM"]
    assert states(project, w.doc_id)[(*w.span(7), "TECH")][1] == "rejected"


def test_reject_an_accepted_candidate_and_undo(project, words):
    w = words
    project.accept_candidate(w.doc_id, *w.span(0), "AGENCY")
    change = project.reject_candidate(w.doc_id, *w.span(0), "AGENCY")
    assert len(change.removed) == 1 and len(change.rejected) == 1 and change.doc_ids == {w.doc_id}
    assert states(project, w.doc_id)[(*w.span(0), "AGENCY")][1] == "rejected"
    project.apply(change.inverse)
    assert states(project, w.doc_id)[(*w.span(0), "AGENCY")][1] == "accepted"


def test_nested_policy_lets_different_labels_nest():
    base = Project.in_memory()
    project = Project.in_memory(dataclasses.replace(base.schema, overlap="nested"))
    w = Words(project, numbered_text(6))
    w.mark("kim", 0, 3, "PROGRAM")
    w.mark("lee", 0, 3, "PROGRAM")
    w.mark("lee", 1, 1, "TECH")
    w.mark("kim", 1, 1, "TECH")
    assert {state for _, state in states(project, w.doc_id).values()} == {"agreed"}
    assert spans_conflict((0, 10, "BUDGET"), (0, 4, "BUDGET"), "nested")  # same label: a boundary dispute
    assert not spans_conflict((0, 10, "PROGRAM"), (2, 4, "TECH"), "nested")
    assert spans_conflict((0, 10, "PROGRAM"), (2, 4, "TECH"), "forbid")
    assert spans_conflict((0, 5, "PROGRAM"), (3, 8, "TECH"), "allow")  # crossing
    assert len(project.adjudicate(all_documents=True).merged) == 2


def test_auto_merge_takes_finished_documents_like_agreement_and_the_review_list(project, words):
    """Issue 12, bug 9: ``adjudicate --auto`` merged documents the review list calls not ready."""
    w = words
    project.set_status(w.doc_id, "kim", "done")
    project.set_status(w.doc_id, "lee", "in_progress")  # lee and park are still working on it
    result = project.adjudicate(min_agree=2)
    assert result.merged == [] and result.not_ready == [w.doc_id] and result.remaining == {}
    assert project.review_state(w.doc_id).state == "not_ready"
    project.set_status(w.doc_id, "lee", "done")  # ready now; park's unfinished layer does not vote
    result = project.adjudicate()
    assert sorted((s.start, s.end, s.label) for s in result.merged) == [(*w.span(0), "AGENCY"),
                                                                        (*w.span(2, 3), "BUDGET")]
    assert result.not_ready == []
    project.apply(result.change.inverse)
    everyone = project.adjudicate(all_documents=True)  # the switch agreement has: every annotator counts
    assert [(s.start, s.end, s.label) for s in everyone.merged] == [(*w.span(0), "AGENCY")]
