"""The model: tokens and features, what it learns from, training with k-fold scores, the files,
the gate, and its suggestions (with confidence, one where a rule agrees)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from annotator import Project
from annotator.core.errors import ProjectError
from annotator.core.model import ModelError, label_states, live_labels, retraining_due
from annotator.core.model.crf import bio_spans, bio_tags
from annotator.core.model.examples import finished_work, labelled_document
from annotator.core.model.features import char_class, document_features, sentence_breaks, tokens_of
from annotator.core.model.model_files import META_FILE, MODEL_FILE, LabelScore, ModelInfo
from annotator.core.text.morphemes import Morpheme
from annotator.core.paths import default_schema_path
from annotator.core.schema import parse_schema
from annotator.core.suggest import Suggestion

from .model_fixtures import labelled_project, store_document

PERSON = '''
[[labels]]
name = "PERSON"
key = "5"
korean = "인물"
color = "#9b5de5"
recognisers = ["model"]
'''


def default_schema(model_section: str = "") -> str:
    """The default schema's text with its [model] section replaced by ``model_section``."""
    text = default_schema_path().read_text(encoding="utf-8")
    start, end = text.index("[model]"), text.index("[[labels]]")
    return text[:start] + text[end:] + model_section


def schema_with_person(tmp_path, model_section: str = "", person: str = PERSON) -> str:
    path = tmp_path / "schema.toml"
    path.write_text(default_schema(model_section) + person, encoding="utf-8")
    return str(path)


@pytest.fixture
def person_project(tmp_path):
    project = Project.create(tmp_path / "people", schema_with_person(tmp_path))
    yield project
    project.close()


# -- tokens and features ----------------------------------------------------------------------

def test_tokens_merge_shared_morphemes_and_cover_what_kiwi_left_out():
    text = "했다 ★ 원주시가"
    morphemes = [Morpheme(0, 1, "VV"), Morpheme(0, 1, "EP"), Morpheme(1, 2, "EF"),
                 Morpheme(5, 8, "NNP"), Morpheme(8, 9, "JKS")]
    tokens = tokens_of(text, morphemes)
    assert [(text[t.start:t.end], t.tag, t.last_tag) for t in tokens] == [
        ("했", "VV", "EP"), ("다", "EF", "EF"), ("★", "UNK", "UNK"), ("원주시", "NNP", "NNP"), ("가", "JKS", "JKS")]


def test_features_describe_form_class_enclosure_window_and_rule_hits():
    text = "‘디지털 트윈’ 사업에 AI 120억 원"
    morphemes = [Morpheme(0, 1, "SS"), Morpheme(1, 4, "NNG"), Morpheme(5, 7, "NNG"), Morpheme(7, 8, "SS"),
                 Morpheme(9, 11, "NNG"), Morpheme(11, 12, "JKB"), Morpheme(13, 15, "SL"),
                 Morpheme(16, 19, "SN"), Morpheme(19, 20, "NR"), Morpheme(21, 22, "NNB")]
    tokens = tokens_of(text, morphemes)
    hits = [Suggestion(16, 22, "BUDGET", "120억 원", {}, "amount")]
    features = document_features(text, tokens, hits)
    digital, twin, closing, business = features[1], features[2], features[3], features[4]
    assert {"w=디지털", "t=NNG", "t1=N", "c=H", "p1=디", "s1=털", "q"} <= set(digital)
    assert "sp" in twin and "q" in twin and "-1w=디지털" in twin and "+2w=사업" in twin
    assert "q" in closing and "q" not in business
    ai = features[6]
    assert {"w=ai", "c=U", "+1r=amount:BUDGET"} <= set(ai)
    assert "rB=amount:BUDGET" in features[7] and "rI=amount:BUDGET" in features[9]
    assert char_class("1,200") == "D" and char_class("·") == "P" and char_class("5G") == "M"


def test_sentences_break_at_lines_and_final_punctuation_but_never_inside_a_span():
    text = "가 나. 다 라\n마"
    tokens = tokens_of(text, [Morpheme(0, 1, "NNG"), Morpheme(2, 3, "NNG"), Morpheme(3, 4, "SF"),
                              Morpheme(5, 6, "NNG"), Morpheme(7, 8, "NNG"), Morpheme(9, 10, "NNG")])
    assert sentence_breaks(text, tokens) == [0, 3, 5]
    assert sentence_breaks(text, tokens, [(2, 6)]) == [0, 5]


def test_bio_round_trip_and_a_stray_inside_tag_starts_a_span():
    tokens = tokens_of("가 나 다 라", [Morpheme(i, i + 1, "NNG") for i in (0, 2, 4, 6)])
    tags = bio_tags(tokens, [(0, 3, "A"), (6, 7, "B")])
    assert tags == ["B-A", "I-A", "O", "B-B"]
    assert bio_spans(tags) == [(0, 2, "A"), (3, 4, "B")]
    assert bio_spans(["O", "I-A", "I-A", "B-A", "I-B"]) == [(1, 3, "A"), (3, 4, "A"), (4, 5, "B")]


# -- what the model learns from ------------------------------------------------------------------

def test_finished_work_is_gold_of_adjudicated_documents_and_layers_marked_done(person_project):
    project = person_project
    adjudicated, done, unfinished = labelled_project(project, 3, annotator="kim")
    for span in project.spans(adjudicated, "kim"):  # lee agrees on the first document
        project.add_span(adjudicated, span.start, span.end, span.label, "lee", snap=False)
    project.set_status(adjudicated, "lee", "done")
    project.set_status(unfinished, "kim", "in_progress")
    project.add_span(adjudicated, 0, 2, "TECH", "gold", snap=False)
    project.mark_adjudicated(adjudicated)
    works = {w.doc_id: w for w in finished_work(project.store, project.schema)}
    assert set(works) == {adjudicated, done}
    assert works[adjudicated].complete == [[(0, 2, "TECH")]]  # gold alone speaks for it
    assert len(works[done].complete) == 1 and works[done].partial == []


def test_rejected_suggestions_in_unfinished_documents_teach_their_sentences_as_negatives(person_project):
    project = person_project
    (doc_id,) = labelled_project(project, 1, done=False)
    document = project.document(doc_id)
    line = document.text.split("\n")[2]
    start = document.text.index(line) + line.rindex(" ") + 1  # the last word, before the full stop
    end = start + len(line) - line.rindex(" ") - 2
    project.reject_suggestion(doc_id, Suggestion(start, end, "TECH", document.text[start:end]), "kim")
    (work,) = finished_work(project.store, project.schema)
    assert work.complete == [] and work.partial[0][1] == [(start, end, "TECH")]
    counts = Counter()
    tokens = tokens_of(document.text, project.morphemes(doc_id))
    training = labelled_document(doc_id, document.text, tokens, document_features(document.text, tokens), work, counts)
    assert counts["negative_sentences"] == 1 and len(training.sequences) == 1
    first, last, tags = training.sequences[0]
    assert document.text[tokens[first].start:tokens[last - 1].end] == line.rstrip()
    rejected = next(i for i, t in enumerate(tokens) if t.start == start)
    assert tags[rejected - first] == "O"  # the rejected span is taught as nothing
    assert "B-PERSON" in tags  # and the annotator's spans of the sentence as they are


def test_a_span_off_the_morpheme_edges_leaves_its_sentence_out_and_is_counted(person_project):
    project = person_project
    (doc_id,) = labelled_project(project, 1)
    text = project.document(doc_id).text
    project.add_span(doc_id, 0, 1, "TECH", "kim", snap=False)  # 정 of 정책: inside a token
    (work,) = finished_work(project.store, project.schema)
    counts = Counter()
    tokens = tokens_of(text, project.morphemes(doc_id))
    training = labelled_document(doc_id, text, tokens, document_features(text, tokens), work, counts)
    assert counts["misaligned_spans"] == 1 and counts["skipped_sentences"] == 1
    assert len(training.sequences) == text.count("\n") - 1


# -- training, files, gate, suggestions --------------------------------------------------------------

def test_training_needs_finished_documents(person_project):
    labelled_project(person_project, 1)
    with pytest.raises(ModelError, match="at least 2 finished documents"):
        person_project.train()


def test_a_trained_model_suggests_a_label_no_rule_knows_with_its_confidence(person_project):
    project = person_project
    labelled_project(project, 10)
    info = project.train()
    assert info.documents == 10 and info.folds == 5 and info.algorithm == "lbfgs"
    assert info.scores["PERSON"].training_spans == 40 and info.scores["PERSON"].f1 >= 0.9
    assert info.scores["BUDGET"].f1 is None and info.scores["BUDGET"].training_spans == 0
    # CRFsuite's own format and JSON beside it: nothing pickled
    assert (project.folder / MODEL_FILE).read_bytes()[:4] == b"lCRF"
    stored = json.loads((project.folder / META_FILE).read_text(encoding="utf-8"))
    assert stored["scores"]["PERSON"]["training_spans"] == 40 and stored["documents"] == 10
    assert project.model_info() == info
    assert "PERSON" in live_labels(project.schema, info)

    doc_id = store_document(project, "😀 이날 원주시의 홍석진 과장도 의견을 냈다.\n")
    text = project.document(doc_id).text
    person = [s for s in project.suggest(doc_id) if s.label == "PERSON"]
    assert [(s.start, s.end, s.text, s.source) for s in person] == [(text.index("홍석진"), text.index("홍석진") + 3,
                                                                     "홍석진", "model")]
    assert 0.5 < person[0].confidence <= 1.0
    assert person[0].to_json()["confidence"] == round(person[0].confidence, 4)


def test_where_a_rule_and_the_model_agree_there_is_one_suggestion(person_project):
    project = person_project
    labelled_project(project, 10)
    project.train()
    doc_id = store_document(project, "이날 원주시의 홍석진 과장도 의견을 냈다.\n")
    agency = [s for s in project.suggest(doc_id) if s.text == "원주시"]
    assert len(agency) == 1 and agency[0].source == "gazetteer" and agency[0].confidence > 0.5


def load_schema_text(text: str):
    return parse_schema(text, "project.toml")


def test_the_gate_shows_a_label_from_its_threshold_on():
    schema = load_schema_text(default_schema("\n[model]\nthreshold = 0.7\n[model.thresholds]\nTECH = 0.9\n"))
    info = ModelInfo("2026-01-01T00:00:00+00:00", 10, 10, 50, 900, 5, {
        "BUDGET": LabelScore(0.7, 0.7, 0.7, 30, 30), "AGENCY": LabelScore(0.69, 0.7, 0.68, 40, 40),
        "TECH": LabelScore(0.85, 0.9, 0.8, 20, 20), "PROGRAM": LabelScore(None, None, None, 0, 0)},
        1.0, "lbfgs", True)
    states = {s.label: (s.state, s.threshold) for s in label_states(schema, info)}
    assert states == {"BUDGET": ("live", 0.7), "AGENCY": ("below", 0.7), "TECH": ("below", 0.9),
                      "PROGRAM": ("untrained", 0.7)}
    assert live_labels(schema, None) == frozenset()


def test_a_label_without_model_among_its_recognisers_is_trained_but_never_suggested(tmp_path):
    project = Project.create(tmp_path / "off", schema_with_person(tmp_path, person=PERSON.replace('["model"]', "[]")))
    labelled_project(project, 10)
    info = project.train()
    assert info.scores["PERSON"].f1 >= 0.9  # measured, but switched off
    assert {s.label: s.state for s in label_states(project.schema, info)}["PERSON"] == "off"
    doc_id = store_document(project, "이날 원주시의 홍석진 과장도 의견을 냈다.\n")
    assert not [s for s in project.suggest(doc_id) if s.source == "model" or s.label == "PERSON"]
    project.close()


def test_a_model_replaced_halfway_is_not_read_until_its_description_matches(person_project):
    project = person_project
    labelled_project(project, 6)
    project.train()
    loaded = project.model_files.current()
    (project.folder / MODEL_FILE).write_bytes(b"lCRF broken")  # the model written, its description not yet
    (project.folder / META_FILE).touch()
    assert project.model_files.current() is loaded
    project.train()
    assert project.model_files.current() is not loaded


def test_an_in_memory_project_keeps_its_model_in_memory():
    project = Project.in_memory(parse_schema(default_schema() + PERSON))
    labelled_project(project, 4)
    info = project.train(folds=2)
    assert info.folds == 2 and project.model_info() == info and project.model_files.current() is not None


def test_retraining_is_due_after_every_n_finished_documents(tmp_path):
    project = Project.create(tmp_path / "due", schema_with_person(tmp_path, "\n[model]\nretrain_every = 3\n"))
    labelled_project(project, 2)
    assert not retraining_due(project, None)
    labelled_project(project, 1, seed=9)
    assert retraining_due(project, None)
    info = project.train()
    assert not retraining_due(project, info)
    labelled_project(project, 3, seed=11)
    assert retraining_due(project, info)
    project.close()


@pytest.mark.parametrize("setting, message", [
    ("threshold = 1.5", "threshold must be a number from 0 to 1"),
    ("folds = 1", "folds must be a whole number ≥ 2"),
    ("retrain_every = 0", "retrain_every must be a whole number ≥ 1"),
    ("speed = 3", "no setting 'speed'"),
    ("[model.thresholds]\nREGION = 0.5", "'REGION', which is not a label"),
])
def test_bad_model_settings_name_the_file_and_line(tmp_path, setting, message):
    path = tmp_path / "bad.toml"
    path.write_text(default_schema(f"\n[model]\n{setting}\n"), encoding="utf-8")
    with pytest.raises(ProjectError, match=message) as error:
        Project.create(tmp_path / "bad", path)
    assert f"{path}:" in str(error.value)


def test_the_default_schema_lists_the_model_for_every_label(project):
    assert all("model" in label.recognisers for label in project.schema.labels)
    assert project.schema.model.threshold == 0.7 and project.schema.model.random_share == 0.2


def test_training_in_a_child_process_reports_phases_and_writes_the_model(person_project):
    from annotator.core.jobs.training_job import train_in_child_process

    labelled_project(person_project, 6)
    phases = []
    info = train_in_child_process(person_project.folder, phase=phases.append)
    assert phases == ["reading", "scoring", "training"] and info.documents == 6
    assert person_project.model_info() == info


def test_stopping_a_training_leaves_no_model(person_project):
    from annotator.core.errors import AnnotatorError
    from annotator.core.jobs.training_job import train_in_child_process

    labelled_project(person_project, 6)
    with pytest.raises(AnnotatorError, match="stopped"):
        train_in_child_process(person_project.folder, cancelled=lambda: True)
    assert person_project.model_info() is None and not (person_project.folder / MODEL_FILE).exists()


def test_a_large_set_is_scored_on_a_held_out_sample_the_kept_model_never_saw(person_project, monkeypatch):
    from annotator.core.model import training

    monkeypatch.setattr(training, "LARGE_CHARACTERS", 100)
    labelled_project(person_project, 10)
    info = person_project.train()
    assert (info.algorithm, info.folds, info.counts["heldout_documents"]) == ("l2sgd", 1, 2)
    assert info.scores["PERSON"].training_spans == 32 and info.scores["PERSON"].heldout_spans == 8
    assert info.scores["PERSON"].f1 is not None


def test_a_model_span_overlapping_a_different_rule_span_gives_way_to_the_rule():
    from annotator.core.suggest.suggester import _agreeing_as_one

    rule = Suggestion(0, 3, "AGENCY", "김해시", {"canonical": "김해시"}, "gazetteer")
    same = Suggestion(10, 13, "PERSON", "하동민", {}, "learned")
    model = [Suggestion(0, 4, "AGENCY", "김해시가", {}, "model", 0.9),  # Kiwi left the particle glued
             Suggestion(10, 13, "PERSON", "하동민", {}, "model", 0.8),
             Suggestion(20, 23, "PERSON", "노지훈", {}, "model", 0.7)]
    merged = _agreeing_as_one([rule, same], model)
    assert [(s.text, s.source, s.confidence) for s in merged] == [
        ("김해시", "gazetteer", None), ("하동민", "learned", 0.8), ("노지훈", "model", 0.7)]


def test_a_damaged_model_description_counts_as_no_model_until_the_next_training(person_project):
    project = person_project
    labelled_project(project, 6)
    doc_id = store_document(project, "이날 원주시의 홍석진 과장도 의견을 냈다.\n")
    (project.folder / META_FILE).write_text('{"version": 1, "scores": ', encoding="utf-8")
    assert project.model_info() is None and project.model_files.current() is None
    assert all(s.source != "model" for s in project.suggest(doc_id))
    assert project.train().documents == 6 and project.model_info() is not None
