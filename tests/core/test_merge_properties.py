"""Merge properties, with random work in three copies (kim, lee and the reviewer), each writing its
own layer (the reviewer: gold, rejections, candidate notes and returns), merging now and then:
merges in any order converge to the same project, merging again changes nothing, and no merge
reports a conflict, since no span is changed in two copies."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import GOLD, AnnotatorError, Project
from annotator.core.operations import AddSpans, RejectSpans, RemoveSpans, SetStatus, UpdateSpan, WithdrawRejections
from annotator.core.records import Rejection, SpanDraft
from annotator.core.team.notes import SetNote
from annotator.core.team.returns import return_document

from .team_copies import WORDS, copy_project, dump, make_base, word_bounds

LABELS = ("AGENCY", "BUDGET", "TECH", "PROGRAM")
LAYERS = ("kim", "lee", GOLD)  # one copy each; the reviewer's copy writes gold
KINDS = ("add", "add", "relabel", "move", "delete", "undo", "undo", "status", "note", "reject", "withdraw",
         "document note", "return", "merge", "merge")

step = st.tuples(st.integers(0, 2), st.sampled_from(KINDS), st.integers(0, 40), st.integers(0, 40),
                 st.integers(0, 3))


class Copy:
    def __init__(self, folder: Path, layer: str):
        self.project = Project.open(folder, backup=False)
        self.layer = layer
        self.undo: list = []  # inverses of this copy's own operations
        self.doc_ids = self.project.store.document_ids()
        self.bounds = {d: word_bounds(self.project, d) for d in self.doc_ids}

    def range(self, doc_id: int, first: int, width: int) -> tuple[int, int]:
        bounds = self.bounds[doc_id]
        first %= WORDS
        return bounds[first][0], bounds[min(WORDS - 1, first + width % 2)][1]

    def operation(self, kind: str, a: int, b: int, c: int):
        p, layer = self.project, self.layer
        doc_id = self.doc_ids[a % len(self.doc_ids)]
        spans = p.spans(annotator=layer)
        pick = spans[b % len(spans)] if spans else None
        if kind == "add":
            return AddSpans([SpanDraft(doc_id, layer, *self.range(doc_id, b, c), LABELS[c])])
        if kind == "relabel" and pick:
            return UpdateSpan(pick.id, label=LABELS[(LABELS.index(pick.label) + 1 + c % 3) % 4])
        if kind == "move" and pick:
            start, end = self.range(pick.doc_id, b, c)
            return UpdateSpan(pick.id, start=start, end=end)
        if kind == "delete" and pick:
            return RemoveSpans([pick.id])
        if kind == "note" and pick:
            return UpdateSpan(pick.id, note=f"메모 {b}" if c else "")
        if kind == "status":
            statuses = ("adjudicated", "new", "adjudicated", "new") if layer == GOLD else (
                "in_progress", "done", "new", "skipped")
            return SetStatus(doc_id, layer, statuses[c])
        if kind == "reject":
            return RejectSpans([Rejection(doc_id, *self.range(doc_id, b, c), LABELS[c], layer)])
        if kind == "withdraw":
            rejected = [Rejection(d, s, e, label, layer) for d in self.doc_ids
                        for s, e, label in [(r.start, r.end, r.label) for r in p.rejected_suggestions(d, layer)]]
            return WithdrawRejections([rejected[b % len(rejected)]]) if rejected else None
        if kind == "document note":
            if layer == GOLD and c % 2:  # the reviewer's note on a candidate
                return SetNote(doc_id, GOLD, f"검수 {b}", (*self.range(doc_id, b, c), LABELS[c]))
            return SetNote(doc_id, layer, f"문서 {b}" if c else "")
        return None

    def act(self, kind: str, a: int, b: int, c: int) -> None:
        try:
            if kind == "undo":
                if self.undo:
                    self.project.apply(self.undo.pop())
                return
            if kind == "return":
                if self.layer == GOLD:  # (the test merges the annotator's copy first)
                    change = return_document(self.project, self.doc_ids[a % len(self.doc_ids)], LAYERS[c % 2],
                                             f"다시 봐 주세요 {b}")
                    self.undo.append(change.inverse)
                return
            operation = self.operation(kind, a, b, c)
            if operation is not None:
                self.undo.append(self.project.apply(operation).inverse)
        except AnnotatorError:
            pass  # refused (an overlap, a span changed by a merge, nobody to return to): nothing changed


def merge(into: Project, other: Path):
    report = into.merge_from(other)
    assert report.conflicts == [], [str(c) for c in report.conflicts]
    return report


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=10, max_size=40), orders=st.tuples(st.permutations(range(3)),
                                                                       st.permutations(range(3))))
def test_merges_in_any_order_converge_and_repeat_as_no_ops(steps, orders):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = make_base(root / "base")
        folders = [copy_project(base, root / layer) for layer in LAYERS]
        copies = [Copy(folder, layer) for folder, layer in zip(folders, LAYERS)]
        try:
            for actor, kind, a, b, c in steps:
                if kind == "merge":  # a copy takes in another's work halfway
                    source = (actor + 1 + a % 2) % 3
                    merge(copies[actor].project, folders[source])
                elif kind == "return" and actor == 2:  # the reviewer merges an annotator's copy, then returns
                    merge(copies[2].project, folders[c % 2])
                    copies[2].act(kind, a, b, c)
                else:
                    copies[actor].act(kind, a, b, c)
            dumps = []
            for n, order in enumerate(orders):
                with Project.open(copy_project(base, root / f"target{n}"), backup=False) as target:
                    for i in order:
                        merge(target, folders[i])
                    for i in order:
                        assert not merge(target, folders[i]).changed  # merging again changes nothing
                    dumps.append(dump(target))
            assert dumps[0] == dumps[1]
            for copy in copies:  # every copy, handed everything, ends the same
                merge(copy.project, root / "target0")
                assert dump(copy.project) == dumps[0]
        finally:
            for copy in copies:
                copy.project.close()
