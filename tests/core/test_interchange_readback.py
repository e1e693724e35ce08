"""Every format we write, we read back (issue 25): each export format is imported again with
``--format auto`` and gives the spans it was written with; exactly (offsets on the same documents)
where the format keeps offsets, as span texts where it keeps only tokens or sentences."""

from __future__ import annotations

import json
import re

import pytest

from annotator import Project
from annotator.core.export.formats import FORMATS
from annotator.core.ingest.detect import EXPORT_READERS

from ..conftest import write
from .export_fixtures import build_project, gold_by_uid
from .test_export import flat_expected

# Formats that keep the text and every span's offsets; those that keep the text but one span per
# token (overlaps dropped); those that keep tokens or sentences only (the text comes back re-spaced).
EXACT = ("jsonl", "doccano", "prodigy", "labelstudio", "labelstudio-predictions", "brat", "xmi")
EXACT_TEXT_FLAT = ("spacy", "conllu")
TOKENS_ONLY = ("conll", "conll2003", "hf", "klue", "nikl", "naver")
FOLDER_EXPORT = {"spacy", "hf", "brat", "xmi"}


def test_every_export_format_has_a_reader_and_a_round_trip_here():
    assert set(EXPORT_READERS) == set(FORMATS) == set(EXACT + EXACT_TEXT_FLAT + TOKENS_ONLY)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """The export project, every format exported from it (file names by their usual extension, so
    that ``--format auto`` must tell NIKL from Label Studio and KLUE or Naver from WebAnno by the
    contents), and one project each was imported into, as the layer named after the format."""
    folder = tmp_path_factory.mktemp("readback")
    source = build_project(folder)
    for document in source.documents():  # every document a training set, whatever the default status filter
        source.set_status(document.id, "gold", "adjudicated")
    reports = {fmt: source.export(fmt, folder / "out" / f"{fmt}{SUFFIX.get(fmt, '')}")
               for fmt in FORMATS if FORMATS[fmt].available()}
    target = Project.create(folder / "back", folder / "schema.toml")
    imports = {fmt: target.import_paths([report.out], annotator=fmt) for fmt, report in reports.items()}
    yield source, target, reports, imports
    source.close()
    target.close()


SUFFIX = {"jsonl": ".jsonl", "doccano": ".jsonl", "prodigy": ".jsonl", "labelstudio": ".json",
          "labelstudio-predictions": ".json", "nikl": ".json", "klue": ".tsv", "naver": ".tsv", "conll": ".conll",
          "conll2003": ".conll", "conllu": ".conllu"}


def exported_gold(source, reports) -> dict:
    """The source's gold spans of the documents the exports hold (the master jsonl lists them)."""
    exported = {json.loads(line)["uid"] for line in reports["jsonl"].out.read_text(encoding="utf-8").splitlines()}
    return {uid: spans for uid, spans in gold_by_uid(source).items() if uid in exported}


def by_uid(project, layer):
    spans = {}
    for document in project.documents():
        found = sorted((s.start, s.end, s.label) for s in project.spans(document.id, layer))
        if found:
            spans[document.uid] = found
    return spans


def squeezed(project, layer) -> list[tuple[str, str]]:
    """Every span of ``layer`` as (its text without whitespace, label), sorted."""
    return sorted((re.sub(r"\s", "", s.text), s.label) for s in project.spans(annotator=layer))


@pytest.mark.parametrize("fmt", EXACT)
def test_formats_that_keep_offsets_come_back_exactly(round_trip, fmt):
    source, target, reports, imports = round_trip
    assert imports[fmt].ok, imports[fmt].rejected
    # The same texts: every span lands on its document (jsonl, imported first, brought them).
    assert imports[fmt].documents_added == (reports[fmt].documents if fmt == "jsonl" else 0)
    assert by_uid(target, fmt) == exported_gold(source, reports)
    if fmt in ("jsonl", "prodigy", "brat"):  # the formats that carry attributes
        def attributes(project, layer):
            return {(s.text, s.label): dict(s.attrs) for s in project.spans(annotator=layer) if s.attrs}

        assert attributes(target, fmt) == attributes(source, "gold")
        assert attributes(target, fmt)[("35억 원", "BUDGET")]["currency"] == "KRW"


@pytest.mark.parametrize("fmt", EXACT_TEXT_FLAT)
def test_token_formats_that_keep_the_text_come_back_on_the_same_documents(round_trip, fmt):
    source, target, reports, imports = round_trip
    if fmt not in reports:
        pytest.skip(f"{FORMATS[fmt].needs} is not installed")
    assert imports[fmt].ok and imports[fmt].documents_added == 0, imports[fmt].rejected
    assert by_uid(target, fmt) == flat_expected(exported_gold(source, reports), reports[fmt])
    assert [n.text for n in reports[fmt].dropped] == ["인공지능"]  # the overlapping span, and only it


@pytest.mark.parametrize("fmt", TOKENS_ONLY)
def test_formats_that_keep_tokens_give_back_every_written_span(round_trip, fmt):
    source, target, reports, imports = round_trip
    if fmt not in reports:
        pytest.skip(f"{FORMATS[fmt].needs} is not installed")
    assert imports[fmt].ok, imports[fmt].rejected
    texts = {d.uid: d.text for d in source.documents()}
    # (the notes name spans by the labels written: nikl's map renames them, so offsets identify them)
    dropped = {(n.uid, n.start, n.end) for n in reports[fmt].dropped}
    written = flat_expected({uid: [s for s in spans if (uid, *s[:2]) not in dropped]
                             for uid, spans in exported_gold(source, reports).items()}, reports[fmt])
    expected = sorted((re.sub(r"\s", "", texts[uid][s:e]), label) for uid, spans in written.items()
                      for s, e, label in spans)
    if fmt == "naver":  # whole eojeols on the way out, snapped to morphemes on the way in
        assert len(squeezed(target, fmt)) == len(expected)
        widened = {re.sub(r"\s", "", texts[n.uid][slice(*n.exported_as)]) for n in reports[fmt].widened}
        expected = [pair for pair in expected if pair[0] not in widened]
        assert set(expected) <= set(squeezed(target, fmt))
    else:
        assert squeezed(target, fmt) == expected


def test_reading_an_export_folder_takes_only_its_data_files(round_trip):
    """Folders hold manifests, cards, tokenizers, type systems, .txt beside .ann, Arrow beside Parquet:
    the import reads each document once and rejects nothing."""
    source, target, reports, imports = round_trip
    for fmt in FOLDER_EXPORT & set(reports):
        assert imports[fmt].ok and imports[fmt].files == reports[fmt].documents if fmt in ("brat", "xmi") else True
        assert imports[fmt].rejected == [], fmt
    assert imports["hf"].files == 1  # train.parquet, not the Arrow files of the same rows


# -- detection and hints ----------------------------------------------------------------------------


def test_a_file_of_unknown_type_is_named_with_the_formats_that_read_it(tmp_path):
    from annotator.core.errors import InputError
    from annotator.core.ingest.readers import read_file

    naver = write(tmp_path / "ner_train", "1\t원주시가\tORG_B\n2\t발표했다\t-\n\n")
    with pytest.raises(InputError) as info:
        read_file(naver, "auto")
    assert info.value.reason == "unknown file type (no extension); it reads as naver, txt: use --format naver"
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(InputError) as info:
        read_file(binary, "auto")
    assert info.value.reason.startswith("unknown file type .bin, and no format reads it (formats: txt, jsonl,")


def test_shared_extensions_are_read_by_the_reader_the_contents_fit(tmp_path):
    from annotator.core.ingest.readers import read_file

    from .test_interchange_readers import KLUE_SAMPLE, nikl_sample

    [first, _] = read_file(write(tmp_path / "klue-ner-v1.1_dev.tsv", KLUE_SAMPLE), "auto")[0]
    assert [(first.text[s.start:s.end], s.label) for s in first.spans] == [("원주시", "OG"), ("하늘", "PS")]
    records = read_file(write(tmp_path / "ne.json", json.dumps(nikl_sample(), ensure_ascii=False)), "auto")[0]
    assert [r.meta.get("id") for r in records][:1] and len(records) == 2


# -- the new readers, one by one -------------------------------------------------------------------


def spans_of(record):
    return [(record.text[s.start:s.end], s.label) for s in record.spans]


def test_conll_documents_sentences_schemes_and_conllu_inside(tmp_path):
    from annotator.core.errors import InputError
    from annotator.core.ingest.readers import read_file

    two_columns = ("-DOCSTART-\tO\n\n원주시\tS-AGENCY\n가\tO\n120억\tB-BUDGET\n원\tE-BUDGET\n\n"
                   "과기정통부\tB-AGENCY\n\n-DOCSTART-\tO\n\n식약처\tU-AGENCY\n")
    first, second = read_file(write(tmp_path / "a.conll", two_columns), "auto")[0]
    assert first.text == "원주시 가 120억 원\n과기정통부" and second.text == "식약처"
    assert spans_of(first) == [("원주시", "AGENCY"), ("120억 원", "BUDGET"), ("과기정통부", "AGENCY")]
    four = "원주시 NNP O B-AGENCY\n가 JKS O O\n\n식약처 NNP O B-AGENCY\n"  # no -DOCSTART-: a document a sentence
    assert [r.text for r in read_file(write(tmp_path / "b.conll", four), "conll")[0]] == ["원주시 가", "식약처"]
    conllu = "1\t원주시\t_\tPROPN\tNNP\t_\t_\t_\t_\tNE=B-AGENCY|SpaceAfter=No\n2\t가\t_\tADP\tJKS\t_\t_\t_\t_\tNE=O\n"
    [record] = read_file(write(tmp_path / "c.conll", conllu), "auto")[0]
    assert record.text == "원주시가" and spans_of(record) == [("원주시", "AGENCY")]
    with pytest.raises(InputError) as info:
        read_file(write(tmp_path / "d.conll", "원주시\tB-AGENCY\n가\tB_X\n"), "conll")
    assert info.value.line == 2 and "tag 'B_X'" in info.value.reason


def test_brat_notes_attributes_fragments_and_what_is_not_read_yet(tmp_path):
    from annotator.core.ingest.readers import read_file

    text = "원주시가\r\n국비 120억 원을 받았다."
    write(tmp_path / "doc.txt", text)
    ann = write(tmp_path / "doc.ann", (
        "T1\tAGENCY 0 3\t원주시\nT2\tBUDGET 9 15\t120억 원\nT3\tPROGRAM 2 4;6 8\t시가 국비\n"
        "#1\tAnnotatorNotes T1\t기관명 확인\n#2\tAnnotatorNotes T2\t{\"amount\": \"12000000000\"}\n"
        "A1\tNegated T1\nA2\tConfidence T2 High\nR1\tFUNDS Arg1:T2 Arg2:T1\nE1\tEvent:T1\n"))
    [record] = read_file(ann, "auto")[0]
    assert record.text == text and record.skipped == {"relations (R lines)": 1, "events (E lines)": 1}
    assert [(record.text[s.start:s.end], s.label, s.attrs) for s in record.spans] == [
        ("원주시", "AGENCY", {"note": "기관명 확인", "Negated": True}),
        ("120억 원", "BUDGET", {"amount": "12000000000", "Confidence": "High"}),
        ("시가\r\n국비", "PROGRAM", {})]


@pytest.mark.parametrize("line, reason", [
    ("T1\tAGENCY 0 3\t원주", "the text column '원주' is not the text at 0 3 ('원주시')"),
    ("T1\tAGENCY 0 99\t원주시", "fragment [0, 99) is not inside the text of 9 characters"),
    ("T1\tAGENCY zero 3\t원주시", "offsets 'zero 3' are not START END"),
    ("#1\tAnnotatorNotes T9\tx", "T9 is not a text-bound annotation (T) of this file"),
    ("원주시 AGENCY", "not a brat annotation line"),
])
def test_brat_lines_that_do_not_fit_their_text_name_the_line(tmp_path, line, reason):
    from annotator.core.errors import InputError
    from annotator.core.ingest.readers import read_file

    write(tmp_path / "doc.txt", "원주시가 발표했다")
    ann = write(tmp_path / "doc.ann", "T2\tAGENCY 0 3\t원주시\n" + line + "\n")
    with pytest.raises(InputError) as info:
        read_file(ann, "brat")
    assert info.value.line == 2 and reason in info.value.reason
    (tmp_path / "doc.txt").unlink()
    with pytest.raises(InputError, match="brat needs the text beside it"):
        read_file(ann, "brat")


def test_a_brat_collection_folder_reads_each_text_once(tmp_path):
    write(tmp_path / "coll" / "annotation.conf", "[entities]\nAGENCY\n")
    write(tmp_path / "coll" / "a.txt", "원주시가 발표했다.\n")
    write(tmp_path / "coll" / "a.ann", "T1\tAGENCY 0 3\t원주시\n")
    write(tmp_path / "coll" / "notes.txt", "원주시 관련 메모\n")  # a text of its own: an article
    with Project.in_memory() as project:
        report = project.import_paths([tmp_path / "coll"], annotator="kim", clean=False)
        assert report.ok and report.files == 2 and report.documents_added == 2 and report.spans_added == 1


def test_hf_rows_with_class_label_numbers_from_an_arrow_file(tmp_path):
    datasets = pytest.importorskip("datasets")
    from annotator.core.errors import InputError
    from annotator.core.ingest.readers import read_file

    features = datasets.Features({"tokens": datasets.Sequence(datasets.Value("string")),
                                  "ner_tags": datasets.Sequence(datasets.ClassLabel(names=["O", "B-ORG", "I-ORG"]))})
    rows = {"tokens": [["원주", "시청", "이", "발표"], ["식약처"]], "ner_tags": [[1, 2, 0, 0], [1]]}
    datasets.Dataset.from_dict(rows, features=features).save_to_disk(str(tmp_path / "saved"))
    [arrow] = (tmp_path / "saved").glob("*.arrow")
    records = read_file(arrow, "auto")[0]
    assert [r.text for r in records] == ["원주 시청 이 발표", "식약처"]
    assert [spans_of(r) for r in records] == [[("원주 시청", "ORG")], [("식약처", "ORG")]]
    (tmp_path / "saved" / "dataset_info.json").unlink()
    plain = write(tmp_path / "rows.jsonl", '{"tokens": ["원주"], "ner_tags": [1]}\n')
    with pytest.raises(InputError) as info:
        read_file(plain, "hf")
    assert info.value.line == 1 and "declares no ClassLabel names" in info.value.reason


def test_a_spacy_docbin_of_another_tool_with_entities_and_span_groups(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin, Span

    from annotator.core.errors import InputError
    from annotator.core.ingest.readers import read_file

    nlp = spacy.blank("xx")
    doc = nlp.make_doc("원주시 가 국비 120억 원 을 받았다")
    doc.ents = [Span(doc, 0, 1, "AGENCY")]
    doc.spans["sc"] = [Span(doc, 3, 5, "BUDGET"), Span(doc, 0, 1, "AGENCY")]
    DocBin(docs=[doc]).to_disk(tmp_path / "other.spacy")
    [record] = read_file(tmp_path / "other.spacy", "auto")[0]
    assert record.text == doc.text and spans_of(record) == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]
    import zlib

    (tmp_path / "bomb.spacy").write_bytes(zlib.compress(b"\0" * (300 * 1_000_000), 9))
    with pytest.raises(InputError, match="unpacks to over"):
        read_file(tmp_path / "bomb.spacy", "spacy")


def test_a_format_named_wrongly_gets_the_formats_that_do_read_the_file_and_no_others(tmp_path):
    from annotator.core.errors import InputError
    from annotator.core.ingest.readers import read_file

    from .test_interchange_readers import KLUE_SAMPLE

    klue = write(tmp_path / "dev.tsv", KLUE_SAMPLE)
    with pytest.raises(InputError) as info:
        read_file(klue, "webanno")
    assert info.value.reason == ("not WebAnno TSV 3 (the first line is not #FORMAT=WebAnno TSV 3.x); "
                                 "it reads as klue: use --format klue")
    neither = write(tmp_path / "x.tsv", "a\tb\tc\td\n")
    with pytest.raises(InputError) as info:
        read_file(neither, "auto")  # every reader of .tsv tried: each one's reason, no hint
    assert info.value.reason.startswith("read as none of webanno, klue, naver: webanno: line 1: not WebAnno TSV 3")
    assert "--format" not in info.value.reason
    with pytest.raises(InputError) as info:
        read_file(neither, "klue")
    assert "--format" not in info.value.reason  # naver and webanno cannot read it either (txt is no .tsv reader)
