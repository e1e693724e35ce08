"""WebAnno TSV 3 as INCEpTION writes it (the samples are written for these tests, by the published
format description): the text rebuilt as INCEpTION rebuilds it, NamedEntity spans at UTF-16 offsets."""

from __future__ import annotations

import io
import zipfile

import pytest

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.ingest.readers import read_file
from annotator.core.text.normalize import codepoint_to_utf16

from ..conftest import write

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
HEADER = (f"#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS|PosValue\n"
          f"#T_SP={NE}|identifier|value\n#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|"
          "referenceType|referenceRelation\n#T_RL=webanno.custom.Relation|value|BT_" + NE + "\n\n\n")


def tokens(text: str, start: int, sentence: int, words, columns) -> str:
    """Token lines for ``words`` of ``text`` (from code point ``start``), UTF-16 offsets as INCEpTION writes."""
    lines, at = [], start
    for number, (word, values) in enumerate(zip(words, columns), start=1):
        at = text.index(word, at)
        begin, end = codepoint_to_utf16(text, at), codepoint_to_utf16(text, at + len(word))
        lines.append("\t".join([f"{sentence}-{number}", f"{begin}-{end}", word, *values]) + "\t")
        at += len(word)
    return "\n".join(lines) + "\n"


FIRST = "😀 원주시가 국비 120억 원을 확보했다 ."
SECOND = "과기정통부 A_B 사업 [속보]"
TEXT = FIRST + "\n\n" + SECOND  # two sentences, a gap of one padded character between them


def sample() -> str:
    second_start = len(FIRST) + 2
    return (HEADER + "#Sentence.id=s1\n#Text=" + FIRST + "\n"
            + tokens(TEXT, 0, 1, ["😀", "원주시가", "국비", "120억", "원을", "확보했다", "."],
                     [["_", "_", "_", "_", "_", "_"],
                      ["NNP", "*", "AGENCY", "_", "_", "_"],
                      ["_", "_", "_", "_", "_", "_"],
                      ["_", "*[3]|*", "BUDGET[3]|QT", "_", "_", "_"],
                      ["_", "*[3]", "BUDGET[3]", "_", "_", "_"],
                      ["_", "_", "_", "_", "_", "_"],
                      ["_", "_", "_", "_", "_", "_"]])
            + "\n#Text=" + SECOND + "\n"  # text lines escape only control characters and the backslash
            + tokens(TEXT, second_start, 2, ["과기정통부", "A_B", "사업", "[속보]"],
                     [["_", "*", "AGENCY", "_", "_", "_"],
                      ["_", "*", "TECH\\_X", "_", "_", "_"],
                      ["_", "_", "_", "_", "_", "_"],
                      ["_", "_", "_", "_", "_", "_"]]))


def spans_of(record):
    from annotator.core.text.normalize import utf16_to_codepoint

    text = record.text
    return [(text[utf16_to_codepoint(text, s.start):utf16_to_codepoint(text, s.end)], s.label) for s in record.spans]


def test_text_and_named_entities_as_inception_reads_them(tmp_path):
    path = write(tmp_path / "doc.tsv", sample())
    [record] = read_file(path, "auto")[0]
    assert record.text == FIRST + "\n " + SECOND  # the blank line between the sentences: padding, as INCEpTION
    assert spans_of(record) == [("원주시가", "AGENCY"), ("120억 원을", "BUDGET"), ("120억", "QT"),
                                ("과기정통부", "AGENCY"), ("A_B", "TECH_X")]
    assert record.utf16_offsets and record.title == FIRST


def test_adjacent_sentences_lose_the_break_and_a_gap_is_padded_with_spaces(tmp_path):
    body = (HEADER.split("#T_CH")[0].replace(f"#T_SP={NE}|identifier|value\n", f"#T_SP={NE}|value\n") + "\n\n"
            "#Text=하나\n1-1\t0-2\t하나\t_\tA\t\n\n#Text=둘\n2-1\t2-3\t둘\t_\t_\t\n\n#Text=셋\n3-1\t6-7\t셋\t_\tB\t\n")
    [record] = read_file(write(tmp_path / "a.tsv", body), "webanno")[0]
    assert record.text == "하나둘\n  셋"  # the break kept before a gap, then spaces up to the offset
    assert spans_of(record) == [("하나", "A"), ("셋", "B")]


def test_a_multi_line_sentence_and_escaped_text(tmp_path):
    body = (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n"
            "#Text=첫 줄\\t탭\n#Text=둘째 줄 \\\\ 끝\n1-1\t0-1\t첫\tAGENCY\t\n1-2\t6-8\t둘째\tTECH\n")
    [record] = read_file(write(tmp_path / "m.tsv", body), "webanno")[0]
    assert record.text == "첫 줄\t탭\n둘째 줄 \\ 끝"
    assert spans_of(record) == [("첫", "AGENCY"), ("둘째", "TECH")]


@pytest.mark.parametrize("body, line, reason", [
    ("ID\tTEXT\n", 1, "not WebAnno TSV 3"),
    ("#FORMAT=WebAnno TSV 2.0\n", 1, "not WebAnno TSV 3"),
    ("#FORMAT=WebAnno TSV 3." + "9" * 5000 + "\n", 1, "not WebAnno TSV 3"),  # was ValueError (int's digit limit)
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\n1-1\t0-1\t가\n", 6, "expected 4 tab-separated"),
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\n1-1\t0-9\t가\tA\n", 6, "outside its sentence"),
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\nx\ty\tz\tA\n", 6, "expected a token line"),
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\n1-1\t0-1\t가\t*\n", 6, "without a value"),
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n", None, "no sentences"),
    # a few hundred bytes asking for a text of 10^15 characters (was a MemoryError)
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\n1-1\t999999999999999-999999999999999\t가\tA\n",
     6, "beyond the longest document"),
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\n1-1\t0-1\t가\t_\n\n#Text=다\n"
     "2-1\t2000002-2000003\t다\tA\n", 9, "beyond the longest document"),
    (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=가 나\n1-1\t0-{'9' * 5000}\t가\tA\n", 6,
     "beyond the longest document"),
])
def test_bad_files_name_the_line(tmp_path, body, line, reason):
    path = write(tmp_path / "bad.tsv", body)
    with pytest.raises(InputError) as caught:
        read_file(path, "auto")
    assert caught.value.line == line and reason in caught.value.reason


def test_a_project_export_in_tsv_brings_each_layer_and_the_curation(tmp_path):
    schema_labels = sample().replace("|QT", "").replace("TECH\\_X", "TECH")  # labels the project knows
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("exportedproject.json", "{}")
        archive.writestr("annotation/doc.txt/kim.tsv", schema_labels)
        archive.writestr("annotation/doc.txt/lee.tsv", schema_labels.replace("BUDGET[3]", "PROGRAM[3]"))
        archive.writestr("curation/doc.txt/CURATION_USER.tsv", schema_labels)
        archive.writestr("annotation_ser/doc.txt/kim.ser", b"\xac\xed")
    path = tmp_path / "project.zip"
    path.write_bytes(buffer.getvalue())
    with Project.create(tmp_path / "p") as project:
        report = project.import_paths([path])
        assert report.ok and report.documents_added == 1, [str(e) for e in report.rejected]
        [doc] = project.documents()
        assert doc.text == FIRST + "\n " + SECOND
        expected = [("원주시가", "AGENCY"), ("120억 원을", "BUDGET"), ("과기정통부", "AGENCY"), ("A_B", "TECH")]
        assert [(s.text, s.label) for s in project.spans(doc.id, "gold")] == expected
        assert [(s.text, s.label) for s in project.spans(doc.id, "kim")] == expected
        assert [s.label for s in project.spans(doc.id, "lee")] == ["AGENCY", "PROGRAM", "AGENCY", "TECH"]


def test_version_3_1_text_is_java_escaped(tmp_path):
    body = (f"#FORMAT=WebAnno TSV 3.1\n#T_SP={NE}|value\n\n\n"
            "#Text=\\uc6d0\\uc8fc\\uc2dc \\\"\\ub2e8\\\"\n1-1\t0-3\t원주시\tAGENCY\n1-2\t4-7\t\"단\"\t_\n")
    [record] = read_file(write(tmp_path / "old.tsv", body), "webanno")[0]
    assert record.text == '원주시 "단"' and spans_of(record) == [("원주시", "AGENCY")]
