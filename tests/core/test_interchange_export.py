"""The new export formats read by their real consumer (dkpro-cassis, spaCy's CoNLL-U converter) or a
strict reading of their published layout, and imported back: Label Studio, NIKL, Naver, CoNLL-U, XMI;
tag schemes; label maps."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

from annotator import Project
from annotator.core.export.label_studio import labeling_config
from annotator.core.label_map import parse_label_map
from annotator.core.paths import default_schema_path

from ..conftest import write
from .export_fixtures import build_project, gold_by_uid
from .test_export import entities_from_bio, flat_expected


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = build_project(tmp_path_factory.mktemp("interchange"))
    yield p
    p.close()


@pytest.fixture(scope="module")
def texts(project):
    return {d.uid: d.text for d in project.documents()}


def imported(tmp_path, path, fmt, **options):
    """A fresh project (overlaps allowed) with ``path`` imported as layer ``back``: {text: [(span text, label)]}."""
    schema = default_schema_path().read_text(encoding="utf-8").replace('overlap = "forbid"', 'overlap = "allow"')
    with Project.create(tmp_path / f"back-{fmt}", write(tmp_path / "schema.toml", schema)) as back:
        report = back.import_paths([path], fmt=fmt, annotator="back", **options)
        assert report.ok, [str(e) for e in report.rejected]
        return {d.text: sorted((s.text, s.label) for s in back.spans(d.id, "back")) for d in back.documents()}


def by_text(spans, texts):
    return {texts[uid]: sorted((texts[uid][s:e], label) for s, e, label in found) for uid, found in spans.items()}


def without_empty(found):
    return {text: spans for text, spans in found.items() if spans}


# -- Label Studio ----------------------------------------------------------------

RESULT_KEYS = {"id", "from_name", "to_name", "type", "value"}


@pytest.mark.parametrize("fmt, key", [("labelstudio", "annotations"), ("labelstudio-predictions", "predictions")])
def test_labelstudio_tasks_follow_the_task_format(project, tmp_path, texts, fmt, key):
    report = project.export(fmt, tmp_path / "tasks.json")
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    config = ElementTree.fromstring(labeling_config(project.schema.label_names, {}))
    allowed = {label.get("value") for label in config.iter("Label")}
    assert isinstance(tasks, list) and len(tasks) == report.documents == 4
    gold = gold_by_uid(project)
    for task in tasks:
        assert set(task) == {"data", key} and isinstance(task["data"]["text"], str)
        [layer] = task[key]
        assert ("model_version" in layer) == (key == "predictions")
        found = []
        for result in layer["result"]:
            assert set(result) == RESULT_KEYS and (result["from_name"], result["to_name"], result["type"]) == \
                (config.find("Labels").get("name"), config.find("Text").get("name"), "labels")
            value = result["value"]
            assert set(value) == {"start", "end", "text", "labels"} and len(value["labels"]) == 1
            assert task["data"]["text"][value["start"]:value["end"]] == value["text"]  # code points, after 😀🇰🇷
            assert value["labels"][0] in allowed
            found.append((value["start"], value["end"], value["labels"][0]))
        assert sorted(found) == gold.get(task["data"]["uid"], [])
    assert len({r["id"] for t in tasks for r in t[key][0]["result"]}) == report.spans


def test_labelstudio_round_trip_without_astral_characters(project, tmp_path, texts):
    project.export("labelstudio", tmp_path / "tasks.json")
    back = imported(tmp_path, tmp_path / "tasks.json", "labelstudio")
    expected = by_text(gold_by_uid(project), texts)
    assert len(back) == 4 and all(spans == expected.get(t, []) for t, spans in back.items() if "😀" not in t)


def test_labelstudio_round_trip_after_emoji(project, tmp_path, texts):
    project.export("labelstudio", tmp_path / "tasks.json")
    back = imported(tmp_path, tmp_path / "tasks.json", "labelstudio")
    emoji = next(t for t in back if "😀" in t)
    assert back[emoji] == by_text(gold_by_uid(project), texts)[emoji]


# -- NIKL ----------------------------------------------------------------------


def test_nikl_json_layout_labels_and_round_trip(project, tmp_path, texts):
    report = project.export("nikl", tmp_path / "ne.json")
    corpus = json.loads((tmp_path / "ne.json").read_text(encoding="utf-8"))
    assert set(corpus) == {"id", "metadata", "document"} and len(corpus["document"]) == report.documents
    labels = set()
    for document in corpus["document"]:
        assert set(document) == {"id", "metadata", "sentence"} and document["sentence"]
        for sentence in document["sentence"]:
            form = sentence["form"]
            assert set(sentence) == {"id", "form", "word", "NE"} and form == form.strip()
            assert [w["form"] for w in sentence["word"]] == form.split()
            for word in sentence["word"]:
                assert form[word["begin"]:word["end"]] == word["form"]
            for entity in sentence["NE"]:
                assert set(entity) == {"id", "form", "label", "begin", "end"}
                assert form[entity["begin"]:entity["end"]] == entity["form"]
                labels.add(entity["label"])
    assert labels == {"OGG_POLITICS", "QT_PRICE", "TMI_SW", "TMI_PROJECT"}  # the built-in map, exported
    char_level = project.export("klue", tmp_path / "k.tsv")  # the same flattening, labels unmapped
    expected = by_text(flat_expected(gold_by_uid(project), char_level), texts)
    back = without_empty(imported(tmp_path, tmp_path / "ne.json", "nikl"))  # the built-in map, read back
    assert sorted(s for spans in back.values() for s in spans) == \
        sorted(s for spans in expected.values() for s in spans)
    unlabelled = "오늘은 특별한 발표가 없었다.\n다음 주에 다시 확인한다."  # its two sentences, a line each
    assert unlabelled in imported(tmp_path / "again", tmp_path / "ne.json", "nikl")


# -- Naver and KLUE: eojeols and characters, on spans snapped to morphemes -------------

SENTENCES = {
    "원주시가 국비 120억 원을 확보했다.": [("원주시", "AGENCY"), ("120억 원", "BUDGET")],
    "과기정통부는 디지털트윈 융합 사업에 착수했다.": [("과기정통부", "AGENCY"), ("디지털트윈", "TECH")],
    "‘ICT 지역재창조 프로젝트’를 발표했다.": [("ICT 지역재창조 프로젝트", "PROGRAM")],
}


@pytest.fixture(scope="module")
def snapped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snapped")
    path = write(folder / "s.jsonl", "\n".join(json.dumps({"text": text}, ensure_ascii=False) for text in SENTENCES))
    p = Project.create(folder / "proj")
    assert p.import_paths([path]).ok
    for doc in p.documents():
        for word, label in SENTENCES[doc.text]:
            start = doc.text.index(word)
            span = p.add_span(doc.id, start, start + len(word), label, "gold", snap=True)
            assert span.text == word
        p.set_status(doc.id, "gold", "adjudicated")
    yield p
    p.close()


@pytest.mark.parametrize("scheme", ["bio", "iobes", "bilou"])
def test_naver_eojeol_lines_widened_spans_and_round_trip(snapped, tmp_path, scheme):
    report = snapped.export("naver", tmp_path / "naver.tsv", scheme=scheme)
    blocks = (tmp_path / "naver.tsv").read_text(encoding="utf-8").split("\n\n")
    assert blocks[-1] == "" and len(blocks) - 1 == report.sentences == 3
    tags = []
    for block in blocks[:-1]:
        rows = [line.split("\t") for line in block.split("\n")]
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
        assert all(len(r) == 3 and r[1] and not re.search(r"\s", r[1]) for r in rows)
        tags.append([r[2] for r in rows])
        assert " ".join(r[1] for r in rows) in SENTENCES
    allowed = {"bio": "BI", "iobes": "BIES", "bilou": "BILU"}[scheme]
    assert all(re.fullmatch(rf"-|[A-Z]+_[{allowed}]", t) for row in tags for t in row)
    assert ["원주시가" in n.reason for n in report.widened].count(True) == 1  # particles come along
    assert imported(tmp_path, tmp_path / "naver.tsv", "naver") == {t: sorted(s) for t, s in SENTENCES.items()}


@pytest.mark.parametrize("scheme", ["iobes", "bilou"])
def test_klue_schemes_round_trip(snapped, tmp_path, scheme):
    snapped.export("klue", tmp_path / "k.tsv", scheme=scheme)
    lines = [line for line in (tmp_path / "k.tsv").read_text(encoding="utf-8").split("\n") if "\t" in line
             and not line.startswith("##")]
    last = "E" if scheme == "iobes" else "L"
    assert {line.split("\t")[1][0] for line in lines} == {"O", "B", "I", last}  # no one-character entity here
    assert imported(tmp_path, tmp_path / "k.tsv", "klue") == {t: sorted(s) for t, s in SENTENCES.items()}


def test_tag_schemes_mark_entities_alike(project, tmp_path):
    runs = {}
    for scheme in ("bio", "iobes", "bilou"):
        project.export("conll", tmp_path / f"{scheme}.conll", scheme=scheme)
        items = [tuple(line.split("\t")) for line in (tmp_path / f"{scheme}.conll").read_text(encoding="utf-8")
                 .splitlines() if "\t" in line and not line.startswith("-DOCSTART-")]
        runs[scheme] = items
    bio = entities_from_bio(runs["bio"])
    for scheme, (single, last) in (("iobes", "SE"), ("bilou", "UL")):
        for (start, end, label) in bio:
            tags = [tag for _, tag in runs[scheme][start:end]]
            expected = [f"{single}-{label}"] if end - start == 1 else \
                [f"B-{label}"] + [f"I-{label}"] * (end - start - 2) + [f"{last}-{label}"]
            assert tags == expected
    with pytest.raises(Exception, match="--scheme applies to the tagged formats"):
        project.export("jsonl", tmp_path / "x.jsonl", scheme="iobes")


def test_hf_tag_names_follow_the_scheme(project, tmp_path):
    datasets = pytest.importorskip("datasets")
    project.export("hf", tmp_path / "hf", scheme="iobes")
    names = datasets.load_from_disk(str(tmp_path / "hf"))["train"].features["ner_tags"].feature.names
    assert names[:5] == ["O", "B-BUDGET", "I-BUDGET", "E-BUDGET", "S-BUDGET"]


# -- CoNLL-U ------------------------------------------------------------------------


def strict_conllu(text: str) -> list[dict]:
    """Sentences of a CoNLL-U file, checked against the format's rules (universaldependencies.org/format)."""
    assert text.endswith("\n\n") and "\r" not in text
    sentences, ids = [], set()
    for block in text[:-2].split("\n\n"):
        comments = dict(line[2:].partition(" = ")[::2] for line in block.split("\n") if line.startswith("# "))
        rows = [line.split("\t") for line in block.split("\n") if not line.startswith("#")]
        assert comments["sent_id"] not in ids and comments["text"]
        ids.add(comments["sent_id"])
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
        rebuilt = ""
        for row in rows:
            assert len(row) == 10 and all(row), row
            assert all(" " not in field for i, field in enumerate(row) if i not in (1, 2, 9))
            assert row[6] == "_" or row[6].isdigit()
            misc = dict(item.split("=", 1) for item in row[9].split("|"))
            rebuilt += row[1] + ("" if misc.get("SpaceAfter") == "No" else " ")
        assert rebuilt.strip() == re.sub(r"\s+", " ", comments["text"]).strip() or "SpacesAfter" in block
        sentences.append({"comments": comments, "rows": rows})
    return sentences


def test_conllu_is_valid_read_by_spacy_and_round_trips_exactly(project, tmp_path, texts):
    report = project.export("conllu", tmp_path / "out.conllu")
    text = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    sentences = strict_conllu(text)
    assert len(sentences) == report.sentences and text.count("# newdoc id = ") == report.documents
    from spacy.training.converters import conllu_to_docs

    docs = list(conllu_to_docs(text, n_sents=1, no_print=True))
    spacy_entities = sorted((e.text, e.label_) for doc in docs for e in doc.ents)
    expected = by_text(flat_expected(gold_by_uid(project), report), texts)
    # spaCy's Doc has one space where the text had a line break
    assert spacy_entities == sorted((re.sub(r"\s+", " ", t), label) for spans in expected.values() for t, label in spans)
    back = imported(tmp_path, tmp_path / "out.conllu", "conllu")
    exported = {texts[uid] for uid in gold_by_uid(project)} | {t for t in texts.values() if "발표가 없었다" in t}
    assert set(back) == exported  # the texts come back exactly, line breaks and emoji included
    assert without_empty(back) == without_empty(expected)


# -- XMI (INCEpTION) ------------------------------------------------------------------


def test_xmi_loads_in_cassis_with_utf16_offsets_and_round_trips(project, tmp_path, texts):
    import cassis

    report = project.export("xmi", tmp_path / "xmi", split="50/50", seed=1)
    gold = gold_by_uid(project)
    found = {}
    for part in ("train", "test"):
        with open(tmp_path / "xmi" / part / "TypeSystem.xml", "rb") as handle:
            type_system = cassis.load_typesystem(handle)
        for path in sorted((tmp_path / "xmi" / part).glob("*.xmi")):
            with open(path, "rb") as handle:
                cas = cassis.load_cas_from_xmi(handle, typesystem=type_system)
            [meta] = cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")
            assert cas.sofa_string == texts[meta.documentId] and path.stem == meta.documentId
            entities = cas.select("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
            assert all(e.get_covered_text() == cas.sofa_string[e.begin:e.end] for e in entities)
            found[meta.documentId] = sorted((e.begin, e.end, e.value) for e in entities)
            tokens = cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
            assert tokens and all(not t.get_covered_text().isspace() for t in tokens)
            assert cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence")
            if "😀" in cas.sofa_string:
                raw = path.read_text(encoding="utf-8")
                first = found[meta.documentId][0]
                assert f'begin="{first[0] + 3}"' in raw  # UIMA's UTF-16 units on disk
    assert {uid: spans for uid, spans in found.items() if spans} == gold and report.dropped == []
    back = imported(tmp_path, tmp_path / "xmi", "xmi")
    assert without_empty(back) == by_text(gold, texts)  # overlaps too


# -- label maps on export --------------------------------------------------------------


def test_export_label_map_renames_and_leaves_out(project, tmp_path):
    label_map = parse_label_map('export_unmapped = "drop"\n[export]\nAGENCY = "OG"\nBUDGET = "QT"\n', "klue.toml")
    report = project.export("klue", tmp_path / "k.tsv", label_map=label_map)
    tags = {line.split("\t")[1] for line in (tmp_path / "k.tsv").read_text(encoding="utf-8").splitlines()
            if "\t" in line and not line.startswith("##")}
    assert tags == {"O", "B-OG", "I-OG", "B-QT", "I-QT"}
    assert report.unmapped == {"TECH": 3, "PROGRAM": 2} and set(report.spans_by_label) == {"OG", "QT"}
