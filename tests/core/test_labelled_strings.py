"""The strings each layer labelled, counted by the database as spans change (learned suggestions)."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.operations import AddSpans, RemoveSpans, UpdateSpan
from annotator.core.project import Project
from annotator.core.records import SpanDraft
from annotator.core.store.suggestions import SuggestionStore
from annotator.core.text.normalize import document_uid

from ..engines import engine  # noqa: F401 (test_counts_on_both_engines)

TEXTS = ["원주시가 국비 120억 원을 확보했다", "대구시는 디지털트윈 사업을 키운다"]


def recount(project: Project, ignored=()) -> Counter:
    return Counter((s.text, s.label) for s in project.spans() if s.annotator not in ignored)


def stored(project: Project, ignored=()) -> Counter:
    return Counter({(text, label): n for text, label, n in SuggestionStore(project.store).labelled_strings(ignored)})


steps = st.lists(st.tuples(st.sampled_from(["add", "relabel", "resize", "remove", "undo"]), st.integers(0, 1),
                           st.integers(0, 14), st.integers(1, 6), st.sampled_from(["AGENCY", "BUDGET", "TECH"]),
                           st.sampled_from(["kim", "lee"])), max_size=25)


@settings(max_examples=40, deadline=None)
@given(steps)
def test_counts_follow_every_change_and_undo(plan):
    project = Project.in_memory()
    with project.store.transaction():
        docs = [project.store.insert_document(uid=f"u{n}", title="", text=text, raw=None, meta={}, source="",
                                              encoding="utf-8", morphemes=b"", sentences=b"")
                for n, text in enumerate(TEXTS)]
    done = []
    for kind, doc, at, length, label, layer in plan:
        spans = project.spans()
        target = spans[at % len(spans)] if spans else None
        operation = {
            "add": AddSpans([SpanDraft(docs[doc], layer, at, at + length, label)]),
            "relabel": target and UpdateSpan(target.id, label=label),
            "resize": target and UpdateSpan(target.id, start=target.start, end=target.end + 1),
            "remove": target and RemoveSpans([target.id]),
            "undo": done[-1].inverse if done else None,
        }[kind]
        if operation is None:
            continue
        try:
            change = project.apply(operation)
        except AnnotatorError:
            continue  # an overlap, a span outside the text, a stale undo: refused, nothing changed
        if kind == "undo":
            done.pop()
        else:
            done.append(change)
        assert stored(project) == recount(project)
    assert stored(project, ["kim"]) == recount(project, ["kim"])
    project.close()


def test_imported_spans_are_counted(tmp_path):
    project = Project.create(tmp_path / "p")
    with project.store.transaction():
        doc = project.store.insert_document(uid="u", title="", text=TEXTS[0], raw=None, meta={}, source="",
                                            encoding="utf-8", morphemes=b"", sentences=b"")
        project.store.insert_spans([SpanDraft(doc, "kim", 0, 3, "AGENCY"), SpanDraft(doc, "lee", 0, 3, "AGENCY"),
                                    SpanDraft(doc, "lee", 8, 12, "BUDGET")])
    assert stored(project) == Counter({("원주시", "AGENCY"): 2, ("120억", "BUDGET"): 1})
    assert stored(project, ["lee"]) == Counter({("원주시", "AGENCY"): 1})
    project.close()


def test_merged_edits_and_deletions_are_counted(tmp_path):
    def make(name: str) -> Project:
        project = Project.create(tmp_path / name)
        with project.store.transaction():
            project.store.insert_document(uid=document_uid(TEXTS[0]), title="", text=TEXTS[0], raw=None, meta={},
                                          source="", encoding="utf-8", morphemes=b"", sentences=b"")
        return project

    ours, theirs = make("ours"), make("theirs")
    theirs.close()
    ours.add_span(1, 0, 3, "AGENCY", "kim", snap=False)
    ours.close()
    # The copy gets kim's span (as a copy would), relabels it and adds another.
    with Project.open(tmp_path / "theirs") as copy:
        copy.merge_from(tmp_path / "ours", trust_full_copy=True)  # two projects made apart
        [span] = copy.spans()
        copy.relabel_span(span.id, "PROGRAM")
        copy.add_span(1, 8, 12, "BUDGET", "kim", snap=False)
    with Project.open(tmp_path / "ours") as project:
        project.merge_from(tmp_path / "theirs", trust_full_copy=True)
        assert stored(project) == recount(project) == Counter({("원주시", "PROGRAM"): 1, ("120억", "BUDGET"): 1})


def test_counts_on_both_engines(project):
    """The counting triggers in each engine's form (SQLite's, and PostgreSQL's plpgsql)."""
    from tests.core.synthetic import Words

    words = Words(project, "원주시 국비 원주시 디지털트윈 원주시")
    first = words.mark("kim", 0, None, "AGENCY")
    words.mark("kim", 2, None, "AGENCY")
    other = words.mark("lee", 4, None, "TECH")
    project.relabel_span(other.id, "AGENCY")
    project.resize_span(first.id, 0, 2)
    project.remove_span(words.mark("kim", 3, None, "TECH").id)
    assert stored(project) == recount(project) == Counter({("원주시", "AGENCY"): 2, ("원주", "AGENCY"): 1})
    assert stored(project, ["lee"]) == recount(project, ["lee"])
