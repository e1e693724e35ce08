"""``annotator export`` through the real entry point: outputs, summaries and exit codes."""

import json
import os
import subprocess
import sys

import pytest

from annotator import Project
from annotator.cli import main

from ..conftest import ROOT, write
from .test_cli import run

TEXT = "😀 교육부는 올해 인공지능 교과서에 예산 5,300억 원을 편성했다. 교육부 장관이 발표했다."


def span(word, label, text=TEXT):
    start = text.index(word)
    return {"start": start, "end": start + len(word), "label": label}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One project for the module (importing runs Kiwi): gold spans, one pair overlapping."""
    folder = tmp_path_factory.mktemp("cli-export")
    schema = (ROOT / "resources" / "schemas" / "korean-policy.toml").read_text(encoding="utf-8")
    write(folder / "schema.toml", schema.replace('overlap = "forbid"', 'overlap = "allow"'))
    spans = [span("교육부", "AGENCY"), span("인공지능 교과서", "PROGRAM"), span("인공지능", "TECH"),
             span("5,300억 원", "BUDGET")]
    lines = [{"text": TEXT, "spans": spans}, {"text": "표시가 없는 두 번째 기사이다."}]
    write(folder / "in.jsonl", "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    # Built in process: this pytest process loads Kiwi once; the commands under test run as subprocesses.
    with Project.create(folder / "p", folder / "schema.toml") as created:
        assert created.import_paths([folder / "in.jsonl"], annotator="gold").ok
    project = folder / "p"
    return project


def test_export_jsonl_summary_and_exit_0(project, tmp_path):
    """Imported gold nobody adjudicated is exported when asked for, and the summary says so."""
    result = run("export", project, "--format", "jsonl", "--out", tmp_path / "gold.jsonl", "--status", "all")
    assert result.returncode == 0, result.stderr
    assert ("Exported 1 document (4 spans: AGENCY 1, BUDGET 1, PROGRAM 1, TECH 1) from layer gold as jsonl"
            in result.stdout)
    assert "  0 marked adjudicated, 1 not (--status all)" in result.stdout
    assert "left out 1 document with no gold spans, not marked adjudicated" in result.stdout
    [line] = [json.loads(x) for x in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["text"] for s in line["spans"]] == ["교육부", "인공지능", "인공지능 교과서", "5,300억 원"]


def test_split_writes_three_files_and_json_report(project, tmp_path):
    result = run("export", project, "--format", "klue", "--out", tmp_path / "klue", "--split", "80/10/10",
                 "--seed", "4", "--status", "all", "--json")
    assert result.returncode == 1, result.stderr  # the overlapping TECH span cannot be written
    report = json.loads(result.stdout)
    assert [d["text"] for d in report["dropped"]] == ["인공지능"]
    assert report["split"].startswith("80/10/10") and report["parts"] == {"train": 1, "dev": 0, "test": 0}
    # Parts no document fell into get no (empty) file, and the report says why.
    assert sorted(p.name for p in (tmp_path / "klue").iterdir()) == ["export.json", "train.tsv"]
    assert [note.split(":")[0] for note in report["notes"]] == ["no dev part was written", "no test part was written"]


def test_dropped_overlaps_are_listed_and_exit_1(project, tmp_path):
    result = run("export", project, "--format", "conll", "--out", tmp_path / "out.conll", "--status", "all")
    assert result.returncode == 1
    assert "1 spans could not be written in conll and were left out" in result.stderr
    assert "“인공지능”: overlaps PROGRAM" in result.stderr


def test_errors_exit_2_with_one_line(project, tmp_path, capsys):
    bad_format = run("export", project, "--format", "xlsx", "--out", tmp_path / "x")
    assert bad_format.returncode == 2 and "invalid choice: 'xlsx'" in bad_format.stderr
    # The same entry point in process (a subprocess each costs a second).
    assert main(["export", str(project), "--format", "jsonl", "--out", str(tmp_path / "x"), "--split", "70/20"]) == 2
    assert "annotator: --split takes two or three percentages" in capsys.readouterr().err
    assert main(["export", str(project), "--format", "jsonl", "--out", str(tmp_path / "x"), "--source", "lee"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("annotator: no layer 'lee'") and "Traceback" not in error
    assert not (tmp_path / "x").exists()


def test_missing_extra_says_what_to_install(project, tmp_path):
    # Hide the installed libraries as if the extras were not installed.
    code = (
        "import sys; sys.modules['spacy'] = None; sys.modules['datasets'] = None\n"
        "from annotator.cli import main\n"
        f"print(main(['export', {str(project)!r}, '--format', 'spacy', '--out', {str(tmp_path / 'a')!r}]))\n"
        f"print(main(['export', {str(project)!r}, '--format', 'hf', '--out', {str(tmp_path / 'b')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.stdout.split() == ["2", "2"], result.stderr
    assert "the spacy format needs spaCy" in result.stderr and "pip install 'annotator[spacy]'" in result.stderr
    assert "pip install 'annotator[hf]'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_an_export_with_no_documents_exits_1_and_writes_nothing(project, tmp_path, capsys):
    """The default gold export takes adjudicated documents only; none is, and the message says what to do."""
    out = tmp_path / "gold.jsonl"
    assert main(["export", str(project), "--format", "jsonl", "--out", str(out), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("annotator: no documents of layer gold are marked adjudicated; 1 document with gold "
                            "spans is not (mark it adjudicated, or add --status all to export it anyway); "
                            "nothing was written to ")
    assert main(["export", str(project), "--format", "klue", "--out", str(out), "--source", "gold", "--status",
                 "done", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["documents"], report["skipped_status"], report["skipped_unannotated"]) == (0, 1, 1)
    assert list(tmp_path.iterdir()) == []
