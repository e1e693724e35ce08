"""Hostile and careless input gets ``FILE:LINE: reason`` and the other files go in; never a traceback."""

import errno
import json
import os

import pytest

from annotator import Project, ProjectError
from annotator.cli.main import main
from annotator.core.paths import default_schema_path
from annotator.core.store.store import Store

from ..conftest import write

GOOD = "원주시 예산\n\n원주시가 국비 120억 원을 확보했다.\n"


def import_with_a_good_file(tmp_path, name, data: bytes | str, **options):
    """Import ``name`` beside a good file; return (messages, project counts)."""
    bad = tmp_path / "in" / name
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    write(tmp_path / "in" / "good.txt", GOOD)
    with Project.in_memory() as project:
        report = project.import_paths([tmp_path / "in"], **options)
        return [str(e) for e in report.rejected], project.document_count()


@pytest.mark.parametrize("line, reason", [
    ('{"text": "원주시 예산", "meta": {"views": NaN}}', "NaN is not valid JSON"),
    ('{"text": "원주시 예산", "score": Infinity}', "Infinity is not valid JSON"),
    ('{"text": "원주시 예산", "score": -Infinity}', "-Infinity is not valid JSON"),
    ('{"text": "원주시 예산", "score": 1e999}', "the number 1e999 is too large"),
    ('{"text": "원주시 예산 \\ud83d"}', "lone surrogate U+D83D"),
    ('{"text": "원주시 예산", "title": "\\ude00 제목"}', "lone surrogate U+DE00"),
    ('{"text": "원주시 예산", "meta": {"\\ud83d": 1}}', "lone surrogate U+D83D"),
    ('{"text": "원주시 예산", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"text": "원주시 예산", "meta": ' + "[" * 100 + "]" * 100 + "}", "nested more than 64 levels deep"),
    ('{"text": "원주시 예산", "n": ' + "9" * 5000 + "}", "integer of more than 4,300 digits"),
    ('{"text": "원주시 예산", "title": 5}', "title must be text"),
    ('{"text": "원주시 예산", "spans": [{"start": ' + "1" * 5000 + ', "end": 2, "label": "AGENCY"}]}',
     "integer of more than 4,300 digits"),
])
def test_jsonl_values_json_cannot_hold_are_refused_with_file_and_line(tmp_path, line, reason):
    messages, documents = import_with_a_good_file(tmp_path, "bad.jsonl", '{"text": "첫 줄"}\n' + line + "\n")
    assert len(messages) == 1 and messages[0].startswith(f"{tmp_path / 'in' / 'bad.jsonl'}:2: ")
    assert reason in messages[0]
    assert documents == 1  # the good file went in, nothing of the bad one


def test_nan_written_by_python_into_span_attributes_is_refused(tmp_path):
    line = json.dumps({"text": "원주시가 발표", "spans": [{"start": 0, "end": 3, "label": "AGENCY",
                                                           "score": float("nan")}]})
    path = write(tmp_path / "s.jsonl", line + "\n")
    with Project.in_memory() as project:
        report = project.import_paths([path], fmt="prodigy", annotator="kim")
        assert [str(e) for e in report.rejected] == [f"{path}:1: NaN is not valid JSON (write null or a number)"]


@pytest.mark.parametrize("overlap", ["forbid", "allow"])
def test_the_same_span_twice_in_a_record_with_other_attributes_is_refused_at_its_line(tmp_path, overlap):
    span = {"start": 0, "end": 3, "label": "AGENCY"}
    twice = [{**span, "canonical": "원주시"}, {**span, "canonical": "강원 원주시"}]
    same = [{**span, "canonical": "원주시"}, {**span, "canonical": "원주시"}]
    write(tmp_path / "in" / "good.txt", GOOD)
    write(tmp_path / "in" / "same.jsonl", json.dumps({"text": "원주시는 발표했다", "spans": same}, ensure_ascii=False))
    bad = write(tmp_path / "in" / "twice.jsonl", '{"text": "첫 줄"}\n'
                + json.dumps({"text": "원주시가 발표했다", "spans": twice}, ensure_ascii=False) + "\n")
    schema = tmp_path / "schema.toml"
    schema.write_text(default_schema_path().read_text(encoding="utf-8").replace(
        'overlap = "forbid"', f'overlap = "{overlap}"'), encoding="utf-8")
    with Project.create(tmp_path / "p", schema) as project:
        report = project.import_paths([tmp_path / "in"], annotator="kim")
        assert [str(e) for e in report.rejected] == [
            f"{bad}:2: span [0, 3) AGENCY comes twice with different attributes"]
        assert project.document_count() == 2  # the good file and the one whose repeat is identical
        assert [(s.text, s.attrs) for s in project.spans()] == [("원주시", {"canonical": "원주시"})]


def labelstudio(*tasks) -> str:
    """A Label Studio export with task N on line N + 1."""
    return "[\n" + ",\n".join(json.dumps(task, ensure_ascii=False) for task in tasks) + "\n]\n"


GOOD_TASK = {"data": {"text": "원주시가 발표했다"}, "annotations": [
    {"completed_by": 3, "result": [{"value": {"start": 0, "end": 3, "labels": ["AGENCY"]}}]}]}


def _task(annotation=None, result=None, value=None, data=None, task=None):
    if task is not None:
        return task
    value = {"start": 0, "end": 3, "labels": ["AGENCY"]} if value is None else value
    result = [{"value": value}] if result is None else result
    annotation = {"result": result} if annotation is None else annotation
    return {"data": data or {"text": "원주시가 발표했다"}, "annotations": [annotation]}


@pytest.mark.parametrize("bad, reason", [
    (_task(task=["not", "a", "task"]), "task 2 is not an object"),
    (_task(data={"text": 5}), "task 2: no data.text"),
    (_task(annotation="done"), "task 2: an annotation is not an object"),
    (_task(result={"value": {}}), "task 2: annotation result is not a list"),
    (_task(result=["x"]), "task 2: a result is not an object"),
    (_task(value=[0, 3]), "task 2: a result value is not an object"),
    (_task(value={"start": 0, "labels": ["AGENCY"]}), "task 2: a labelled result has no end"),
    (_task(value={"start": 0, "end": 3, "labels": "AGENCY"}), "task 2: labels must be a list of names"),
    (_task(value={"start": 0, "end": 3, "labels": 5}), "task 2: labels must be a list of names"),
    (_task(value={"start": 0, "end": 3, "labels": [5]}), "task 2: span label must be a non-empty string"),
    (_task(value={"start": "0", "end": 3, "labels": ["AGENCY"]}), "task 2: span offsets must be whole numbers"),
    (_task(value={"start": -4, "end": 3, "labels": ["AGENCY"]}), "task 2: span [-4, 3) AGENCY is outside"),
    (_task(data={"text": "원주시가 발표했다", "title": 12}), "task 2: title must be text"),
    ({"data": {"text": "원주시"}, "annotations": {"result": []}}, "task 2: annotations must be a list"),
])
def test_malformed_label_studio_is_refused_naming_task_and_line(tmp_path, bad, reason):
    messages, documents = import_with_a_good_file(tmp_path, "ls.json", labelstudio(GOOD_TASK, bad))
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{tmp_path / 'in' / 'ls.json'}:3: "), messages[0]
    assert reason in messages[0]
    assert documents == 1


def test_label_studio_negative_offsets_before_an_emoji_are_not_moved_to_zero(tmp_path):
    task = {"data": {"text": "😀 원주시가 발표"}, "annotations": [
        {"result": [{"value": {"start": -2, "end": 5, "labels": ["AGENCY"]}}]}]}
    messages, _ = import_with_a_good_file(tmp_path, "ls.json", labelstudio(task))
    assert "ls.json:2: task 1: span [-2, 5) AGENCY is outside the text" in messages[0]


def test_file_names_that_are_not_utf8_are_imported_under_a_readable_name(tmp_path):
    folder = tmp_path / "zip"
    cp949 = folder / os.fsdecode("원주시 보도자료".encode("cp949") + b".txt")
    garbage = folder / os.fsdecode(b"\xff\xfe\xfd.txt")
    write(cp949, GOOD)
    write(garbage, "식약처 허가\n\n식약처가 디지털 치료기기를 허가했다.\n")
    write(folder / "bad.jsonl", '{"text": NaN}\n')
    with Project.in_memory() as project:
        report = project.import_paths([folder])
        assert report.documents_added == 2
        assert [str(e) for e in report.rejected] == [f"{folder / 'bad.jsonl'}:1: NaN is not valid JSON (write null or a number)"]
        sources = sorted(d.source for d in project.documents())
        assert sources == sorted([str(folder / "원주시 보도자료.txt"), str(folder) + "/\\xff\\xfe\\xfd.txt"])


def test_a_bad_file_with_a_non_utf8_name_is_reported_under_a_readable_name(tmp_path, capsys):
    bad = tmp_path / os.fsdecode("예산".encode("cp949") + b".jsonl")
    write(bad, '{"text": 1}\n')
    with Project.create(tmp_path / "p"):
        pass
    assert main(["import", str(tmp_path / "p"), str(bad), "--quiet"]) == 1
    assert f"{tmp_path / '예산.jsonl'}:1: missing or empty \"text\"" in capsys.readouterr().err


def test_a_missing_input_path_is_one_rejected_input_and_the_others_go_in(tmp_path, capsys):
    write(tmp_path / "in" / "a.txt", GOOD)
    with Project.create(tmp_path / "p"):
        pass
    code = main(["import", str(tmp_path / "p"), str(tmp_path / "in" / "a.txt"), str(tmp_path / "nowhere.txt"),
                 "--quiet"])
    out, error = capsys.readouterr()
    assert code == 1
    assert f"annotator: {tmp_path / 'nowhere.txt'}: no such file or folder" in error
    assert "from 1 of 2 files; 1 rejected" in out
    assert "-1" not in out


# -- disk full -------------------------------------------------------------------------------


def _fill_the_disk(monkeypatch):
    """Every project opened from now on is on a "full disk": SQLite cannot grow its file."""
    real_init = Store.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(Store, "__init__", init)


def test_import_on_a_full_disk_names_the_database_and_says_so(tmp_path, monkeypatch, capsys):
    for n in range(40):
        write(tmp_path / "in" / f"{n:02}.txt", f"기사 {n}\n\n" + "원주시가 국비 120억 원을 확보했다. " * 40)
    with Project.create(tmp_path / "p"):
        pass
    _fill_the_disk(monkeypatch)
    with Project.open(tmp_path / "p", backup=False) as project:
        with pytest.raises(ProjectError, match="the disk is full") as caught:
            project.import_paths([tmp_path / "in"])
        assert str(caught.value).startswith(str(tmp_path / "p" / "project.db"))
        assert project.document_count() == 0
    assert main(["import", str(tmp_path / "p"), str(tmp_path / "in"), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'p' / 'project.db'}: the disk is full" in error and "internal error" not in error


def test_storing_suggestions_on_a_full_disk_names_the_database(tmp_path, monkeypatch, capsys):
    write(tmp_path / "in" / "a.txt", "원주시 예산\n\n" + "원주시가 국비 120억 원을 확보했다. 식약처가 발표했다.\n" * 300)
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "in"])
    _fill_the_disk(monkeypatch)
    assert main(["suggest", str(tmp_path / "p"), "--apply-as", "kim", "--quiet"]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'p' / 'project.db'}: the disk is full" in error and "internal error" not in error


def test_export_on_a_full_disk_names_the_output_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    write(tmp_path / "in" / "a.txt", GOOD)
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "in"])
        doc = next(project.documents())
        project.add_span(doc.id, doc.text.index("원주시가"), doc.text.index("원주시가") + 3, "AGENCY", "gold", snap=False)
        project.mark_adjudicated(doc.id)
    from annotator.core.export import formats

    real_open = formats.open if hasattr(formats, "open") else open

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(formats, "open", lambda *a, **k: FullDisk(real_open(*a, **k)), raising=False)
    out = tmp_path / "out" / "gold.jsonl"
    assert main(["export", str(tmp_path / "p"), "--format", "jsonl", "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert f"annotator: {out}: the disk is full" in error
    assert list((tmp_path / "out").iterdir()) == []



def test_merge_on_a_full_disk_names_the_database_and_merges_nothing(tmp_path, monkeypatch, capsys):
    with Project.create(tmp_path / "p") as project:
        project.import_paths([write(tmp_path / "in" / "a.txt", GOOD)])
    with Project.create(tmp_path / "copy") as copy:
        for n in range(30):
            write(tmp_path / "more" / f"{n:02}.txt", f"기사 {n}\n\n" + "원주시가 국비 120억 원을 확보했다. " * 60)
        copy.import_paths([tmp_path / "more"])
    _fill_the_disk(monkeypatch)
    with Project.open(tmp_path / "p", backup=False) as project:
        with pytest.raises(ProjectError, match="the disk is full; nothing was merged") as caught:
            project.merge_from(tmp_path / "copy", trust_full_copy=True)  # a project made apart
        assert str(caught.value).startswith(str(tmp_path / "p" / "project.db"))
        assert project.document_count() == 1
    assert main(["merge", str(tmp_path / "p"), str(tmp_path / "copy"), "--trust-full-copy"]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'p' / 'project.db'}: the disk is full" in error and "internal error" not in error


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system of its own (tmpfs), where the test can run out of space for real."""
    import subprocess

    mount = tmp_path / "small-disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder):
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_opening_a_project_on_a_really_full_disk_says_the_disk_is_full(small_disk, capsys):
    with Project.create(small_disk / "p") as project:
        project.import_paths([write(small_disk / "a.txt", GOOD)])
    _fill(small_disk)
    assert main(["stats", str(small_disk / "p")]) == 2
    error = capsys.readouterr().err
    assert f"{small_disk / 'p' / 'project.db'}: cannot open database: the disk is full" in error
    assert "free some space" in error
    (small_disk / "filler").unlink()
    with Project.open(small_disk / "p", backup=False) as project:
        assert project.document_count() == 1


def test_an_open_that_fails_on_a_nearly_full_disk_says_the_disk_is_full(tmp_path, monkeypatch):
    import shutil
    import sqlite3

    with Project.create(tmp_path / "p"):
        pass

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite3, "connect", refuse)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10 << 30, 10 << 30, 12_288))
    with pytest.raises(ProjectError, match=r"project.db: cannot open database: the disk is full \(12.0 KB free\)"):
        Project.open(tmp_path / "p", backup=False)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10 << 30, 1 << 30, 9 << 30))
    with pytest.raises(ProjectError, match=r"project.db: cannot open database \(disk I/O error\)"):
        Project.open(tmp_path / "p", backup=False)

# -- the reserved gold layer: one rule -----------------------------------------------------------


def test_gold_takes_curated_imports_but_never_suggestions(tmp_path, capsys):
    path = write(tmp_path / "gold.jsonl", json.dumps(
        {"text": "원주시가 발표했다", "spans": [{"start": 0, "end": 3, "label": "AGENCY"}]}, ensure_ascii=False) + "\n")
    with Project.create(tmp_path / "p"):
        pass
    assert main(["import", str(tmp_path / "p"), str(path), "--annotator", "gold", "--quiet"]) == 0
    for name in ("gold", " gold", "gold\n"):
        assert main(["suggest", str(tmp_path / "p"), "--apply-as", name, "--quiet"]) == 2
    error = capsys.readouterr().err
    assert "the gold layer holds reviewed spans only" in error and "spaces at its ends" in error
    assert "control characters" in error
    with Project.open(tmp_path / "p") as project:
        assert [(s.annotator, s.text) for s in project.spans()] == [("gold", "원주시")]


def test_import_refuses_a_layer_name_with_spaces_at_its_ends(tmp_path, capsys):
    with Project.create(tmp_path / "p"):
        pass
    write(tmp_path / "a.txt", GOOD)
    assert main(["import", str(tmp_path / "p"), str(tmp_path / "a.txt"), "--annotator", "kim ", "--quiet"]) == 2
    assert "--annotator: layer name 'kim ' has spaces at its ends" in capsys.readouterr().err


def test_a_label_studio_layer_name_the_rule_refuses_names_the_task(tmp_path):
    task = {**GOOD_TASK, "annotations": [{**GOOD_TASK["annotations"][0], "completed_by": "kim\t"}]}
    messages, _ = import_with_a_good_file(tmp_path, "ls.json", labelstudio(task))
    assert "ls.json:2: task 1: layer name 'kim\\t' must be 1 to 100 characters without control" in messages[0]


def test_nikl_json_with_a_number_python_cannot_convert_is_refused_with_its_line(tmp_path):
    text = '{"id": "x",\n "document": [{"id": "d", "metadata": {"n": ' + "7" * 5000 + '}, "sentence": []}]}\n'
    messages, _ = import_with_a_good_file(tmp_path, "ne.json", text, fmt="nikl")  # --format nikl: .json only
    assert messages == [f"{tmp_path / 'in' / 'ne.json'}:2: JSON holds an integer of more than 4,300 digits"]
