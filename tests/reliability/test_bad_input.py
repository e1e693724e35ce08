"""Random and hostile input never crashes the importer and never stores part of a file."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.core.ingest.readers import MAX_DOCUMENT_CHARS

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".json"]))
def test_random_bytes_never_crash_or_half_store(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("rb")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    project = Project.in_memory()
    report = project.import_paths([path])
    if report.rejected:
        assert project.document_count() == 0 and project.spans() == []
        assert all(str(path) in str(e) for e in report.rejected)
    project.close()


@SETTINGS
@given(lines=st.lists(st.one_of(
    st.fixed_dictionaries({"text": st.text(min_size=1, max_size=30)}),
    st.fixed_dictionaries({"text": st.just("원주시가 발표"), "spans": st.lists(st.fixed_dictionaries({
        "start": st.integers(-3, 10), "end": st.integers(-3, 10), "label": st.sampled_from(["AGENCY", "X"])}),
        max_size=3)}),
), min_size=1, max_size=5))
def test_jsonl_with_spans_is_all_or_nothing(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jl") / "in.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    project = Project.in_memory()
    report = project.import_paths([path], fmt="prodigy", annotator="kim")
    if report.rejected:
        assert project.document_count() == 0 and project.spans() == []
    else:
        for span in project.spans():
            assert project.document(span.doc_id).text[span.start:span.end] == span.text
    project.close()


def test_huge_article_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("가" * (MAX_DOCUMENT_CHARS + 1), encoding="utf-8")
    with Project.in_memory() as project:
        report = project.import_paths([path])
        assert "over the limit" in str(report.rejected[0]) and project.document_count() == 0
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a 50 MB file is refused before it is read
    with Project.in_memory() as project:
        assert "too large" in str(project.import_paths([big]).rejected[0])


def test_spans_end_before_start_and_overlapping(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(
        json.dumps({"text": "원주시가 과기정통부와", "label": [[3, 1, "AGENCY"]]}) + "\n", encoding="utf-8")
    overlap = tmp_path / "o.jsonl"
    overlap.write_text(json.dumps(
        {"text": "원주시가 과기정통부와", "label": [[0, 3, "AGENCY"], [1, 4, "TECH"]]}) + "\n", encoding="utf-8")
    with Project.in_memory() as project:
        report = project.import_paths([path, overlap], fmt="doccano", annotator="kim")
        messages = [str(e) for e in report.rejected]
        assert messages[0].endswith("d.jsonl:1: span [3, 1) AGENCY is outside the text or empty (text has 11 characters)")
        assert "o.jsonl:1: spans [0, 3) AGENCY and [1, 4) TECH overlap" in messages[1]
        assert project.document_count() == 0


def test_mixed_encoding_file_is_rejected(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("원주시 예산\n".encode("utf-8") + "과기정통부\n".encode("cp949"))
    with Project.in_memory() as project:
        report = project.import_paths([path])
        assert "mixed.txt:2: not UTF-8, UTF-16 or CP949" in str(report.rejected[0])
