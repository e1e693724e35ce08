"""The readers of other tools' and corpora's formats: KLUE-NER, NIKL, Naver, CoNLL-U, XMI; label maps.

Every sample here is written for these tests (no corpus data)."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from annotator.core.ingest.readers import read_file
from annotator.core.label_map import builtin_label_map, parse_label_map

from ..conftest import write

KLUE_SAMPLE = (
    "## 토큰, 레이블 구분자 : \\t\n## 토큰 구분자 : \\n\n## 문장 구분자 : \\n\\n\n## 주석 : ##\n"
    "## 컬럼명 : CHAR\tNE_TAG\n"
    "## test_0001-news\t<원주시:OG>는 <<하늘:PS>>을 봤다\n"
    "원\tB-OG\n주\tI-OG\n시\tI-OG\n는\tO\n \tO\n<\tB-PS\n<\tO\n하\tB-PS\n늘\tI-PS\n>\tO\n>\tO\n을\tO\n \tO\n"
    "봤\tO\n다\tO\n"
    "\t\n"  # the lone-tab separator the KLUE baseline accepts
    "## test_0002-news\t<3월 1일:DT>에\n"
    "3\tB-DT\n월\tI-DT\n \tI-DT\n1\tI-DT\n일\tE-DT\n에\tI-QT\n"
)


def read(tmp_path, name, text, fmt):
    return read_file(write(tmp_path / name, text), fmt)[0]


def spans_of(record):
    return [(record.text[s.start:s.end], s.label) for s in record.spans]


# -- KLUE-NER ------------------------------------------------------------------


def test_klue_sentences_ids_and_the_known_v11_slips(tmp_path):
    records = read(tmp_path, "k.tsv", KLUE_SAMPLE.replace("\n", "\r\n"), "klue")
    assert [r.text for r in records] == ["원주시는 <<하늘>>을 봤다", "3월 1일에"]
    assert [r.meta["id"] for r in records] == ["test_0001-news", "test_0002-news"]
    assert records[0].line == 6 and records[1].line == 23
    # '<' tagged B-PS then a fresh B-PS: the bracket without a partner is trimmed, the name kept
    assert spans_of(records[0]) == [("원주시", "OG"), ("하늘", "PS")]
    # a space inside an entity, IOBES tags, and an I- of another label starting a span
    assert spans_of(records[1]) == [("3월 1일", "DT"), ("에", "QT")]


@pytest.mark.parametrize("line, reason", [
    ("원 B-OG", "expected CHAR<TAB>TAG"),
    ("원\tB_OG", "tag 'B_OG' is not O"),
    ("\tO", "empty character"),
    ("원\tI-OG\tX", "expected CHAR<TAB>TAG"),
])
def test_klue_bad_lines_name_the_line(tmp_path, line, reason):
    path = write(tmp_path / "bad.tsv", "## s1\t원주\n원\tB-OG\n" + line + "\n")
    with pytest.raises(InputError) as info:
        read_file(path, "klue")
    assert info.value.line == 3 and reason in info.value.reason and str(info.value).startswith(f"{path}:3: ")


# -- NIKL ----------------------------------------------------------------------


def nikl_sample() -> dict:
    return {"id": "TEST_NE", "metadata": {"title": "시험 말뭉치"}, "document": [
        {"id": "DOC.1", "metadata": {"title": "첫 기사", "date": "20240101"}, "sentence": [
            {"id": "DOC.1.1", "form": "행정안전부는 35억 원을 썼다.", "word": [], "NE": [
                {"id": 1, "form": "행정안전부", "label": "OGG_POLITICS", "begin": 0, "end": 5},
                {"id": 2, "form": "35억 원", "label": "QT_PRICE", "begin": 7, "end": 12}]},
            {"id": "DOC.1.2", "form": "김철수가 왔다.", "NE": [
                {"id": 1, "form": "김철수", "label": "PS_NAME", "begin": 1, "end": 4}]},  # off by one: found by form
        ]},
        {"id": "DOC.2", "sentence": [{"id": "DOC.2.1", "form": "디지털트윈 사업", "NE": [
            {"id": 1, "form": "디지털트윈", "label": "TMI_SW", "begin": 0, "end": 5}]}]},
    ]}


def test_nikl_documents_sentences_and_entities(tmp_path):
    records = read(tmp_path, "n.json", json.dumps(nikl_sample(), ensure_ascii=False, indent=2), "nikl")
    first, second = records
    assert first.text == "행정안전부는 35억 원을 썼다.\n김철수가 왔다." and first.title == "첫 기사"
    assert first.meta == {"id": "DOC.1", "title": "첫 기사", "date": "20240101"}
    assert spans_of(first) == [("행정안전부", "OGG_POLITICS"), ("35억 원", "QT_PRICE"), ("김철수", "PS_NAME")]
    mapped = builtin_label_map("nikl").import_record(first)
    assert spans_of(mapped) == [("행정안전부", "AGENCY"), ("35억 원", "BUDGET")]  # PS_NAME is not ours
    assert spans_of(builtin_label_map("nikl").import_record(second)) == [("디지털트윈", "TECH")]


def test_nikl_errors_name_the_line_of_the_entity(tmp_path):
    sample = nikl_sample()
    sample["document"][1]["sentence"][0]["NE"][0].update(begin=3, end=40, form="없는말")
    path = write(tmp_path / "n.json", json.dumps(sample, ensure_ascii=False, indent=2))
    with pytest.raises(InputError) as info:
        read_file(path, "nikl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "outside its sentence" in info.value.reason
    assert '"form": "디지털트윈 사업"' in "".join(lines[info.value.line - 8:info.value.line])
    with pytest.raises(InputError, match=r"n2.json:1: expected NIKL NE JSON"):
        read_file(write(tmp_path / "n2.json", "[]"), "nikl")


# -- Naver ---------------------------------------------------------------------


def test_naver_sentences_are_eojeols_and_spans_are_marked_for_snapping(tmp_path):
    text = ("1\t원주시가\tORG_B\n2\t국비\t-\n3\t120억\tNUM_B\n4\t원을\tNUM_I\n5\t받았다.\t-\n\n"
            "1\t과학기술정보통신부\tORG_S\n2\t장관이\tCVL_B\n")
    records = read(tmp_path, "train_data", text, "naver")
    assert [r.text for r in records] == ["원주시가 국비 120억 원을 받았다.", "과학기술정보통신부 장관이"]
    assert spans_of(records[0]) == [("원주시가", "ORG"), ("120억 원을", "NUM")]
    assert spans_of(records[1]) == [("과학기술정보통신부", "ORG"), ("장관이", "CVL")]
    assert all(r.snap for r in records) and [r.line for r in records] == [1, 7]


def test_naver_bad_line(tmp_path):
    with pytest.raises(InputError, match=r"x.txt:2: expected INDEX<TAB>EOJEOL<TAB>TAG, found 2"):
        read(tmp_path, "x.txt", "1\t원주시\tORG_B\n2\t가\n", "naver")


# -- CoNLL-U -------------------------------------------------------------------

CONLLU_SAMPLE = (
    "# newdoc id = d1\n# sent_id = 1\n# text = 원주시가 왔다.\n"
    "1\t원주시\t_\tPROPN\tNNP\t_\t_\t_\t_\tNE=B-AGENCY|SpaceAfter=No|SpacesBefore=\\s\n"
    "2\t가\t_\tADP\tJKS\t_\t_\t_\t_\tNE=O\n"
    "3-4\t왔다\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
    "3\t오\t_\tVERB\tVV\t_\t_\t_\t_\t_\n4\t았다\t_\tPART\tEP\t_\t_\t_\t_\t_\n"
    "4.1\t생략\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "5\t.\t_\tPUNCT\tSF\t_\t_\t_\t_\tSpacesAfter=\\n\\n\n\n"
    "# sent_id = 2\n1\t120억\t_\tNUM\tSN\t_\t_\t_\t_\tNER=B-BUDGET\n2\t원\t_\tNOUN\tNNB\t_\t_\t_\t_\tI-BUDGET|SpacesAfter=\\n\n\n"
    "# newdoc id = d2\n1\t끝\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
)


def test_conllu_rebuilds_the_text_from_spacing_and_reads_entities(tmp_path):
    records = read(tmp_path, "c.conllu", CONLLU_SAMPLE, "conllu")
    assert [r.text for r in records] == [" 원주시가 왔다.\n\n120억 원\n", "끝"]
    assert [r.meta for r in records] == [{"id": "d1"}, {"id": "d2"}]
    assert spans_of(records[0]) == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]


def test_conllu_without_newdoc_is_a_document_per_sentence(tmp_path):
    text = "1\t가\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\t나\t_\t_\t_\t_\t_\t_\t_\tNE=S-TECH\n2\t다\t_\t_\t_\t_\t_\t_\t_\t_\n"
    records = read(tmp_path, "c.conllu", text, "conllu")
    assert [r.text for r in records] == ["가", "나 다"] and spans_of(records[1]) == [("나", "TECH")]
    with pytest.raises(InputError, match=r"c2.conllu:2: a CoNLL-U token line has 10 tab-separated fields, not 3"):
        read(tmp_path, "c2.conllu", "# x\n1\t가\t_\n", "conllu")


# -- XMI -----------------------------------------------------------------------


def inception_cas(text: str, entities, with_custom_layer: bool = False):
    """A CAS as INCEpTION exports one: DKPro types, NamedEntity with value, maybe a custom layer."""
    import cassis

    from annotator.core.ingest.xmi import DOCUMENT_METADATA, NAMED_ENTITY, dkpro_type_system

    type_system = dkpro_type_system()
    if with_custom_layer:
        custom = type_system.create_type("webanno.custom.Claim", supertypeName="uima.tcas.Annotation")
        type_system.create_feature(custom, "kind", "uima.cas.String")
    cas = cassis.Cas(typesystem=type_system)
    cas.sofa_string = text
    cas.add(type_system.get_type(DOCUMENT_METADATA)(begin=0, end=len(text), documentTitle="제목", documentId="doc-7"))
    for start, end, label in entities:
        cas.add(type_system.get_type(NAMED_ENTITY)(begin=start, end=end, value=label))
    if with_custom_layer:
        cas.add(type_system.get_type("webanno.custom.Claim")(begin=0, end=2, kind="x"))
    return cas, type_system


def test_xmi_as_inception_writes_it_with_its_type_system_beside(tmp_path):
    text = "😀🇰🇷 원주시가 120억 원을\r\n받았다."
    cas, type_system = inception_cas(text, [(4, 7, "AGENCY"), (9, 15, "BUDGET")], with_custom_layer=True)
    cas.to_xmi(tmp_path / "doc.xmi")
    type_system.to_xml(tmp_path / "TypeSystem.xml")
    xml = (tmp_path / "doc.xmi").read_text(encoding="utf-8")
    assert 'begin="7"' in xml  # UTF-16 units on disk: three astral characters before the span
    [record] = read_file(tmp_path / "doc.xmi", "auto")[0]
    assert record.text == text and record.title == "제목" and record.meta == {"documentId": "doc-7"}
    assert spans_of(record) == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]


def test_xmi_without_type_system_and_broken_xml(tmp_path):
    cas, _ = inception_cas("과기정통부 발표", [(0, 5, "AGENCY")])
    cas.to_xmi(tmp_path / "a.xmi")
    assert spans_of(read_file(tmp_path / "a.xmi", "xmi")[0][0]) == [("과기정통부", "AGENCY")]
    broken = write(tmp_path / "b.xmi", '<?xml version="1.0"?>\n<xmi:XMI xmlns:xmi="http://www.omg.org/XMI">\n<oops\n')
    with pytest.raises(InputError) as info:
        read_file(broken, "xmi")
    assert info.value.line is not None and "not UIMA CAS XMI" in info.value.reason


# -- label maps ----------------------------------------------------------------


def test_label_map_file_directions_and_unmapped():
    label_map = parse_label_map(
        'import_unmapped = "drop"\n[import]\nOG = "AGENCY"\nQT = "BUDGET"\nORG = "AGENCY"\nPS = ""\n', "m.toml")
    assert [label_map.import_label(x) for x in ("OG", "ORG", "PS", "LC")] == ["AGENCY", "AGENCY", None, None]
    assert label_map.export_label("AGENCY") == "OG" and label_map.export_label("TECH") == "TECH"  # inverse, keep
    nikl = builtin_label_map("nikl")
    assert nikl.export_label("TECH") == "TMI_SW" and nikl.import_label("TMI_HW") == "TECH"


@pytest.mark.parametrize("text, line, reason", [
    ('[import]\nOG = AGENCY\n', 2, "not valid TOML"),
    ('[import]\nOG = 3\n', 2, "must map to a label in quotes"),
    ('\n\nimport_unmapped = "skip"\n', 3, 'takes "keep" or "drop"'),
    ('[imports]\nOG = "AGENCY"\n', 1, "unknown key 'imports'"),
])
def test_label_map_errors_name_the_line(text, line, reason):
    with pytest.raises(InputError) as info:
        parse_label_map(text, "map.toml")
    assert info.value.line == line and reason in info.value.reason


def test_xmi_entities_never_read_local_files(tmp_path):
    secret = write(tmp_path / "secret.txt", "비밀")
    path = write(tmp_path / "x.xmi", (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE x [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>\n'
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">'
        '<cas:NULL xmi:id="0"/><cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="a &leak; b"/>'
        '<cas:View sofa="1" members=""/></xmi:XMI>\n'))
    with pytest.raises(InputError) as info:
        read_file(path, "xmi")
    assert info.value.line == 3 and "비밀" not in str(info.value)


# -- INCEpTION project description -----------------------------------------------


def test_an_inception_3_6_project_description_with_digits_in_its_name_gives_the_states(tmp_path):
    import io
    import zipfile

    from annotator import Project

    from .test_inception_zip import TEXT_A, project_export, zipped

    members = zipfile.ZipFile(io.BytesIO(project_export()))
    rebuilt = {name: members.read(name) for name in members.namelist() if name != "exportedproject.json"}
    rebuilt["exportedproject1722950400123.json"] = json.dumps({  # as INCEpTION 3.6.1 names it
        "name": "정책", "source_documents": [{"name": "a.txt", "state": "CURATION_FINISHED"}],
        "annotation_documents": [{"name": "a.txt", "user": "kim", "state": "FINISHED"}]}).encode()
    path = tmp_path / "project.zip"
    path.write_bytes(zipped(rebuilt))
    with Project.create(tmp_path / "p") as project:
        assert project.import_paths([path]).statuses_set == 2
        [a] = [doc for doc in project.documents() if doc.text == TEXT_A]
        assert project.status(a.id, "kim").status == "done" and project.status(a.id, "gold").status == "adjudicated"


def test_a_misspelt_label_in_a_map_is_an_error_naming_its_line(tmp_path):
    from annotator.core.label_map import read_label_map
    from annotator.core.paths import resources_dir

    from .export_corpus import corpus_project, policy_sentences

    project = corpus_project(policy_sentences(2))
    typo = write(tmp_path / "typo.toml", '# KLUE\n[import]\nOG = "AGENCY"\n\n[export]\nAGENCY = "OG"\nBUGDET = "QT"\n')
    with pytest.raises(InputError) as info:
        project.export("klue", tmp_path / "out.tsv", label_map=typo)
    assert (info.value.path, info.value.line) == (str(typo), 7)
    assert "[export] BUGDET: the project has no label 'BUGDET'" in info.value.reason
    assert not (tmp_path / "out.tsv").exists()
    # the same key in both tables: the line is the one in the table that is wrong
    wrong = write(tmp_path / "wrong.toml", '[export]\nOG = "AGENCY"\n[import]\nOG = "AGENYC"\n')
    with pytest.raises(InputError) as info:
        project.import_paths([write(tmp_path / "a.jsonl", '{"text": "원주시", "spans": [[0, 3, "OG"]]}\n')],
                             label_map=wrong)
    assert info.value.line == 4 and "[import] OG = 'AGENYC': the project has no label 'AGENYC'" in info.value.reason
    # a label renamed by --map-labels after the map is known
    renamed = write(tmp_path / "renamed.toml", '[import]\nOG = "ORG"\n')
    report = project.import_paths([tmp_path / "a.jsonl"], label_map=renamed, map_labels={"ORG": "AGENCY"})
    assert report.ok and report.spans_added == 1
    # a shipped map is written for the default schema: a project without its labels can still use the rest
    shipped = read_label_map(resources_dir() / "label_maps" / "nikl.toml", builtin=True)
    shipped.check_import(["AGENCY"])
    shipped.check_export(["AGENCY"])


def test_two_labels_mapped_to_one_cannot_be_exported_without_saying_which(tmp_path):
    from .export_corpus import corpus_project, policy_sentences

    project = corpus_project(policy_sentences(2))
    both = write(tmp_path / "both.toml", '[import]\nTMI_SW = "TECH"\nTMI_HW = "TECH"\nOGG = "AGENCY"\n')
    project.import_paths([write(tmp_path / "a.jsonl", '{"text": "인공지능", "spans": [[0, 4, "TMI_HW"]]}\n')],
                         label_map=both)  # on import the map is clear
    with pytest.raises(InputError) as info:
        project.export("jsonl", tmp_path / "out.jsonl", label_map=both)
    assert info.value.line == 3 and info.value.reason == (
        "[import] maps TMI_SW and TMI_HW to TECH, so export cannot tell which to write for TECH: "
        'add an [export] table (TECH = "TMI_SW")')
    fixed = write(tmp_path / "fixed.toml", (tmp_path / "both.toml").read_text() + '[export]\nTECH = "TMI_SW"\n')
    report = project.export("jsonl", tmp_path / "out.jsonl", label_map=fixed)
    assert report.spans_by_label["TMI_SW"] == 2 and "TECH" not in report.spans_by_label


# -- Label Studio: whose layer ---------------------------------------------------------------------


@pytest.mark.parametrize("annotation, layer", [
    ({"completed_by": 3}, "labelstudio-user-3"),  # Label Studio 1.8 and later: a bare id
    ({"completed_by": 3, "created_username": " kim@example.org, 3"}, "kim@example.org"),
    ({"completed_by": 3, "created_username": "Minji Kim, 3"}, "Minji Kim"),
    ({"completed_by": {"id": 3, "email": "lee@example.org", "first_name": "", "last_name": ""}}, "lee@example.org"),
    ({"completed_by": {"id": 3, "email": "", "first_name": "Minji", "last_name": "Kim"}}, "Minji Kim"),
    ({"completed_by": "kim"}, "kim"),
])
def test_a_label_studio_annotation_names_the_layer_of_its_annotator(tmp_path, annotation, layer):
    result = {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 3, "text": "원주시", "labels": ["AGENCY"]}}
    task = [{"data": {"text": "원주시가 발표했다."}, "annotations": [{**annotation, "result": [result]}],
             "predictions": [{"model_version": "crf-3", "result": [result]}, {"result": [result]},
                             {"model_version": "gold", "result": [result]}]}]
    records = read(tmp_path, "ls.json", json.dumps(task, ensure_ascii=False), "auto")
    assert [r.annotator for r in records] == [layer, "crf-3", "predictions", "predictions"]  # never gold
