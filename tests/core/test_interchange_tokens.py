"""Token-based exports keep every span's edges: Kiwi tokens are cut at span edges, never widened
(issue 25), and the files are read right by the tools that consume them."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from .export_corpus import corpus_project

# 대전광역시도 is one stored morpheme; the gold span is 대전광역시, raw, inside it.
TEMPLATES = ["대전광역시도/는 [인공지능|TECH] 사업/에 [3/억 원|BUDGET]/을 쓴/다/. [세종시|AGENCY]/도 참여/한/다/."]


@pytest.fixture(scope="module")
def inside_a_token():
    project = corpus_project(TEMPLATES)
    [document] = project.documents()
    project.add_span(document.id, 0, 5, "AGENCY", "gold", snap=False)
    yield project
    project.close()


def conll_pairs(path, token_column=0):
    return [(line.split()[token_column], line.split()[-1]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith(("-DOCSTART-", "#"))]


@pytest.mark.parametrize("fmt", ["conll", "conll2003", "conllu"])
def test_text_token_formats_cut_the_token_at_the_span_edge(inside_a_token, tmp_path, fmt):
    report = inside_a_token.export(fmt, tmp_path / "out")
    pairs = conll_pairs(tmp_path / "out", 1 if fmt == "conllu" else 0)
    if fmt == "conllu":
        pairs = [(token, tag.split("|")[0].removeprefix("NE=")) for token, tag in pairs]
    assert pairs[:3] == [("대전광역시", "B-AGENCY"), ("도", "O"), ("는", "O")]
    assert report.widened == [] and report.tokens_split == 1 and report.spans == 4


def test_spacy_docbin_holds_the_span_as_an_entity(inside_a_token, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    inside_a_token.export("spacy", tmp_path / "spacy")
    [doc] = DocBin().from_disk(tmp_path / "spacy" / "0000.spacy").get_docs(spacy.blank("xx").vocab)
    assert [(e.text, e.label_) for e in doc.ents][:1] == [("대전광역시", "AGENCY")]
    assert [t.text for t in doc][:3] == ["대전광역시", "도", "는"]


def test_hf_rows_hold_the_cut_token(inside_a_token, tmp_path):
    datasets = pytest.importorskip("datasets")
    inside_a_token.export("hf", tmp_path / "hf")
    rows = [json.loads(line) for line in (tmp_path / "hf" / "train.json").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["tokens"][:2] == ["대전광역시", "도"] and rows[0]["ner_tags"][:2] == ["B-AGENCY", "O"]
    data = datasets.load_from_disk(str(tmp_path / "hf"))
    assert data["train"][0]["tokens"][:2] == ["대전광역시", "도"]


def test_xmi_tokens_are_cut_at_span_edges(inside_a_token, tmp_path):
    cassis = pytest.importorskip("cassis")
    inside_a_token.export("xmi", tmp_path / "xmi")
    [path] = (tmp_path / "xmi").glob("*.xmi")
    type_system = cassis.load_typesystem(tmp_path / "xmi" / "TypeSystem.xml")
    cas = cassis.load_cas_from_xmi(path, typesystem=type_system)
    tokens = [t.get_covered_text() for t in cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")]
    assert tokens[:3] == ["대전광역시", "도", "는"]


def test_naver_keeps_whole_eojeols_and_says_so_in_the_summary_and_each_item(inside_a_token, tmp_path):
    report = inside_a_token.export("naver", tmp_path / "naver.tsv")
    first = (tmp_path / "naver.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert first == "1\t대전광역시도는\tAGENCY_B"
    assert [n.reason for n in report.widened][:1] == [
        "widened to whole eojeols “대전광역시도는” (particles included, as the Naver corpus tags them)"]


# -- spaCy: a config that trains without --split, and prediction with the shipped tokenizer ------------

ARTICLES = [
    "원주의료기기테크노밸리는 올해 디지털트윈 사업에 국비 35억 원을 받았다.",
    "과기정통부는 인공지능 반도체에 120억 원을 지원한다.",
    "원주시와 원주의료기기테크노밸리가 디지털 치료기기 실증을 맡았다.",
    "식약처는 디지털트윈 가이드라인을 발표했다. 과기정통부도 참여했다.",
]
LABELLED = {"원주의료기기테크노밸리": "AGENCY", "과기정통부": "AGENCY", "원주시": "AGENCY", "식약처": "AGENCY",
            "디지털트윈": "TECH", "인공지능": "TECH", "35억 원": "BUDGET", "120억 원": "BUDGET"}


def documented_python(after: str) -> str:
    from .test_export_consumers import TRAINING_DOC

    text = TRAINING_DOC.read_text(encoding="utf-8")
    start = text.index("```python\n", text.index(after)) + len("```python\n")
    return text[start:text.index("```", start)]


def test_spacy_without_a_split_trains_and_predicts_with_the_shipped_tokenizer(tmp_path, monkeypatch):
    """The exported config trains as it is (no dev=null), and new text tokenised by the shipped
    kiwi_tokens.py gets exactly the training tokens: the bundled user dictionary included."""
    import subprocess
    import sys

    pytest.importorskip("spacy")
    from annotator import Project

    from ..conftest import write
    from .test_export_consumers import TINY_SPACY, documented_shell_line

    for number, text in enumerate(ARTICLES):
        write(tmp_path / "articles" / f"{number}.txt", text + "\n")
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "articles"], clean=False)
        for document in project.documents():
            for word, label in LABELLED.items():
                at = document.text.find(word)
                while at >= 0:
                    project.add_span(document.id, at, at + len(word), label, "gold")
                    at = document.text.find(word, at + 1)
            project.set_status(document.id, "gold", "adjudicated")
        monkeypatch.chdir(tmp_path)
        report = project.export("spacy", Path("exports/spacy"))
    assert report.tokens_split == 0 and report.notes == [
        "config.cfg evaluates on the training documents (there is no dev or test part): its scores are not held "
        "out; export with --split 80/10/10 for a dev part"]
    shipped = sorted(p.name for p in (tmp_path / "exports" / "spacy").iterdir() if not p.name.endswith(".spacy"))
    assert shipped == ["config.cfg", "export.json", "kiwi_tokens.json", "kiwi_tokens.py", "userdict.tsv"]

    command = shlex.split(documented_shell_line("python -m spacy train"))
    result = subprocess.run([sys.executable, *command[1:], *TINY_SPACY], cwd=tmp_path, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]

    check = documented_python("At prediction time") + (
        "import json\n"
        "from spacy.tokens import DocBin\n"
        "trained = list(DocBin().from_disk('exports/spacy/0000.spacy').get_docs(nlp.vocab))\n"
        "same = [[t.text for t in tokens.spacy_doc(nlp.vocab, d.text)] == [t.text for t in d] for d in trained]\n"
        "print(json.dumps({'same': same, 'words': tokens.words(trained[0].text), 'ents': len(doc.ents) >= 0}))\n")
    result = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["same"] == [True] * len(ARTICLES) and found["ents"]
    assert found["words"][:4] == ["원주", "의료", "기기", "테크노밸리"]  # the bundled dictionary's split


# -- Hugging Face: both loaders, and no empty part -----------------------------------------------------


def test_hf_without_a_split_loads_with_load_dataset_and_load_from_disk(tmp_path):
    datasets = pytest.importorskip("datasets")
    from .export_corpus import policy_sentences

    project = corpus_project(policy_sentences(3))
    report = project.export("hf", tmp_path / "hf")
    by_disk = datasets.load_from_disk(str(tmp_path / "hf"))
    by_files = datasets.load_dataset(str(tmp_path / "hf"), cache_dir=str(tmp_path / "cache"))
    assert list(by_disk) == list(by_files) == ["train"]
    assert by_disk["train"].num_rows == by_files["train"].num_rows == report.sentences == 6
    names = by_disk["train"].features["ner_tags"].feature.names
    assert by_files["train"]["ner_tags"] == [[names[i] for i in row] for row in by_disk["train"]["ner_tags"]]
    assert (tmp_path / "hf" / "kiwi_tokens.py").is_file()


def test_a_split_part_no_document_falls_into_is_not_written_and_the_summary_says_why(tmp_path):
    datasets = pytest.importorskip("datasets")
    from annotator.core.export.split import Split

    from .export_corpus import policy_sentences

    project = corpus_project(policy_sentences(9))
    uids = [document.uid for document in project.documents()]
    seed = next(seed for seed in range(200) if (parts := [Split.parse("80/10/10", seed).part(u) for u in uids])
                and "test" not in parts and "dev" in parts)
    report = project.export("hf", tmp_path / "hf", split="80/10/10", seed=seed)
    assert report.parts["test"] == 0 and report.notes[0].startswith(
        "no test part was written: none of the 9 documents fell into it")
    assert sorted(p.name for p in (tmp_path / "hf").iterdir()) == [
        "README.md", "dataset_dict.json", "export.json", "kiwi_tokens.json", "kiwi_tokens.py", "train", "train.json",
        "train.parquet", "userdict.tsv", "validation", "validation.json", "validation.parquet"]
    assert list(datasets.load_from_disk(str(tmp_path / "hf"))) == ["train", "validation"]
    assert list(datasets.load_dataset(str(tmp_path / "hf"), cache_dir=str(tmp_path / "cache"))) == [
        "train", "validation"]
    card = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert "test.parquet" not in card and "path: validation.parquet" in card
    spacy_report = project.export("spacy", tmp_path / "spacy", split="80/10/10", seed=seed)
    assert sorted(p.name for p in (tmp_path / "spacy").iterdir() if p.is_dir()) == ["dev", "train"]
    assert spacy_report.notes[0] == report.notes[0]


# -- tag schemes and spaCy's converters --------------------------------------------------------------


@pytest.mark.parametrize("fmt, converter", [("conll2003", "ner"), ("conllu", "conllu")])
def test_spacy_convert_reads_bio_and_bilou_and_the_summary_warns_of_iobes(tmp_path, fmt, converter):
    """What `python -m spacy convert` makes of each scheme: the exported entities for BIO and BILOU;
    for IOBES wrong ones, which the export's summary says before anyone trains on them."""
    import subprocess
    import sys

    from spacy.tokens import DocBin

    from .export_corpus import policy_sentences

    pytest.importorskip("spacy")
    project = corpus_project(policy_sentences(6))
    notes = {}
    for scheme in ("bio", "iobes", "bilou"):
        # spacy convert takes from a folder the files named after the converter
        report = project.export(fmt, tmp_path / "in" / f"{scheme}.{converter}", scheme=scheme)
        notes[scheme] = report.notes
    (tmp_path / "out").mkdir()
    result = subprocess.run([sys.executable, "-m", "spacy", "convert", str(tmp_path / "in"), str(tmp_path / "out"),
                             "-c", converter], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    nlp_vocab = __import__("spacy").blank("xx").vocab
    entities = {scheme: [(e.text.replace(" ", ""), e.label_) for path in sorted((tmp_path / "out").glob(f"{scheme}*"))
                         for doc in DocBin().from_disk(path).get_docs(nlp_vocab) for e in doc.ents]
                for scheme in notes}
    assert len(entities["bio"]) == report.spans == 30 and entities["bilou"] == entities["bio"]
    assert entities["iobes"] != entities["bio"]  # spaCy misreads it, without a word
    assert notes["bio"] == notes["bilou"] == []
    assert notes["iobes"] == [f"spaCy's `spacy convert -c {converter}` misreads IOBES tags (no error, wrong entities): "
                              "export with --scheme bio or --scheme bilou for it (BILOU is IOBES with L-/U- for E-/S-); "
                              "`annotator import` reads every scheme"]
