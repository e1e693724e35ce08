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
