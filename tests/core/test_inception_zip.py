"""INCEpTION's ZIPs read as they are downloaded: a document exported as UIMA CAS XMI (the .xmi and
its type system zipped), and a whole project export (a ZIP per document and user inside)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.cli.main import main
from annotator.core.errors import InputError
from annotator.core.ingest.readers import read_file

from ..reliability.test_interchange_bad_input import EDITS, mutate
from .test_interchange_readers import inception_cas, spans_of

TEXT_A = "😀 원주시가 국비 120억 원을 확보했다.\n과기정통부는 인공지능(AI)에 투자한다."
TEXT_B = "식약처가 디지털 치료기기를 허가했다."


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def document_zip(text: str, entities, name: str = "a.txt", compression=zipfile.ZIP_DEFLATED) -> bytes:
    """What INCEpTION's "export document" in UIMA CAS XMI gives: the XMI and TypeSystem.xml, zipped."""
    cas, type_system = inception_cas(text, entities, with_custom_layer=True)
    return zipped({f"{name}.xmi": cas.to_xmi().encode(), "TypeSystem.xml": type_system.to_xml().encode()},
                  compression)


def project_export() -> bytes:
    """A project export: two documents, kim and lee on the first, the curation, the initial CASes."""
    agency, budget, ministry = (2, 5, "AGENCY"), (10, 16, "BUDGET"), (24, 29, "AGENCY")
    return zipped({
        "exportedproject.json": json.dumps({"name": "정책", "source_documents": [{"name": "a.txt"}]}).encode(),
        "source/a.txt": TEXT_A.encode(),
        "annotation_ser/a.txt/kim.ser": b"\xac\xed\x00\x05 java serialisation",
        "annotation/a.txt/INITIAL_CAS.zip": document_zip(TEXT_A, [agency]),
        "annotation/a.txt/kim.zip": document_zip(TEXT_A, [agency, budget]),
        "annotation/a.txt/lee.zip": document_zip(TEXT_A, [agency, (10, 14, "BUDGET"), ministry]),
        "curation/a.txt/CURATION_USER.zip": document_zip(TEXT_A, [agency, budget, ministry]),
        "annotation/b.txt/kim.zip": document_zip(TEXT_B, [(0, 3, "AGENCY")], "b.txt"),
    })


def test_a_document_downloaded_as_xmi_is_read_from_its_zip(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(document_zip(TEXT_A, [(2, 5, "AGENCY"), (10, 16, "BUDGET")]))
    [record] = read_file(path, "auto")[0]
    assert record.text == TEXT_A and record.title == "제목" and record.annotator is None
    assert spans_of(record) == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]
    assert record.source == f"{path}!a.txt.xmi"


def test_a_project_export_brings_every_layer_and_the_curation_as_gold(tmp_path):
    path = tmp_path / "project.zip"
    path.write_bytes(project_export())
    with Project.create(tmp_path / "p") as project:
        report = project.import_paths([path])
        assert report.ok and report.documents_added == 2
        a, b = sorted(project.documents(), key=lambda doc: doc.text != TEXT_A)
        assert a.text == TEXT_A and b.text == TEXT_B

        def layer(doc, name):
            return [(s.text, s.label) for s in project.spans(doc.id, name)]

        assert layer(a, "kim") == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]
        assert layer(a, "lee") == [("원주시", "AGENCY"), ("120억", "BUDGET"), ("과기정통부", "AGENCY")]
        assert layer(a, "gold") == [("원주시", "AGENCY"), ("120억 원", "BUDGET"), ("과기정통부", "AGENCY")]
        assert layer(b, "kim") == [("식약처", "AGENCY")]
        assert sorted(project.annotators()) == ["gold", "kim", "lee"]  # the initial CAS is the text alone
        again = project.import_paths([path])
        assert again.documents_added == 0 and again.spans_added == 0


def test_the_cli_imports_a_project_export_and_names_a_bad_member(tmp_path, capsys):
    good = tmp_path / "in" / "project.zip"
    good.parent.mkdir()
    good.write_bytes(project_export())
    bad = tmp_path / "in" / "broken.zip"
    bad.write_bytes(zipped({"annotation/c.txt/kim.zip": zipped({"c.txt.xmi": b"<xmi:XMI"})}))
    assert main(["init", str(tmp_path / "p")]) == 0
    assert main(["import", str(tmp_path / "p"), str(tmp_path / "in"), "--quiet"]) == 1
    out, error = capsys.readouterr()
    assert f"{bad}!annotation/c.txt/kim.zip!c.txt.xmi:1: not UIMA CAS XMI" in error
    with Project.open(tmp_path / "p") as project:
        assert project.document_count() == 2 and sorted(project.annotators()) == ["gold", "kim", "lee"]


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04 truncated", "not a readable ZIP"),
    (zipped({"notes.txt": "메모".encode()}), "holds no UIMA CAS XMI (.xmi) or WebAnno TSV (.tsv) file"),
    (zipped({"a.xmi": b""}), "empty file"),
    (zipped({"a.xmi": b"<x/>", "TypeSystem.xml": b"<typeSystemDescription"}), "not a UIMA type system"),
])
def test_bad_zips_are_refused_with_the_file_and_member(tmp_path, data, reason):
    path = tmp_path / "x.zip"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_file(path, "auto")
    assert caught.value.path.startswith(str(path)) and reason in caught.value.reason


def test_korean_member_names_from_a_windows_zip_read_as_korean(tmp_path):
    class LegacyName(zipfile.ZipInfo):
        """A name stored as CP949 bytes without the UTF-8 flag, as Korean Windows' zip tools write it."""

        def _encodeFilenameFlags(self):
            return self.filename.encode("cp437"), self.flag_bits

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(LegacyName("기사.xmi".encode("cp949").decode("cp437")), b"not xml")
    path = tmp_path / "w.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError) as caught:
        read_file(path, "xmi")
    assert caught.value.path == f"{path}!기사.xmi"


def test_a_member_over_the_size_limit_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    from annotator.core.ingest import inception_zip

    monkeypatch.setattr(inception_zip, "MAX_MEMBER_BYTES", 1_000)
    path = tmp_path / "big.zip"
    path.write_bytes(zipped({"a.xmi": b" " * 5_000}))
    with pytest.raises(InputError, match="over the limit of 1,000"):
        read_file(path, "xmi")


def padded_xmi() -> bytes:
    """A valid XMI with 2 MB of white space after it: packs to about 2 KB, far under the cap of one member."""
    return inception_cas(TEXT_B, [(0, 3, "AGENCY")])[0].to_xmi().encode() + b" " * 2_000_000


@pytest.fixture
def unpacked(monkeypatch):
    """Counts the bytes read out of every ZIP member (zipfile's own reader, nested archives too)."""
    counted = [0]
    read = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = read(self, n)
        counted[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return counted


@pytest.mark.parametrize("bomb", [
    pytest.param(lambda xmi: zipped({f"d{i}.xmi": xmi for i in range(40)}), id="many members"),
    pytest.param(lambda xmi: zipped({f"annotation/d{i}.txt/kim.zip": zipped({f"d{i}.xmi": xmi})
                                     for i in range(40)}, zipfile.ZIP_STORED), id="a ZIP per user"),
    pytest.param(lambda xmi: zipped({"annotation/a.txt/kim.zip": zipped({f"d{i}.xmi": xmi for i in range(40)})},
                                    zipfile.ZIP_STORED), id="members of one nested ZIP"),
])
def test_a_zip_bomb_is_refused_having_unpacked_no_more_than_its_share(tmp_path, unpacked, bomb):
    from annotator.core.ingest import inception_zip

    xmi = padded_xmi()
    data = bomb(xmi)
    path = tmp_path / "bomb.zip"
    path.write_bytes(data)
    assert len(data) < 200_000 and inception_zip.MAX_MEMBER_BYTES > len(xmi)  # 80 MB in under 200 KB
    with pytest.raises(InputError, match="unpacks to more than") as caught:
        read_file(path, "inception")
    assert caught.value.path.startswith(str(path))
    assert unpacked[0] <= inception_zip.MAX_RATIO * len(data)


def test_an_archive_over_the_total_limit_is_refused_however_well_it_packs(tmp_path, monkeypatch, unpacked):
    from annotator.core.ingest import inception_zip

    monkeypatch.setattr(inception_zip, "MAX_UNPACKED_BYTES", 100_000)
    members = {f"d{i}.txt.xmi": document_zip(TEXT_B * 100, [], f"d{i}.txt") for i in range(20)}
    path = tmp_path / "big.zip"
    path.write_bytes(zipped({f"annotation/d{i}.txt/kim.zip": m for i, m in enumerate(members.values())}))
    with pytest.raises(InputError, match="over the limit of 100,000 bytes"):
        read_file(path, "inception")
    assert unpacked[0] <= 100_000


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
ZIP_SAMPLES = [document_zip(TEXT_B, [(0, 3, "AGENCY")], compression=zipfile.ZIP_STORED),
               zipped({"annotation/b.txt/kim.zip": document_zip(TEXT_B, [(0, 3, "AGENCY")],
                                                                compression=zipfile.ZIP_STORED)},
                      zipfile.ZIP_STORED)]


def check_zip(path) -> None:
    try:
        records, _ = read_file(path, "xmi")
    except InputError as error:
        assert error.path.startswith(str(path)) and error.reason and str(error).startswith(error.path)
    else:
        for record in records:
            assert isinstance(record.text, str)
            assert all(0 <= s.start <= s.end <= len(record.text) or s.start > s.end for s in record.spans)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_after_the_zip_signature_give_a_clean_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("zip") / "r.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    check_zip(path)


@FUZZ
@given(sample=st.sampled_from(ZIP_SAMPLES), edits=EDITS)
def test_mutated_inception_zips_give_records_or_a_clean_error(tmp_path_factory, sample, edits):
    path = tmp_path_factory.mktemp("zip") / "m.zip"
    path.write_bytes(mutate(sample, edits))
    check_zip(path)


def test_the_users_states_of_a_project_export_come_in_as_statuses(tmp_path):
    description = {"name": "정책", "source_documents": [{"name": "a.txt", "state": "CURATION_FINISHED"},
                                                      {"name": "b.txt", "state": "ANNOTATION_IN_PROGRESS"}],
                   "annotation_documents": [{"name": "a.txt", "user": "kim", "state": "FINISHED"},
                                            {"name": "a.txt", "user": "lee", "state": "IN_PROGRESS"},
                                            {"name": "b.txt", "user": "kim", "state": "IGNORE"},
                                            {"name": "b.txt", "user": "lee", "state": "NEW"},
                                            {"name": 7, "user": "kim", "state": "FINISHED"}]}  # ignored, not a name
    members = zipfile.ZipFile(io.BytesIO(project_export()))
    rebuilt = {name: members.read(name) for name in members.namelist()}
    rebuilt["exportedproject.json"] = json.dumps(description).encode()
    path = tmp_path / "project.zip"
    path.write_bytes(zipped(rebuilt))
    with Project.create(tmp_path / "p") as project:
        report = project.import_paths([path])
        assert report.ok and report.statuses_set == 4
        a, b = sorted(project.documents(), key=lambda doc: doc.text != TEXT_A)
        statuses = {(doc.id, name): project.status(doc.id, name).status
                    for doc in (a, b) for name in ("kim", "lee", "gold")}
        assert statuses == {(a.id, "kim"): "done", (a.id, "lee"): "in_progress", (a.id, "gold"): "adjudicated",
                            (b.id, "kim"): "skipped", (b.id, "lee"): "new", (b.id, "gold"): "new"}
        project.set_status(a.id, "kim", "flagged")  # changed here since: a second import leaves it
        assert project.import_paths([path]).statuses_set == 0
        assert project.status(a.id, "kim").status == "flagged"


def test_a_broken_project_description_is_named_with_its_line(tmp_path):
    path = tmp_path / "project.zip"
    path.write_bytes(zipped({"exportedproject.json": b'{"name": "x",\n "annotation_documents": [}',
                             "annotation/a.txt/kim.zip": document_zip(TEXT_B, [(0, 3, "AGENCY")])}))
    with pytest.raises(InputError) as caught:
        read_file(path, "auto")
    assert caught.value.path == f"{path}!exportedproject.json" and caught.value.line == 2
