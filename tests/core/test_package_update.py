"""Handing an annotator the next batch without showing her the others' work (issue 22, "Blind double
annotation leaks"): ``annotator package --update``, and merges into a package refused before they
reveal other layers."""

import pytest

from annotator import GOLD, Project, ProjectError
from annotator.cli import main
from annotator.core.store import assignments as assignment_store
from annotator.core.team.assignment import assign, move_unfinished
from annotator.core.team.packages.make import write_package
from annotator.core.team.packages.update import update_package

from .synthetic import Words, numbered_text
from .team_copies import dump


def layers(project) -> set[str]:
    state = dump(project)
    return ({row[1] for row in state["spans"].values()} | {key[1] for key in state["statuses"]}
            | {key[1] for key in state["notes"]})


@pytest.fixture
def team(tmp_path):
    """Round 1 done: four documents, two of kim, lee and park on each, all labelled and done; lee's
    package made and merged back; gold adjudicated in lee's first document."""
    with Project.create(tmp_path / "team") as project:
        words = [Words(project, numbered_text(8, seed)) for seed in "abcd"]
        assign(project, ["kim", "lee", "park"], 2, seed=1)
        for w in words:
            for name in ("kim", "lee", "park"):
                if w.doc_id in assignment_store.assigned_ids(project.store, name):
                    w.mark(name, 0, 0, "AGENCY")
                    project.set_status(w.doc_id, name, "done")
        lees = assignment_store.assigned_ids(project.store, "lee")
        next(w for w in words if w.doc_id == lees[0]).mark(GOLD, 0, 0, "AGENCY")
        project.mark_adjudicated(lees[0])
        write_package(project, "lee", tmp_path / "lee-package")
    return tmp_path / "team"


def next_round(team) -> tuple[list[int], int]:
    """The reviewer imports two more articles, assigns them, and returns one of lee's documents:
    (lee's new documents, the returned one)."""
    with Project.open(team) as project:
        before = set(assignment_store.assigned_ids(project.store, "lee"))
        for seed in "ef":
            Words(project, numbered_text(9, seed))
        assign(project, ["kim", "lee", "park"], 2, seed=1)
        new = sorted(set(assignment_store.assigned_ids(project.store, "lee")) - before)
        returned = sorted(before)[0]
        project.return_document(returned, "lee", "기관명을 다시 보세요")
    return new, returned


def test_merging_the_project_into_a_package_is_refused_before_it_shows_other_layers(team, tmp_path, capsys):
    next_round(team)
    package = tmp_path / "lee-package"
    with Project.open(package) as copy:
        before = dump(copy)
    assert main(["merge", str(package), str(team)]) == 2
    error = capsys.readouterr().err
    assert "would show lee the layers kim, park" in error and "documents not assigned to lee" in error
    assert f"--update {package}" in error
    with Project.open(package) as copy:
        assert dump(copy) == before
    assert main(["merge", str(package), str(team), "--reveal"]) == 0  # the reviewer says so
    assert "now shows the layers kim, park" in capsys.readouterr().err


def test_the_next_batch_brings_only_what_lee_may_see(team, tmp_path, capsys):
    package = tmp_path / "lee-package"
    with Project.open(package) as copy:  # lee goes on working after she sent her package
        first = sorted(d.id for d in copy.documents())[0]
        kept = copy.add_span(first, *copy.snap(first, 3, 5), "TECH", "lee", snap=False)
    new, returned = next_round(team)
    assert new
    assert main(["package", str(team), "--annotator", "Lee", "--update", str(package)]) == 0
    out = capsys.readouterr().out
    assert f"{len(new)} documents added, 1 returns" in out and "gold of her documents included" in out
    with Project.open(team) as project:
        lees = assignment_store.assigned_ids(project.store, "lee")
        uids = {project.document(i).uid for i in lees}
        gold = {s.uid for s in project.spans(annotator=GOLD)}
    with Project.open(package) as copy:
        assert {d.uid for d in copy.documents()} == uids  # her documents, old and new, and no one else's
        assert layers(copy) <= {"lee", GOLD}
        assert {s.uid for s in copy.spans(annotator=GOLD)} == gold
        status = copy.status(returned, "lee")
        assert (status.status, status.reason) == ("returned", "기관명을 다시 보세요")
        assert kept.uid in {s.uid for s in copy.spans(annotator="lee")}  # her work meanwhile stays
        assert {copy.document(i).uid for i in assignment_store.assigned_ids(copy.store, "lee")} == uids
    with Project.open(team) as project:  # updating again changes nothing
        assert not update_package(project, "lee", package).merge.changed


def test_gold_stays_home_unless_the_project_says_so(team, tmp_path):
    schema = team / "project.toml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("gold = true", "gold = false"), encoding="utf-8")
    with Project.open(team) as project:
        write_package(project, "kim", tmp_path / "kim-package")
        second = assignment_store.assigned_ids(project.store, "lee")[1]
        decided = project.add_span(second, *project.snap(second, 3, 5), "TECH", GOLD, snap=False)
        project.mark_adjudicated(second)
        report = update_package(project, "lee", tmp_path / "lee-package")
    assert not report.gold and GOLD not in report.merge.layers_changed()
    with Project.open(tmp_path / "kim-package") as kim:
        assert layers(kim) == {"kim"}
    assert "gold = false" in (tmp_path / "lee-package" / "project.toml").read_text(encoding="utf-8")
    with Project.open(tmp_path / "lee-package") as lee:
        assert decided.uid not in {s.uid for s in lee.spans(annotator=GOLD)}
        assert lee.status(second, GOLD).status == "new"
        with pytest.raises(ProjectError, match="would show lee the layers gold, kim, park"):
            lee.merge_from(team)


def test_documents_taken_from_lee_leave_her_list_but_not_her_package(team, tmp_path):
    with Project.open(team) as project:
        lees = assignment_store.assigned_ids(project.store, "lee")
        project.set_status(lees[-1], "lee", "in_progress")
        moved = move_unfinished(project, "lee", "choi").moved
        assert moved == [lees[-1]]
        update_package(project, "lee", tmp_path / "lee-package")
    with Project.open(tmp_path / "lee-package") as copy:
        assert moved[0] in {d.id for d in copy.documents()}
        assert moved[0] not in assignment_store.assigned_ids(copy.store, "lee")
        assert "choi" not in layers(copy)


def test_an_update_is_refused_for_a_folder_that_is_not_her_package(team, tmp_path):
    with Project.open(team) as project:
        with pytest.raises(ProjectError, match="made the package for lee, not kim"):
            update_package(project, "kim", tmp_path / "lee-package")
        with pytest.raises(ProjectError, match="not a package"):
            update_package(project, "lee", team)
    with Project.open(team) as project:
        texts = [d.text for d in project.documents()]
    with Project.create(tmp_path / "other") as other:
        for text in texts:
            Words(other, text)
        with pytest.raises(ProjectError, match="did not make"):
            update_package(other, "lee", tmp_path / "lee-package")
