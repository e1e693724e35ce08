"""The new readers (klue, nikl, naver, conllu, xmi, webanno) on random and mutated input: records or a clean
``InputError`` naming the file (and the line, unless the whole file is the problem); never a crash,
never part of a file stored."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.ingest.readers import read_file
from annotator.core.label_map import LabelMap

from ..core.test_interchange_readers import CONLLU_SAMPLE, KLUE_SAMPLE, inception_cas, nikl_sample
from ..core.test_webanno_tsv import sample as webanno_sample

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
# Reasons without a line (the ZIP ones: bytes that happen to start as a ZIP are read as INCEpTION's).
WHOLE_FILE = ("empty file", "no sentences", "no documents", "cannot read", "not a readable ZIP",
              "holds no UIMA CAS XMI", "cannot be unpacked", "no sentences (no #Text=")


def samples() -> dict[str, bytes]:
    naver = "1\t원주시가\tORG_B\n2\t국비\t-\n3\t120억\tNUM_B\n4\t원을\tNUM_I\n\n1\t과기정통부는\tORG_B\n"
    cas, _ = inception_cas("😀 원주시가 120억 원을 받았다.", [(2, 5, "AGENCY"), (7, 13, "BUDGET")])
    return {
        "klue": KLUE_SAMPLE.encode(),
        "nikl": json.dumps(nikl_sample(), ensure_ascii=False, indent=1).encode(),
        "naver": naver.encode(),
        "conllu": CONLLU_SAMPLE.encode(),
        "xmi": cas.to_xmi().encode(),
        "webanno": webanno_sample().replace("|QT", "").encode(),  # stacked QT would overlap BUDGET once mapped
    }


SAMPLES = samples()
FORMATS = sorted(SAMPLES)
# The samples' labels onto the default schema's; any other label is left out.
LABELS = LabelMap({"OG": "AGENCY", "ORG": "AGENCY", "OGG_POLITICS": "AGENCY", "AGENCY": "AGENCY",
                   "QT": "BUDGET", "NUM": "BUDGET", "QT_PRICE": "BUDGET", "BUDGET": "BUDGET"}, import_unmapped="drop")


def mutate(data: bytes, edits) -> bytes:
    """Apply (kind, position, byte) edits: delete, insert, replace a byte, or duplicate or drop a line."""
    out = bytearray(data)
    for kind, position, value in edits:
        if not out:
            break
        at = position % len(out)
        if kind == "delete":
            del out[at]
        elif kind == "insert":
            out.insert(at, value)
        elif kind == "replace":
            out[at] = value
        else:
            lines = bytes(out).split(b"\n")
            index = position % len(lines)
            lines[index:index + 1] = [lines[index]] * 2 if kind == "duplicate-line" else []
            out = bytearray(b"\n".join(lines))
    return bytes(out)


EDITS = st.lists(st.tuples(st.sampled_from(["delete", "insert", "replace", "duplicate-line", "drop-line"]),
                           st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6)


def check_read(path, fmt) -> None:
    try:
        records, _ = read_file(path, fmt)
    except InputError as error:
        assert error.path in (str(path), str(path.parent / "TypeSystem.xml")) or error.path.startswith(f"{path}!")
        assert error.line is not None or error.reason.startswith(WHOLE_FILE), error
        assert str(error).startswith(f"{error.path}:") and error.reason
    else:
        assert records and all(isinstance(r.text, str) for r in records)
        for record in records:
            assert all(isinstance(s.start, int) and isinstance(s.end, int) and s.label for s in record.spans)


@SETTINGS
@given(fmt=st.sampled_from(FORMATS), data=st.binary(max_size=300))
def test_random_bytes_give_records_or_a_clean_error(tmp_path_factory, fmt, data):
    path = tmp_path_factory.mktemp("random") / f"input.{fmt}"
    path.write_bytes(data)
    check_read(path, fmt)


@SETTINGS
@given(fmt=st.sampled_from(FORMATS), edits=EDITS)
def test_mutated_valid_files_give_records_or_a_clean_error(tmp_path_factory, fmt, edits):
    path = tmp_path_factory.mktemp("mutated") / f"input.{fmt}"
    path.write_bytes(mutate(SAMPLES[fmt], edits))
    check_read(path, fmt)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(fmt=st.sampled_from(FORMATS), edits=EDITS)
def test_a_mutated_file_is_stored_whole_or_not_at_all(tmp_path_factory, fmt, edits):
    folder = tmp_path_factory.mktemp("import")
    good = folder / f"good.{fmt}"
    good.write_bytes(SAMPLES[fmt])
    bad = folder / f"bad.{fmt}"
    bad.write_bytes(mutate(SAMPLES[fmt], edits))
    with Project.in_memory() as project:
        report = project.import_paths([bad], fmt=fmt, annotator="kim", label_map=LABELS)
        if report.rejected:
            assert project.document_count() == 0 and project.spans() == []
            assert all(str(e).startswith(str(bad)) for e in report.rejected)
        for span in project.spans():
            assert project.document(span.doc_id).text[span.start:span.end] == span.text
        # the other file goes in whatever happened to this one
        assert project.import_paths([good], fmt=fmt, annotator="lee", label_map=LABELS).ok
