"""Assigning documents: K annotators each, balanced by characters, deterministic, calibration for
everyone, re-runs that assign only what is new, and moving unfinished work."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator import Project, ProjectError
from annotator.core.store import assignments as assignment_store
from annotator.core.team.assignment import assign, current_assignments, move_unfinished, plan_assignment

from .synthetic import Words, numbered_text


def loads_of(plan, lengths: dict[int, int]) -> tuple[dict[str, int], dict[str, int]]:
    documents = {name: 0 for name in plan.annotators}
    characters = {name: 0 for name in plan.annotators}
    for doc_id, name, calibration in plan.new_rows:
        if not calibration:
            documents[name] += 1
            characters[name] += lengths[doc_id]
    return documents, characters


def per_document(rows) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for doc_id, name, _ in rows:
        found.setdefault(doc_id, set()).add(name)
    return found


lengths_strategy = st.lists(
    st.one_of(st.integers(1, 3000), st.sampled_from([1, 5, 40_000, 250_000])), min_size=0, max_size=60)


@settings(max_examples=150, deadline=None)
@given(lengths=lengths_strategy, annotators=st.integers(1, 9), data=st.data())
def test_every_document_gets_k_annotators_within_the_fair_share(lengths, annotators, data):
    """What is asserted, for a fresh assignment of n documents to A annotators, K per document:
    each document goes to exactly K different annotators, and no annotator gets more than
    ⌈n·K/A⌉ + 1 documents, nor more characters than the fair share K·(all characters)/A plus
    the longest document."""
    k = data.draw(st.integers(1, annotators))
    seed = data.draw(st.integers(0, 10_000))
    documents = [(i + 1, f"uid{i}", length) for i, length in enumerate(lengths)]
    names = [f"annotator{i}" for i in range(annotators)]
    plan = plan_assignment(documents, {}, names, k, seed=seed)
    assigned = per_document(plan.new_rows)
    assert set(assigned) == {doc_id for doc_id, _, _ in documents}
    assert all(len(who) == k for who in assigned.values())
    counts, characters = loads_of(plan, dict((d, n) for d, _, n in documents))
    share = math.ceil(len(documents) * k / annotators) + 1
    fair = k * sum(lengths) / annotators + max(lengths, default=0)
    assert max(counts.values()) <= share
    assert max(characters.values()) <= fair
    assert {name: (load.documents, load.characters) for name, load in plan.loads.items()} == {
        name: (counts[name], characters[name]) for name in names}


def test_balance_is_by_characters_not_counts():
    """One long article and many short ones: the long one's annotator gets fewer documents."""
    documents = [(1, "long", 9000)] + [(i, f"short{i}", 100) for i in range(2, 32)]
    plan = plan_assignment(documents, {}, ["kim", "lee", "park"], 1, seed=1)
    counts, characters = loads_of(plan, {d: n for d, _, n in documents})
    holder = next(name for doc_id, name, _ in plan.new_rows if doc_id == 1)
    assert counts[holder] == min(counts.values()) < max(counts.values())
    others = [characters[n] for n in counts if n != holder]
    assert max(others) - min(others) <= 100


def test_same_seed_same_assignment_other_seed_other_ties():
    documents = [(i, f"doc{i}", 500) for i in range(1, 41)]  # equal lengths: every choice is a tie
    names = ["kim", "lee", "park", "choi"]
    first = plan_assignment(documents, {}, names, 2, calibration=3, seed=7)
    again = plan_assignment(documents, {}, names, 2, calibration=3, seed=7)
    other = plan_assignment(documents, {}, names, 2, calibration=3, seed=8)
    assert first.new_rows == again.new_rows and first.calibration == again.calibration
    assert sorted(first.new_rows) != sorted(other.new_rows)
    shuffled = plan_assignment(list(reversed(documents)), {}, names, 2, calibration=3, seed=7)
    assert sorted(shuffled.new_rows) == sorted(first.new_rows)  # the order documents are read in does not matter


def test_calibration_documents_go_to_everyone_and_stay_out_of_the_balance():
    documents = [(i, f"doc{i}", 100 * i) for i in range(1, 21)]
    names = ["kim", "lee", "park"]
    plan = plan_assignment(documents, {}, names, 1, calibration=4, seed=3)
    assert len(plan.calibration) == 4
    assigned = per_document(plan.new_rows)
    for doc_id in plan.calibration:
        assert assigned[doc_id] == set(names)
        assert all(calibration for d, _, calibration in plan.new_rows if d == doc_id)
    assert all(len(who) == 1 for d, who in assigned.items() if d not in plan.calibration)
    counts, characters = loads_of(plan, {d: n for d, _, n in documents})
    assert sum(counts.values()) == 16 and max(counts.values()) <= math.ceil(16 / 3) + 1
    shared = sum(100 * d for d in plan.calibration)  # the loads count them, as package and stats do
    assert {name: (load.documents, load.characters, load.calibration) for name, load in plan.loads.items()} == {
        name: (counts[name] + 4, characters[name] + shared, 4) for name in names}
    named = plan_assignment(documents, {}, names, 2, calibration_ids=[5, 9], seed=3)
    assert named.calibration == [5, 9]
    assert per_document(named.new_rows)[9] == set(names)


def test_bad_requests_are_refused_with_the_reason():
    documents = [(1, "a", 10), (2, "b", 10)]
    with pytest.raises(ProjectError, match="between 1 and the number of annotators"):
        plan_assignment(documents, {}, ["kim", "lee"], 3)
    with pytest.raises(ProjectError, match="listed twice"):
        plan_assignment(documents, {}, ["kim", "kim"], 1)
    with pytest.raises(ProjectError, match="reviewer's layer"):
        plan_assignment(documents, {}, ["kim", "gold"], 1)
    with pytest.raises(ProjectError, match="no document 7"):
        plan_assignment(documents, {}, ["kim"], 1, calibration_ids=[7])
    with pytest.raises(ProjectError, match="only 2 documents have no annotator"):
        plan_assignment(documents, {}, ["kim"], 1, calibration=3)


@pytest.fixture
def team(tmp_path):
    project = Project.create(tmp_path / "team")
    for i in range(12):
        Words(project, numbered_text(5 + 3 * i, seed=str(i)))
    yield project
    project.close()


def test_assign_stores_and_running_again_assigns_only_new_documents(team, tmp_path):
    plan = assign(team, ["kim", "lee", "park"], 2, calibration=2, seed=5)
    before = current_assignments(team.store)
    assert len(before) == 12 and plan.documents_assigned == 12
    assert all(len(who) == (3 if doc_id in plan.calibration else 2) for doc_id, who in before.items())
    again = assign(team, ["kim", "lee", "park"], 2, calibration=2, seed=5)
    assert (again.new_rows, current_assignments(team.store)) == ([], before)
    new = [Words(team, numbered_text(30, seed=f"new{i}")).doc_id for i in range(3)]
    later = assign(team, ["kim", "lee", "park"], 2, calibration=2, seed=99)
    assert {doc_id for doc_id, _, _ in later.new_rows} == set(new)
    after = current_assignments(team.store)
    assert {d: w for d, w in after.items() if d not in new} == before
    assert all(len(after[d]) == 2 for d in new)
    dry = assign(team, ["kim", "lee", "park", "choi"], 2, calibration=2, dry_run=True)
    assert dry.new_rows == [(d, "choi", True) for d in plan.calibration]  # a newcomer gets the calibration set
    assert current_assignments(team.store) == after


def test_move_hands_unfinished_documents_over_and_assign_tops_them_up(team):
    assign(team, ["kim", "lee"], 1, seed=1)
    kims = assignment_store.assigned_ids(team.store, "kim")
    finished, started = kims[0], kims[1]
    team.set_status(finished, "kim", "done")
    team.set_status(started, "kim", "in_progress")
    report = move_unfinished(team, "kim", "park")
    assert report.moved == kims[1:] and report.already_target == []
    assert assignment_store.assigned_ids(team.store, "kim") == [finished]
    assert assignment_store.assigned_ids(team.store, "park") == kims[1:]
    withdrawn = {r.doc_id for r in assignment_store.assignment_rows(team.store, "kim", withdrawn=True) if r.withdrawn}
    assert withdrawn == set(kims[1:])  # kept, withdrawn, so the move travels in merges
    # lee's unfinished documents to park, who has one of them already: it leaves lee all the same
    untouched = assign(team, ["lee", "park"], 2, only_unassigned=True)  # every document has someone
    assert untouched.new_rows == []
    lees = assignment_store.assigned_ids(team.store, "lee")
    shared = lees[0]
    assignment_store.write_assignments(team.store, [(shared, "park", False)], "2030-01-01T00:00:00+00:00")
    report = move_unfinished(team, "lee", "park")
    assert report.already_target == [shared] and shared not in assignment_store.assigned_ids(team.store, "lee")
    topped = assign(team, ["kim", "lee", "park"], 2, seed=2)  # every document back to two annotators
    assert all(len(who) >= 2 for who in current_assignments(team.store).values())
    assert topped.new_rows
    with pytest.raises(ProjectError, match="no assigned documents"):
        move_unfinished(team, "nobody", "kim")
    with pytest.raises(ProjectError, match="FROM=TO"):
        move_unfinished(team, "kim", "kim")
