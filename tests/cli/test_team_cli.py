"""``merge`` (with --prefer and --dry-run) and ``return`` from the command line."""

import json
import shutil

import pytest

from annotator import Project
from annotator.cli import main

from ..core.synthetic import Words, numbered_text
from .test_cli import run


@pytest.fixture
def folder(tmp_path):
    """kim marked words 0 and 2 of one document and marked it done."""
    with Project.create(tmp_path / "p") as project:
        w = Words(project, numbered_text(6, "a"))
        w.mark("kim", 0, 0, "AGENCY")
        w.mark("kim", 2, 2, "BUDGET")
        project.set_status(w.doc_id, "kim", "done")
    return tmp_path / "p"


def edit(folder, change):
    with Project.open(folder) as project:
        change(project, project.spans(annotator="kim", label="AGENCY")[0])


def test_merge_carries_an_edit_and_reports_per_layer(folder, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    edit(copy, lambda p, span: p.relabel_span(span.id, "TECH"))
    assert main(["merge", str(folder), str(copy)]) == 0
    out = capsys.readouterr().out
    assert "kim 1 edited" in out and "0 documents added (1 already here)" in out
    with Project.open(folder) as project:
        assert [s.label for s in project.spans(annotator="kim")] == ["TECH", "BUDGET"]
    again = json.loads(run("merge", folder, copy, "--json").stdout)  # the real entry point
    assert again["changed"] is False and again["conflicts"] == []


def test_a_conflict_exits_1_and_prefer_settles_it_dry_run_first(folder, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    edit(copy, lambda p, span: p.remove_span(span.id))
    edit(folder, lambda p, span: p.relabel_span(span.id, "TECH"))
    assert main(["merge", str(folder), str(copy)]) == 1
    captured = capsys.readouterr()
    assert "conflict: document 1" in captured.err and "here TECH" in captured.err and "there deleted" in captured.err
    assert main(["merge", str(folder), str(copy), "--prefer", "theirs", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Would merge") and "1 conflicts settled (--prefer theirs)" in out and "Dry run" in out
    with Project.open(folder) as project:
        assert [s.label for s in project.spans(annotator="kim")] == ["TECH", "BUDGET"]  # nothing written
    assert main(["merge", str(folder), str(copy), "--prefer", "theirs"]) == 0
    with Project.open(folder) as project:
        assert [s.label for s in project.spans(annotator="kim")] == ["BUDGET"]
    assert main(["merge", str(folder), str(copy)]) == 0  # settled for good


def test_return_sets_the_status_with_the_reason(folder, capsys):
    assert main(["return", str(folder), "1", "--annotator", "kim", "--reason", "  기관명 경계를 다시 보세요 "]) == 0
    assert "Returned document 1" in capsys.readouterr().out
    with Project.open(folder) as project:
        status = project.status(1, "kim")
        assert (status.status, status.reason) == ("returned", "기관명 경계를 다시 보세요") and status.returned_at


@pytest.mark.parametrize("args, message", [
    (["1", "--annotator", "kin", "--reason", "x"], "kin has no spans or status in document 1 (annotators there: kim)"),
    (["1", "--annotator", "gold", "--reason", "x"], "not to the gold layer"),
    (["1", "--annotator", "kim", "--reason", " "], "a reason is required"),
    (["7", "--annotator", "kim", "--reason", "x"], "no document 7"),
    (["zz", "--annotator", "kim", "--reason", "x"], "no document 'zz'"),
])
def test_return_refuses_what_cannot_mean_anything(folder, capsys, args, message):
    assert main(["return", str(folder), *args]) == 2
    assert message in capsys.readouterr().err
    with Project.open(folder) as project:
        assert project.status(1, "kim").status == "done"
