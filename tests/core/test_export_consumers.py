"""Exports read by the tools that consume them: spaCy's trainer and converter, Hugging Face datasets
and a WordPiece tokenizer running docs/training.md's recipes, the KLUE-baseline way of reading the
TSV, Prodigy's token conventions and brat's overlap rules."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.text.morphemes import TAGS

from ..conftest import ROOT
from .export_corpus import corpus_project, policy_sentences
from .export_fixtures import build_project, gold_by_uid
from .test_export import flat_expected

TRAINING_DOC = ROOT / "docs" / "training.md"
# The smallest network spaCy's efficiency config can be shrunk to: the test is about the data, not accuracy.
TINY_SPACY = ["--components.tok2vec.model.encode.width", "16", "--components.tok2vec.model.encode.depth", "1",
              "--components.tok2vec.model.embed.rows", "[200,50,50,50]", "--components.ner.model.hidden_width", "8",
              "--training.max_epochs", "2", "--training.max_steps", "0", "--training.eval_frequency", "20"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = build_project(tmp_path_factory.mktemp("consumers"))
    yield p
    p.close()


@pytest.fixture(scope="module")
def corpus():
    p = corpus_project(policy_sentences(24))
    yield p
    p.close()


def documented_shell_line(prefix: str) -> str:
    return next(line for line in TRAINING_DOC.read_text(encoding="utf-8").splitlines() if line.startswith(prefix))


def documented_function(name: str) -> str:
    """The source of ``def name`` as docs/training.md shows it, up to its ``return``."""
    text = TRAINING_DOC.read_text(encoding="utf-8")
    start = text.index(f"def {name}(")
    return text[start:text.index("    return ", start)] + "    return encoded\n"


# -- spaCy ---------------------------------------------------------------------------------------


def test_spacy_trains_two_epochs_on_the_morpheme_tokens_with_the_written_config(corpus, tmp_path, monkeypatch):
    spacy = pytest.importorskip("spacy")
    from spacy.util import load_config, resolve_dot_names

    monkeypatch.chdir(tmp_path)  # the documented paths are relative: exports/spacy, models/ner
    report = corpus.export("spacy", Path("exports/spacy"), split="60/20/20", seed=2)
    assert all(report.parts[part] for part in ("train", "dev", "test")), report.parts
    config = load_config(tmp_path / "exports" / "spacy" / "config.cfg", interpolate=True)
    assert config["corpora"]["train"]["gold_preproc"] is True and config["corpora"]["dev"]["gold_preproc"] is True
    assert config["paths"]["train"] == "exports/spacy/train" and config["paths"]["dev"] == "exports/spacy/dev"
    # With gold_preproc the examples spaCy trains on keep the exported morphemes (세종시 + 는), so
    # every entity ends on a token; spaCy's own tokenizer would give 세종시는.
    nlp = spacy.blank("xx")
    (train_corpus,) = resolve_dot_names(config, ["corpora.train"])
    examples = list(train_corpus(nlp))
    assert examples and all([t.text for t in eg.predicted] == [t.text for t in eg.reference] for eg in examples)
    assert any(t.text == "는" for eg in examples for t in eg.predicted)

    command = shlex.split(documented_shell_line("python -m spacy train"))
    result = subprocess.run([sys.executable, *command[1:], *TINY_SPACY], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    trained = spacy.load(tmp_path / "models" / "ner" / "model-last")
    assert set(trained.get_pipe("ner").labels) == {"AGENCY", "TECH", "BUDGET", "PROGRAM"}


# -- Hugging Face -------------------------------------------------------------------------------


def feature_types(value) -> set[str]:
    if isinstance(value, dict):
        found = {value["_type"]} if isinstance(value.get("_type"), str) else set()
        return found.union(*(feature_types(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(feature_types(v) for v in value))
    return set()


def tiny_wordpiece(folder: Path, rows):
    """A WordPiece tokenizer whose vocabulary is the characters of ``rows`` (no download)."""
    from transformers import BertTokenizerFast

    chars = sorted({c for row in rows for token in row["tokens"] for c in token})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *(f"##{c}" for c in chars)]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    return BertTokenizerFast(str(folder / "vocab.txt"), do_lower_case=False)


def test_hf_export_loads_in_every_reader_and_the_documented_alignment_holds(corpus, tmp_path):
    datasets = pytest.importorskip("datasets")
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "hf"
    report = corpus.export("hf", out, split="60/20/20", seed=2)
    data = datasets.load_from_disk(str(out))
    assert set(data) == {"train", "validation", "test"}
    assert sum(data[p].num_rows for p in data) == report.sentences
    # Only feature types datasets 2.x and 3.x know (4.x and later read them too).
    for info in out.rglob("dataset_info.json"):
        assert feature_types(json.loads(info.read_text(encoding="utf-8"))) == {"Value", "ClassLabel", "Sequence"}
    import pyarrow as pa

    for arrow in out.rglob("*.arrow"):
        with pa.memory_map(str(arrow)) as source:
            metadata = json.loads(pa.ipc.open_stream(source).schema.metadata[b"huggingface"])
        assert feature_types(metadata) == {"Value", "ClassLabel", "Sequence"}

    names = data["train"].features["ner_tags"].feature.names
    for part in data:
        frame = pandas.read_parquet(out / f"{part}.parquet")
        assert list(frame.columns) == ["id", "uid", "tokens", "ner_tags"]
        assert [list(tags) for tags in frame["ner_tags"]] == [[names[i] for i in row] for row in data[part]["ner_tags"]]
        assert pandas.read_json(out / f"{part}.json", lines=True)["tokens"].tolist() == data[part]["tokens"]
    # run_ner.py --train_file/--validation_file: load_dataset("json") and labels from the strings.
    plain = datasets.load_dataset("json", data_files={"train": str(out / "train.json"),
                                                      "validation": str(out / "validation.json")},
                                  cache_dir=str(tmp_path / "cache"))
    assert plain["validation"]["ner_tags"] == [[names[i] for i in row] for row in data["validation"]["ner_tags"]]
    via_card = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))  # the card's Parquet configs
    assert {part: via_card[part].num_rows for part in via_card} == {part: data[part].num_rows for part in data}

    pytest.importorskip("transformers")
    namespace = {"tokenizer": tiny_wordpiece(tmp_path, data["train"])}
    exec(documented_function("tokenize_and_align"), namespace)
    tokenized = data["train"].map(namespace["tokenize_and_align"], batched=True,
                                  remove_columns=data["train"].column_names)
    for row, encoded in zip(data["train"], tokenized):
        assert [label for label in encoded["labels"] if label != -100] == row["ner_tags"]  # one a word, in order


# -- KLUE ------------------------------------------------------------------------------------------

KLUE_TEMPLATES = [
    "<속보>\u00a0[행정안전부|AGENCY]/는\u3000올해 [디지털\u200b트윈|TECH] 사업/에\t국비 [48/억 원|BUDGET]/을 투입/한다/. "
    "\\ 표시 뒤 [세종시|AGENCY]/가\u2028[인공지능|TECH]/을 맡/는/다/.",
    "[대전시|AGENCY]\u200d/와 [교육부|AGENCY]/가 \ufeff<안내> [자율주행|TECH] 사업/을 연/다/.",
    "표시 [\u200b|TECH] 뿐/인 문장/.",  # a span of nothing but a zero-width space
]
_MARKUP = re.compile(r"\\(.)|<((?:\\.|[^\\<>])*):([A-Z]+)>|([^\\<>])|(.)", re.S)


def read_markup(markup: str) -> tuple[str, list[tuple[str, str]]]:
    """The plain sentence and its entities from a ``##`` markup line, with the documented escapes;
    an unescaped ``<`` or ``>`` outside an entity is an error."""
    plain, entities = [], []
    for match in _MARKUP.finditer(markup):
        escaped, inside, label, char, stray = match.groups()
        assert stray is None, f"unescaped {stray!r} in {markup!r}"
        if inside is not None:
            inside = re.sub(r"\\(.)", r"\1", inside)
            entities.append((inside, label))
            plain.append(inside)
        else:
            plain.append(escaped if escaped is not None else char)
    return "".join(plain), entities


def klue_baseline_alignment(path: Path, tokenizer):
    """What KLUE-baseline's ``KlueNERProcessor._create_examples`` does with a file (re-written from its
    description): per sentence, the character labels and how many characters the word pieces consumed."""
    for block in re.split(r"\n\t?\n", path.read_text(encoding="utf-8").strip()):
        sentence, labels = "", []
        for line in block.split("\n"):
            if line[:2] == "##":
                continue
            char, tag = line.split("\t")
            sentence += char
            if char != " ":
                labels.append(tag)
        consumed, aligned = 0, []
        for word in sentence.split(" "):
            pieces = tokenizer.tokenize(word)
            for piece in pieces:
                piece = piece.replace("##", "")
                if piece:
                    aligned.append(labels[consumed] if consumed < len(labels) else None)
                    consumed += len(piece)
        yield labels, aligned, consumed


def test_klue_characters_stay_aligned_for_the_klue_baseline_reader_and_markup_is_escaped(tmp_path):
    project = corpus_project(KLUE_TEMPLATES)
    report = project.export("klue", tmp_path / "out.tsv")
    lines = (tmp_path / "out.tsv").read_text(encoding="utf-8").split("\n")
    sentences = [line for line in lines if line.startswith("## ") and "\t" in line and "_" in line.split("\t")[0]]
    assert len(sentences) == report.sentences == 4
    assert [(note.text, note.reason) for note in report.dropped] == [
        ("\u200b", "only characters KLUE readers delete (control or zero-width)")]
    chars = [line.split("\t")[0] for line in lines if line and not line.startswith("##")]
    assert all(len(c) == 1 and (c == " " or not c.isspace()) and c not in "\u200b\u200d\ufeff" for c in chars)
    entities = []
    for line in sentences:
        plain, found = read_markup(line.split("\t", 1)[1])
        entities += found
    assert entities == [("행정안전부", "AGENCY"), ("디지털트윈", "TECH"), ("48억 원", "BUDGET"), ("세종시", "AGENCY"),
                        ("인공지능", "TECH"), ("대전시", "AGENCY"), ("교육부", "AGENCY"), ("자율주행", "TECH")]
    assert "\\<속보\\>" in sentences[0] and "\\\\ 표시" in sentences[1]
    pytest.importorskip("transformers")
    from transformers import BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(set(chars) - {" "}),
             *(f"##{c}" for c in sorted(set(chars) - {" "}))]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(str(tmp_path / "vocab.txt"), do_lower_case=False)
    for labels, aligned, consumed in klue_baseline_alignment(tmp_path / "out.tsv", tokenizer):
        assert consumed == len(labels) and aligned == labels  # each piece (one character here) on its own label


KLUE_BASELINE_LABELS = ["B-PS", "I-PS", "B-LC", "I-LC", "B-OG", "I-OG", "B-DT", "I-DT", "B-TI", "I-TI", "B-QT", "I-QT",
                        "O"]  # KlueNERProcessor.get_labels()


def test_klue_export_through_the_shipped_map_uses_only_klue_tags(tmp_path):
    project = corpus_project(policy_sentences(3))
    report = project.export("klue", tmp_path / "out.tsv", label_map=ROOT / "resources" / "label_maps" / "klue-types.toml")
    tags = {line.split("\t")[1] for line in (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("##")}
    assert tags <= set(KLUE_BASELINE_LABELS) and {"B-OG", "B-QT", "I-QT"} <= tags
    assert dict(report.unmapped) == {"TECH": 3, "PROGRAM": 3}


# -- CoNLL-2003 -------------------------------------------------------------------------------------


def test_conll2003_documents_are_what_spacy_convert_reads(project, tmp_path):
    pytest.importorskip("spacy")
    from spacy.training.converters import conll_ner_to_docs

    report = project.export("conll2003", tmp_path / "out.conll")
    written = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert written.startswith("-DOCSTART- -X- O O\n\n")
    docs = list(conll_ner_to_docs(written, no_print=True))  # what `spacy convert -c ner` runs
    assert len(docs) == report.documents == 4
    texts = {d.uid: d.text for d in project.documents()}
    gold = flat_expected(gold_by_uid(project), report)
    exported = [uid for uid in texts if uid in gold or texts[uid].startswith("오늘은")]
    for uid, doc in zip(exported, docs, strict=True):
        text = texts[uid]
        assert "".join(token.text for token in doc) == re.sub(r"\s", "", text)
        assert [(re.sub(r"\s", "", ent.text), ent.label_) for ent in doc.ents] == [
            (re.sub(r"\s", "", text[s:e]), label) for s, e, label in gold.get(uid, [])]
    tags = {token.tag_ for doc in docs for token in doc}
    assert {"NNP", "JX", "SF"} <= tags
    assert all(part in TAGS or part == "-X-" for tag in tags for part in tag.split("+"))


# -- Prodigy ----------------------------------------------------------------------------------------


def test_prodigy_tokens_rebuild_every_text_and_every_span_sits_on_tokens(project, tmp_path):
    spacy = pytest.importorskip("spacy")
    project.export("prodigy", tmp_path / "out.jsonl")
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    vocab = spacy.blank("xx").vocab
    for record in records:
        text, tokens = record["text"], record["tokens"]
        assert "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == text
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        assert all(text[t["start"]:t["end"]] == t["text"] for t in tokens)
        doc = spacy.tokens.Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == text  # how Prodigy's recipes rebuild a Doc from a task
        for span in record["spans"]:
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
            assert doc[span["token_start"]:span["token_end"] + 1].text == span["text"]
        if "\n" in text:
            assert any(t["text"].strip() == "" and "\n" in t["text"] for t in tokens)  # a whitespace token
    raw = next(s for r in records for s in r["spans"] if s["text"] == "전시")  # stored inside the token 대전시
    assert raw["token_end"] == raw["token_start"]


# -- brat -------------------------------------------------------------------------------------------


def brat_overlap_types(conf: str) -> set[str]:
    """The ``<OVL-TYPE>`` values of ``<OVERLAP>`` lines in an annotation.conf's [relations] section."""
    section, found = None, set()
    for line in conf.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "relations" and line.startswith("<OVERLAP>"):
            _, arguments = line.split("\t", 1)
            assert arguments.startswith("Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:")
            found |= set(arguments.rsplit(":", 1)[1].split("|"))
    return found


def brat_overlap_problems(folder: Path) -> list[str]:
    """brat's verifier rule: every pair of overlapping text-bound spans needs its kind of overlap
    (equal, contain, cross) allowed by annotation.conf."""
    allowed = brat_overlap_types((folder / "annotation.conf").read_text(encoding="utf-8"))
    problems = []
    for ann in folder.rglob("*.ann"):
        spans = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                where = line.split("\t")[1].split(" ", 1)[1]
                pieces = [tuple(map(int, piece.split())) for piece in where.split(";")]
                spans.append((pieces[0][0], pieces[-1][1]))
        for a in spans:
            for b in spans:
                if a is b or not (b[0] < a[1] and b[1] > a[0]):
                    continue
                kind = "equal" if a == b else "contain" if (a[0] <= b[0] and b[1] <= a[1]) or (
                    b[0] <= a[0] and a[1] <= b[1]) else "cross"
                if kind not in allowed and "<ANY>" not in allowed:
                    problems.append(f"{ann.name}: {a} {b} {kind}")
    return problems


def test_brat_annotation_conf_allows_the_overlaps_the_schema_allows(project, tmp_path):
    project.export("brat", tmp_path / "allow")  # the fixture's schema allows any overlap, and has one
    assert brat_overlap_types((tmp_path / "allow" / "annotation.conf").read_text(encoding="utf-8")) == {"<ANY>"}
    assert brat_overlap_problems(tmp_path / "allow") == []

    nested = corpus_project(["[스마트 항만 실증사업|PROGRAM] 착수/."], overlap="nested")
    [document] = nested.documents()
    nested.add_span(document.id, 0, 5, "TECH", "gold", snap=False)  # 스마트 항만, inside the programme
    nested.export("brat", tmp_path / "nested")
    assert brat_overlap_types((tmp_path / "nested" / "annotation.conf").read_text(encoding="utf-8")) == {"contain"}
    assert brat_overlap_problems(tmp_path / "nested") == []

    forbid = corpus_project(policy_sentences(2))
    forbid.export("brat", tmp_path / "forbid")
    conf = (tmp_path / "forbid" / "annotation.conf").read_text(encoding="utf-8")
    assert "<OVERLAP>" not in conf and conf.startswith("[entities]\nBUDGET\n")
    assert brat_overlap_problems(tmp_path / "forbid") == []


def test_parquet_rows_keep_their_tags_across_arrow_files_and_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from annotator.core.export.hf_files import write_parquet

    rows = pa.table({"id": ["a", "b", "c", "d", "e"], "uid": ["u"] * 5,
                     "tokens": [["x"], ["y", "z"], [], ["w"], ["q", "r", "s"]],
                     "ner_tags": [[1], [0, 2], [], [2], [1, 1, 0]]})
    files = []
    for number, part in enumerate((rows.slice(0, 3), rows.slice(3))):  # as save_to_disk shards a part
        files.append(tmp_path / f"data-{number:05d}-of-00002.arrow")
        with pa.OSFile(str(files[-1]), "wb") as sink, pa.ipc.new_stream(sink, rows.schema) as writer:
            for batch in part.to_batches(max_chunksize=2):
                writer.write_batch(batch)
    write_parquet(files, ["O", "B-TECH", "I-TECH"], tmp_path / "part.parquet")
    written = pq.read_table(tmp_path / "part.parquet")
    assert written.column("ner_tags").to_pylist() == [["B-TECH"], ["O", "I-TECH"], [], ["I-TECH"], ["B-TECH", "B-TECH", "O"]]
    assert written.column("tokens").to_pylist() == rows.column("tokens").to_pylist()
