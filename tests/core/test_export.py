"""Every export format read back by the library or reader that consumes it."""

from __future__ import annotations

import json
import re
import threading

import pytest

from annotator import Project
from annotator.core.export import ExportCancelled, Split
from annotator.core.export.json_lines import MasterWriter

from .export_fixtures import build_project, gold_by_uid
from ..engines import ENGINES, database_for


@pytest.fixture(scope="module", params=ENGINES)
def project(request, tmp_path_factory):
    """The export project, on SQLite and on PostgreSQL."""
    p = build_project(tmp_path_factory.mktemp("export"), server=database_for(request, request.param))
    yield p
    p.close()


@pytest.fixture(scope="module")
def texts(project):
    return {d.uid: d.text for d in project.documents()}


def flat_expected(gold, report):
    """Gold spans as a flat format writes them: minus those reported dropped, changed ones moved."""
    dropped = {(n.uid, n.start, n.end, n.label) for n in report.dropped}
    moved = {(n.uid, n.start, n.end): n.exported_as for n in report.widened}
    return {uid: sorted((*moved.get((uid, s, e), (s, e)), label) for s, e, label in spans
                        if (uid, s, e, label) not in dropped)
            for uid, spans in gold.items()}


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def entities_from_bio(items):
    """(start index, end index, label) runs from a sequence of (unit, tag)."""
    found, current = [], None
    for index, (_, tag) in enumerate(items):
        if tag.startswith("B-") or tag == "O" or (current and tag[2:] != current[2]):
            if current:
                found.append(tuple(current))
            current = [index, index + 1, tag[2:]] if tag != "O" else None
        else:
            current[1] = index + 1
    if current:
        found.append(tuple(current))
    return found


# -- jsonl ---------------------------------------------------------------------


def test_jsonl_master_lines(project, tmp_path, texts):
    report = project.export("jsonl", tmp_path / "out.jsonl")
    lines = read_jsonl(tmp_path / "out.jsonl")
    gold = gold_by_uid(project)
    assert report.documents == len(lines) == 4 and report.skipped_unannotated == 1
    assert report.dropped == [] and report.spans == sum(len(v) for v in gold.values())
    for line in lines:
        assert set(line) == {"id", "uid", "title", "text", "spans", "meta"}
        assert line["text"] == texts[line["uid"]]
        for span in line["spans"]:
            assert line["text"][span["start"]:span["end"]] == span["text"]
        assert sorted((s["start"], s["end"], s["label"]) for s in line["spans"]) == gold.get(line["uid"], [])
    budget = next(s for line in lines for s in line["spans"] if s["text"] == "35억 원")
    assert budget["amount"] == "3500000000" and budget["currency"] == "KRW"


def test_source_and_status_filters(project, tmp_path):
    report = project.export("jsonl", tmp_path / "kim.jsonl", source="kim")
    lines = read_jsonl(tmp_path / "kim.jsonl")
    assert [s["text"] for line in lines for s in line["spans"]] == ["세종시", "대전시"]
    assert report.status == "all" and (report.finished, report.unfinished) == (1, 1)  # a layer as it stands
    report = project.export("jsonl", tmp_path / "kim-done.jsonl", source="kim", status="done")
    assert [s["text"] for line in read_jsonl(tmp_path / "kim-done.jsonl") for s in line["spans"]] == ["대전시"]
    assert (report.skipped_status, report.skipped_unannotated) == (1, 3)
    with pytest.raises(Exception, match="no layer 'nobody'"):
        project.export("jsonl", tmp_path / "x.jsonl", source="nobody")
    assert not (tmp_path / "x.jsonl").exists()


def test_gold_export_takes_adjudicated_documents_unless_told_otherwise(tmp_path):
    """Review merges agreed spans into gold before the reviewer decides; those documents wait."""
    project = build_project(tmp_path)
    [waiting] = [d for d in project.documents() if d.source.endswith("c_unlabelled.txt")]
    project.add_span(waiting.id, 0, 2, "AGENCY", "gold", snap=False)  # merged in review, not adjudicated
    report = project.export("jsonl", tmp_path / "gold.jsonl")
    assert report.status == "done" and (report.documents, report.finished, report.unfinished) == (4, 4, 0)
    assert (report.skipped_status, report.skipped_unannotated) == (1, 0)
    assert waiting.uid not in {line["uid"] for line in read_jsonl(tmp_path / "gold.jsonl")}
    report = project.export("jsonl", tmp_path / "all.jsonl", status="all")
    assert (report.documents, report.finished, report.unfinished, report.skipped_status) == (5, 4, 1, 0)
    assert waiting.uid in {line["uid"] for line in read_jsonl(tmp_path / "all.jsonl")}
    assert report.as_dict()["unfinished"] == 1
    project.close()


# -- KLUE ---------------------------------------------------------------------------


def parse_klue(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    assert all(line.startswith("## ") for line in lines[:5]) and lines[4] == "## 컬럼명 : CHAR\tNE_TAG"
    sentences, current = [], None
    for line in lines[5:]:
        if line.startswith("## "):
            sentence_id, markup = line[3:].split("\t", 1)
            current = {"id": sentence_id, "markup": markup, "chars": []}
        elif line == "":
            if current:
                sentences.append(current)
            current = None
        else:
            char, tag = line.split("\t")
            assert len(char) == 1
            current["chars"].append((char, tag))
    return sentences


def test_klue_header_markup_agrees_with_char_tags(project, tmp_path, texts):
    report = project.export("klue", tmp_path / "out.tsv")
    sentences = parse_klue(tmp_path / "out.tsv")
    assert len(sentences) == report.sentences and report.sentences_joined == 2
    entities: dict[str, list] = {}
    by_document: dict[str, list[str]] = {}
    for sentence in sentences:
        chars = sentence["chars"]
        plain = "".join(c for c, _ in chars)
        markup, position = [], 0
        for start, end, label in entities_from_bio(chars):
            markup += [plain[position:start], f"<{plain[start:end]}:{label}>"]
            position = end
        assert "".join(markup) + plain[position:] == sentence["markup"]
        uid = sentence["id"].rsplit("_", 1)[0]
        by_document.setdefault(uid, []).append(plain)
        entities.setdefault(uid, []).extend((plain[s:e], label) for s, e, label in entities_from_bio(chars))
    gold = flat_expected(gold_by_uid(project), report)
    for uid, plains in by_document.items():
        text = texts[uid]
        # Sentences are, in order, the text without the whitespace between them (line breaks inside one as spaces).
        assert re.sub(r"\s", "", "".join(plains)) == re.sub(r"\s", "", text)
        assert entities[uid] == [(text[s:e].replace("\n", " "), label) for s, e, label in gold.get(uid, [])]
    assert [(n.text, n.label) for n in report.dropped] == [("인공지능", "TECH")]
    crossing = next(s for s in sentences if "부산항만공사" in s["markup"])
    assert "<실증사업. 부산항만공사:PROGRAM>" in crossing["markup"]  # one sentence, span not cut
    space_line = next(c for s in sentences for c in s["chars"] if c[0] == " ")
    assert space_line == (" ", "O")


# -- CoNLL -----------------------------------------------------------------------------


def parse_conll(path):
    documents, sentence = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line == "-DOCSTART-\tO":
            documents.append([])
        elif line == "":
            if sentence:
                documents[-1].append(sentence)
            sentence = []
        else:
            token, tag = line.split("\t")
            sentence.append((token, tag))
    return documents


def test_conll_tokens_rebuild_the_text(project, tmp_path, texts):
    report = project.export("conll", tmp_path / "out.conll")
    documents = parse_conll(tmp_path / "out.conll")
    gold = flat_expected(gold_by_uid(project), report)
    # 전시, stored inside Kiwi's token 대전시, is written as it is: the token is cut at its edge.
    assert report.widened == [] and report.tokens_split == 1
    lines = [pair for sentence in parse_conll(tmp_path / "out.conll")[1] for pair in sentence]
    assert [("대", "O"), ("전시", "B-AGENCY")] in [lines[i:i + 2] for i in range(len(lines))]
    exported_uids = [uid for uid in texts if uid in gold or texts[uid].startswith("오늘은")]
    assert len(documents) == len(exported_uids) == report.documents
    for uid, sentences in zip(exported_uids, documents):
        text = texts[uid]
        offsets, position, rebuilt = [], 0, []
        for sentence in sentences:
            for token, _ in sentence:
                start = text.index(token, position)
                assert text[position:start].strip() == "", "a character was skipped"
                rebuilt.append(text[position:start] + token)
                offsets.append((start, start + len(token)))
                position = start + len(token)
        assert "".join(rebuilt) + text[position:] == text  # tokens + original spacing = the text
        tags = [(None, tag) for sentence in sentences for _, tag in sentence]
        found = [(offsets[s][0], offsets[e - 1][1], label) for s, e, label in entities_from_bio(tags)]
        assert found == gold.get(uid, [])


# -- spaCy --------------------------------------------------------------------------------


def test_spacy_docbin_entities_equal_spans(project, tmp_path, texts, monkeypatch):
    spacy = pytest.importorskip("spacy")
    from spacy.training import Corpus

    from annotator.core.export import docbin

    monkeypatch.setattr(docbin, "TOKENS_PER_FILE", 60)  # several files, as a large corpus gets
    report = project.export("spacy", tmp_path / "spacy")
    files = sorted(p.name for p in (tmp_path / "spacy").glob("*.spacy"))
    assert len(files) > 1 and files[0] == "0000.spacy"
    nlp = spacy.blank("xx")
    docs = [example.reference for example in Corpus(tmp_path / "spacy")(nlp)]  # what spacy train reads
    assert len(docs) == report.documents == 4
    gold = flat_expected(gold_by_uid(project), report)
    for doc in docs:
        uid = doc.user_data["uid"]
        assert doc.text == texts[uid]
        assert [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] == gold.get(uid, [])
        assert len(list(doc.sents)) >= 2


# -- Hugging Face ---------------------------------------------------------------------------


def test_hf_dataset_loads_with_class_labels_and_a_card(project, tmp_path, texts):
    datasets = pytest.importorskip("datasets")
    report = project.export("hf", tmp_path / "hf", split="80/10/10", seed=3)
    data = datasets.load_from_disk(str(tmp_path / "hf"))
    assert set(data) == {"train", "validation", "test"}
    names = data["train"].features["ner_tags"].feature.names
    assert names == ["O", "B-BUDGET", "I-BUDGET", "B-AGENCY", "I-AGENCY", "B-TECH", "I-TECH", "B-PROGRAM", "I-PROGRAM"]
    rows = [row for part in data.values() for row in part]
    assert len(rows) == report.sentences and sum(data[p].num_rows for p in data) == report.sentences
    assert {row["uid"] for row in rows} == {uid for uid in texts if uid in gold_by_uid(project) or
                                             texts[uid].startswith("오늘은")}
    for row in rows:
        assert len(row["tokens"]) == len(row["ner_tags"]) > 0
        assert "".join(row["tokens"]) in re.sub(r"\s", "", texts[row["uid"]])
    tags = [[names[i] for i in row["ner_tags"]] for row in rows]
    entities = [" ".join(row["tokens"][s:e]) for row, t in zip(rows, tags)
                for s, e, _ in entities_from_bio([(None, x) for x in t])]
    assert "35 억 원" in entities and "인공지능 반도체" in entities and "인공지능" not in entities
    card = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert "B-PROGRAM" in card and "seed 3" in card and project.name in card
    manifest = json.loads((tmp_path / "hf" / "export.json").read_text(encoding="utf-8"))
    assert manifest["parts"] == dict(report.parts) and sum(manifest["parts"].values()) == 4
    project.export("hf", tmp_path / "hf-single")  # without a split: a DatasetDict too, all rows in train
    single = datasets.load_from_disk(str(tmp_path / "hf-single"))
    assert list(single) == ["train"] and single["train"].num_rows == report.sentences
    assert single["train"].features == data["train"].features
    with pytest.raises(ExportCancelled):
        project.export("hf", tmp_path / "hf-cancelled", cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hf", "hf-single"]


# -- doccano and Prodigy: round trip through our importer -------------------------------------


@pytest.mark.parametrize("fmt", ["doccano", "prodigy", "jsonl"])
def test_round_trip_through_import(project, tmp_path, fmt):
    project.export(fmt, tmp_path / f"out.{fmt}.jsonl")
    lines = read_jsonl(tmp_path / f"out.{fmt}.jsonl")
    emoji_line = next(line for line in lines if line["text"].startswith("😀"))
    if fmt == "doccano":  # JavaScript counts 😀 and 🇰🇷 as 2 + 4 units
        assert emoji_line["label"][0][:2] == [4 + 3, 9 + 3]
    if fmt == "prodigy":
        tokens = emoji_line["tokens"]
        assert all(emoji_line["text"][t["start"]:t["end"]] == t["text"] for t in tokens)
        agency = emoji_line["spans"][0]
        assert tokens[agency["token_start"]]["start"] == agency["start"]
        assert tokens[agency["token_end"]]["end"] == agency["end"]
    fresh = Project.create(tmp_path / "fresh", project.folder / "project.toml")
    report = fresh.import_paths([tmp_path / f"out.{fmt}.jsonl"], fmt=fmt, annotator="back")
    assert report.ok, report.rejected
    assert gold_by_uid(fresh, "back") == gold_by_uid(project)
    fresh.close()


# -- brat -----------------------------------------------------------------------------------


def test_brat_offsets_index_the_txt(project, tmp_path, texts):
    report = project.export("brat", tmp_path / "brat")
    folder = tmp_path / "brat"
    gold = gold_by_uid(project)
    assert (folder / "annotation.conf").read_text(encoding="utf-8").startswith("[entities]\nBUDGET\n")
    assert "AGENCY\tbgColor:#" in (folder / "visual.conf").read_text(encoding="utf-8")
    for uid, spans in gold.items():
        text = (folder / f"{uid}.txt").read_bytes().decode("utf-8")
        assert text == texts[uid]
        found = []
        for line in (folder / f"{uid}.ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                assert line.startswith("#") and "AnnotatorNotes" in line
                continue
            _, middle, shown = line.split("\t")
            label, where = middle.split(" ", 1)
            pieces = [tuple(map(int, piece.split())) for piece in where.split(";")]
            assert shown == " ".join(text[s:e] for s, e in pieces)
            found.append((pieces[0][0], pieces[-1][1], label))
        assert sorted(found) == spans
    [fragmented] = report.fragmented
    assert fragmented.text == "맡았다.\n새 플랫폼"
    assert {p.name for p in folder.iterdir()} >= {"annotation.conf", "visual.conf", "export.json"}


# -- splits -----------------------------------------------------------------------------


def test_split_files_hold_every_document_once_and_stay_put(project, tmp_path):
    report = project.export("jsonl", tmp_path / "split", split="34/33/33", seed=5)
    parts = {name: [line["uid"] for line in read_jsonl(tmp_path / "split" / f"{name}.jsonl")]
             for name in ("train", "dev", "test")}
    uids = [uid for part in parts.values() for uid in part]
    assert sorted(uids) == sorted(set(uids)) and len(uids) == report.documents
    split = Split.parse("34/33/33", seed=5)
    assert all(split.part(uid) == name for name, part in parts.items() for uid in part)
    again = project.export("jsonl", tmp_path / "split", split="34/33/33", seed=5)  # replaces the earlier export
    assert again.parts == report.parts
    project.export("brat", tmp_path / "brat-split", split="34/33/33", seed=5)
    for name, uids_in_part in parts.items():
        assert sorted(p.stem for p in (tmp_path / "brat-split" / name).glob("*.txt")) == sorted(uids_in_part)


def test_adding_documents_keeps_earlier_parts(tmp_path):
    project = Project.in_memory()
    from annotator.core.text.morphemes import pack_morphemes, pack_sentences
    from annotator.core.records import SpanDraft, Status
    from annotator.core.operations import AddSpans
    from annotator.core.text.normalize import document_uid

    def add_documents(numbers):
        with project.store.transaction():
            for n in numbers:
                text = f"문서 {n} 기관"
                doc_id = project.store.insert_document(
                    uid=document_uid(text), title="", text=text, raw=None, meta={}, source="", encoding="utf-8",
                    morphemes=pack_morphemes([]), sentences=pack_sentences([(0, len(text))]))
                AddSpans([SpanDraft(doc_id, "gold", len(text) - 2, len(text), "AGENCY")]).run(project.store)
                project.store.write_status(Status(doc_id, "gold", "adjudicated"))

    add_documents(range(60))
    project.export("jsonl", tmp_path / "before", split="80/10/10", seed=1)
    add_documents(range(60, 200))
    project.export("jsonl", tmp_path / "after", split="80/10/10", seed=1)
    for name in ("train", "dev", "test"):
        before = {line["uid"] for line in read_jsonl(tmp_path / "before" / f"{name}.jsonl")}
        after = {line["uid"] for line in read_jsonl(tmp_path / "after" / f"{name}.jsonl")}
        assert before <= after
    project.close()


# -- atomic output, cancellation, progress ------------------------------------------------


def test_a_failed_export_leaves_nothing(project, tmp_path, monkeypatch):
    (tmp_path / "out.jsonl").write_text("earlier export\n", encoding="utf-8")
    calls = []

    def failing_write(self, part, document, flat):
        calls.append(document.uid)
        if len(calls) % 2 == 0:
            raise RuntimeError("disk full")
        self.put(part, "partial line\n")

    monkeypatch.setattr(MasterWriter, "write", failing_write)
    with pytest.raises(RuntimeError, match="disk full"):
        project.export("jsonl", tmp_path / "out.jsonl")
    with pytest.raises(RuntimeError, match="disk full"):
        project.export("jsonl", tmp_path / "new.jsonl")
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_cancel_and_progress_from_a_worker_thread(project, tmp_path):
    seen = []
    worker = threading.Thread(target=project.export, args=("conll", tmp_path / "a.conll"),
                              kwargs={"progress": lambda done, total: seen.append((done, total))})
    worker.start()
    worker.join()
    assert (tmp_path / "a.conll").is_file()
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    stop = threading.Event()
    stop.set()
    with pytest.raises(ExportCancelled):
        project.export("brat", tmp_path / "cancelled", cancelled=stop)
    with pytest.raises(ExportCancelled):
        project.export("klue", tmp_path / "cancelled.tsv", cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.conll"]


def test_refuses_to_replace_a_folder_that_is_not_an_export(project, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(Exception, match="not an earlier export"):
        project.export("brat", tmp_path / "mine")
    with pytest.raises(Exception, match="is a folder"):
        project.export("jsonl", tmp_path / "mine")
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_an_export_with_no_documents_writes_nothing(tmp_path):
    from .export_corpus import corpus_project

    project = corpus_project(["표시가 없는 기사/이다/."], adjudicated=False)
    (tmp_path / "out.jsonl").write_text("earlier export\n", encoding="utf-8")
    for fmt, out in (("jsonl", tmp_path / "out.jsonl"), ("brat", tmp_path / "brat"), ("hf", tmp_path / "hf")):
        report = project.export(fmt, out)
        assert report.documents == 0 and report.skipped_unannotated == 1
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    project.close()

