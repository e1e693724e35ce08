"""Attributes a label's recognisers set go with the label (issue 12, bug 6): a relabelled span, and a
suggestion accepted under another label, keep none of them; other attributes stay; undo brings them back."""

import json

import pytest

from annotator import Project
from annotator.core.schema import RECOGNISER_ATTRIBUTES, RECOGNISERS
from annotator.core.suggest import accept_operation

from ..conftest import write

ARTICLE = "대구\n\n대구시와 DGIST는 국비 120억 원을 들여 디지털 치료기기를 만든다.\n"


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("attrs")
    write(folder / "a.txt", ARTICLE)
    project = Project.create(folder / "proj")
    assert project.import_paths([folder / "a.txt"], clean=False).ok
    yield project, next(project.documents())
    project.close()


def accepted(project, doc, text, annotator):
    suggestion = next(s for s in project.suggest(doc.id, annotator) if s.text == text)
    return project.apply(accept_operation([suggestion], doc.id, annotator)).added[0]


def test_every_recogniser_names_the_attributes_it_sets():
    assert set(RECOGNISER_ATTRIBUTES) == set(RECOGNISERS)
    assert set(RECOGNISER_ATTRIBUTES["amount"]) == {"value", "currency", "approximate"}
    assert RECOGNISER_ATTRIBUTES["gazetteer"] == RECOGNISER_ATTRIBUTES["lexicon"] == ("canonical",)


def test_a_relabelled_agency_loses_its_canonical_name_and_undo_brings_it_back(shared, tmp_path):
    project, doc = shared
    span = accepted(project, doc, "DGIST", "kim")
    assert span.attrs["canonical"] == "대구경북과학기술원"
    change = project.apply(project.relabel_operation(span.id, "TECH"))
    [(_before, relabelled)] = change.updated
    assert relabelled.label == "TECH" and "canonical" not in relabelled.attrs
    report = project.export("jsonl", tmp_path / "kim.jsonl", source="kim")
    [line] = [json.loads(line) for line in (tmp_path / "kim.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report.documents == 1 and line["spans"] == [
        {"start": span.start, "end": span.end, "label": "TECH", "text": "DGIST"}]
    undone = project.apply(change.inverse)
    assert undone.updated[0][1].label == "AGENCY"
    assert undone.updated[0][1].attrs["canonical"] == "대구경북과학기술원"


def test_an_amount_relabelled_keeps_only_attributes_no_recogniser_of_its_old_label_set(shared):
    project, doc = shared
    start = doc.text.index("120억 원")
    span = project.add_span(doc.id, start, start + 6, "BUDGET", "lee", snap=False,
                            attrs={"value": "12000000000", "currency": "KRW", "checked_by": "park"})
    relabelled = project.relabel_span(span.id, "PROGRAM")
    assert dict(relabelled.attrs) == {"checked_by": "park"}
    assert dict(project.relabel_span(span.id, "PROGRAM").attrs) == {"checked_by": "park"}  # same label: no change


def test_a_suggestion_accepted_under_another_label_goes_without_its_recogniser_s_attributes(shared):
    project, doc = shared
    suggestion = next(s for s in project.suggest(doc.id, "park") if s.text == "DGIST")
    assert suggestion.label == "AGENCY" and suggestion.attrs["canonical"]
    as_tech = suggestion.as_label("TECH")
    assert (as_tech.label, dict(as_tech.attrs), as_tech.source) == ("TECH", {}, suggestion.source)
    assert suggestion.as_label("AGENCY") == suggestion and suggestion.as_label("AGENCY").attrs == suggestion.attrs
    [span] = project.apply(accept_operation([suggestion], doc.id, "park", label="TECH")).added
    assert (span.label, dict(span.attrs)) == ("TECH", {})


# -- computed for every span of the label, whoever made it (issue 22) ---------------------------


def test_a_hand_drawn_amount_and_agency_get_what_their_recognisers_compute(shared):
    project, doc = shared
    amount = doc.text.index("120억 원")
    drawn = project.add_span(doc.id, amount, amount + 8, "BUDGET", "choi")  # "120억 원을 ": snapped
    assert drawn.text == "120억 원" and dict(drawn.attrs) == {"value": "12000000000", "currency": "KRW"}
    agency = project.add_span(doc.id, doc.text.index("DGIST"), doc.text.index("DGIST") + 5, "AGENCY", "choi")
    assert dict(agency.attrs) == {"canonical": "대구경북과학기술원"}
    wider = project.add_span(doc.id, doc.text.index("국비"), amount + 6, "BUDGET", "yoon", snap=False)
    assert dict(wider.attrs) == {}  # 국비 120억 원 is not one amount: no guessed value
    given = project.add_span(doc.id, amount, amount + 6, "BUDGET", "han", attrs={"value": "1", "note_id": "x"})
    assert dict(given.attrs) == {"value": "1", "note_id": "x"}  # values given explicitly stand
    for span in (drawn, agency, wider, given):
        project.remove_span(span.id)


def test_resizing_and_relabelling_recompute_and_undo_restores_the_previous_attributes(shared):
    project, doc = shared
    start = doc.text.index("DGIST")
    span = project.add_span(doc.id, start, start + 5, "TECH", "choi", snap=False, attrs={"checked": True})
    assert dict(span.attrs) == {"checked": True}  # TECH's lexicon has no DGIST
    change = project.apply(project.relabel_operation(span.id, "AGENCY"))
    assert dict(change.updated[0][1].attrs) == {"checked": True, "canonical": "대구경북과학기술원"}
    project.apply(change.inverse)
    assert dict(project.span(span.id).attrs) == {"checked": True}
    project.remove_span(span.id)
    amount = doc.text.index("120억 원")
    budget = project.add_span(doc.id, amount, amount + 6, "BUDGET", "choi")
    from annotator.core.operations import UpdateSpan

    shrunk = project.apply(UpdateSpan(budget.id, end=amount + 4, description="resize span"))
    assert shrunk.updated[0][1].text == "120억" and dict(shrunk.updated[0][1].attrs) == {}  # the old value is stale
    project.apply(shrunk.inverse)
    assert dict(project.span(budget.id).attrs) == {"value": "12000000000", "currency": "KRW"}
    project.remove_span(budget.id)


def test_imported_spans_get_their_attributes_and_old_gold_can_be_filled(tmp_path):
    from annotator.cli import main

    line = {"text": ARTICLE.strip(), "spans": [
        {"start": ARTICLE.index("120억 원"), "end": ARTICLE.index("120억 원") + 6, "label": "BUDGET"},
        {"start": ARTICLE.index("DGIST"), "end": ARTICLE.index("DGIST") + 5, "label": "AGENCY",
         "canonical": "디지스트"}]}
    path = write(tmp_path / "in.jsonl", json.dumps(line, ensure_ascii=False) + "\n")
    with Project.create(tmp_path / "p") as project:
        assert project.import_paths([path], annotator="gold").ok
        doc = next(project.documents())
        agency, budget = project.spans(doc.id, "gold")
        assert dict(budget.attrs) == {"value": "12000000000", "currency": "KRW"}
        assert dict(agency.attrs) == {"canonical": "디지스트"}  # the file's own value stands
        # Gold stored before attributes were computed for every span: the value is missing.
        project.store.conn.execute("UPDATE spans SET attrs = '{}' WHERE id = ?", (budget.id,))
        project.store.conn.commit()
    assert main(["fill-attributes", str(tmp_path / "p"), "--dry-run"]) == 0
    with Project.open(tmp_path / "p") as project:
        assert dict(project.span(budget.id).attrs) == {}
    assert main(["fill-attributes", str(tmp_path / "p")]) == 0
    with Project.open(tmp_path / "p") as project:
        filled = project.span(budget.id)
        assert dict(filled.attrs) == {"value": "12000000000", "currency": "KRW"} and filled.rev != budget.rev
        assert project.fill_attributes().filled == {}  # nothing left to fill
