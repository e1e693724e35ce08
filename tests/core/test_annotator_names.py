"""Names that differ only in case are one person (issue 22): the rule in core.team.names, used by
every --annotator of the CLI, import, merges and the window."""

import pytest

from annotator import GOLD, Project
from annotator.cli import main
from annotator.core.operations import AddSpans, SetStatus
from annotator.core.records import SpanDraft
from annotator.core.store import assignments as assignment_store
from annotator.core.team.assignment import assign
from annotator.core.team.names import AnnotatorNameError, canonical_annotator, canonical_annotators
from annotator.core.team.packages.make import write_package

from ..conftest import write
from .synthetic import Words, numbered_text


@pytest.fixture
def team(tmp_path):
    with Project.create(tmp_path / "team") as project:
        words = [Words(project, numbered_text(6, seed)) for seed in "ab"]
        assign(project, ["kim", "lee"], 2)
        words[0].mark("lee", 0, 0, "AGENCY")
        words[0].mark(GOLD, 1, 1, "TECH")
    return tmp_path / "team"


def test_a_name_is_the_person_whatever_its_case(team):
    with Project.open(team) as project:
        assert canonical_annotator(project, "Lee") == "lee"
        assert canonical_annotator(project, " LEE ") == "lee"
        assert canonical_annotator(project, "GOLD") == GOLD
        assert canonical_annotator(project, "Park") == "Park"  # a new person keeps her name as typed
        assert canonical_annotators(project, ["KIM", "Lee", "park"]) == ["kim", "lee", "park"]
        with pytest.raises(AnnotatorNameError, match="kim and Kim are one person"):
            canonical_annotators(project, ["kim", "Kim"])
        with pytest.raises(AnnotatorNameError, match="annotator name"):
            canonical_annotator(project, "  ")


def test_two_layers_left_differing_only_in_case_make_a_third_spelling_ambiguous(team):
    with Project.open(team) as project:
        first = project.store.document_ids()[0]
        project.add_span(first, 0, 2, "AGENCY", "Lee", snap=False)  # what an older version let happen
        assert canonical_annotator(project, "Lee") == "Lee"  # given exactly
        with pytest.raises(AnnotatorNameError, match="one of Lee, lee, which differ only in case"):
            canonical_annotator(project, "LEE")


def test_a_package_opens_as_the_annotator_it_was_made_for(team, tmp_path):
    with Project.open(team) as project:
        write_package(project, "lee", tmp_path / "lee-package")
    with Project.open(tmp_path / "lee-package") as package:
        assert canonical_annotator(package, "Lee", working=True) == "lee"
        with pytest.raises(AnnotatorNameError, match="made for lee") as refused:
            canonical_annotator(package, "kim", working=True)
        assert refused.value.expected == "lee"
        assert canonical_annotator(package, GOLD) == GOLD  # a layer to read (export --source gold) is not a person


def test_work_done_as_lee_under_another_case_merges_into_lees_layer(team, tmp_path):
    """Lee's package opened as "Lee" by an older version: her work is hers, not a new annotator's."""
    with Project.open(team) as project:
        write_package(project, "lee", tmp_path / "lee-package")
    with Project.open(tmp_path / "lee-package") as package, package.store.transaction():
        second = sorted(d.id for d in package.documents())[1]  # written as that version did, under "Lee"
        AddSpans([SpanDraft(second, "Lee", 0, 2, "TECH")]).run(package.store)
        SetStatus(second, "Lee", "done").run(package.store)
    with Project.open(team) as project:
        report = project.merge_from(tmp_path / "lee-package")
        assert report.spans_added == {"lee": 1} and report.left_out == {}
        assert project.annotators() == [GOLD, "lee"]
        assert project.status(second, "lee").status == "done"


def test_every_annotator_option_of_the_cli_takes_the_person_whatever_the_case(team, tmp_path, capsys):
    article = write(tmp_path / "in" / "a.jsonl",
                    '{"text": "원주시가 국비를 확보했다", "spans": [{"start": 0, "end": 3, "label": "AGENCY"}]}\n')
    assert main(["import", str(team), str(article), "--annotator", "Lee", "--quiet"]) == 0
    assert "'Lee' is lee in this project" in capsys.readouterr().err
    with Project.open(team) as project:
        assert project.annotators() == [GOLD, "lee"]
        first = project.store.document_ids()[0]
    assert main(["return", str(team), str(first), "--annotator", "LEE", "--reason", "다시"]) == 0
    assert "to lee: 다시" in capsys.readouterr().out
    assert main(["queue", str(team), "--annotator", "Kim"]) == 0
    assert main(["assign", str(team), "--annotators", "kim,Kim", "--per-document", "1"]) == 2
    assert "kim and Kim are one person" in capsys.readouterr().err
    assert main(["assign", str(team), "--move", "Lee=KIM", "--dry-run"]) == 0
    assert "from lee to kim" in capsys.readouterr().out
    assert main(["package", str(team), "--annotator", "KIM", "--out", str(tmp_path / "kim-package")]) == 0
    assert "for kim" in capsys.readouterr().out
    with Project.open(team) as project:
        assert sorted(assignment_store.documents_by_annotator(project.store)) == ["kim", "lee"]
