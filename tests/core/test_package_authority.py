"""A package merges back only its annotator's work (issue 21 §2), tried as a hostile annotator would:
kim holds only her package and edits its database with sqlite3; the reviewer runs the ordinary
``annotator merge``. Whatever she changed outside her own layer is left out and reported."""

import json
import shutil
import sqlite3
from datetime import date

import pytest

from annotator import GOLD, Project
from annotator.cli import main
from annotator.core.store import activity as activity_store
from annotator.core.store import assignments as assignment_store
from annotator.core.team.activity import save_active_time
from annotator.core.team.assignment import assign
from annotator.core.team.packages.make import write_package
from annotator.core.store.store import now

from .synthetic import Words, numbered_text
from .team_copies import dump

TODAY = date.today().isoformat()
FUTURE = "9999-12-31T23:59:59.999999+00:00"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The reviewer's project: four documents, each assigned to kim and lee, both labelled; gold
    adjudicated in the first two; the second returned to kim with a reason. And kim's package, in
    which she did her own work first: a span in the third document, marked in progress. Built once;
    each test works on copies of the folders (``team``, ``package``)."""
    root = tmp_path_factory.mktemp("built")
    with Project.create(root / "team") as project:
        words = [Words(project, numbered_text(8, seed)) for seed in "abcd"]
        assign(project, ["kim", "lee"], 2)
        for w in words:
            for name in ("kim", "lee"):
                w.mark(name, 0, 0, "AGENCY")
                project.set_status(w.doc_id, name, "done")
        for w in words[:2]:
            w.mark(GOLD, 0, 0, "AGENCY")
            w.mark(GOLD, 5, 5, "TECH")
            project.mark_adjudicated(w.doc_id)
        project.return_document(words[1].doc_id, "kim", "단위까지 넣어 주세요")
        save_active_time(project.store, "kim", {(words[0].doc_id, TODAY): 600.0})
        write_package(project, "kim", root / "kim-package")
    with Project.open(root / "kim-package") as copy:
        third = sorted(d.id for d in copy.documents())[2]
        text = copy.document(third).text
        copy.add_span(third, text.index(" ") + 1, text.index(" ", text.index(" ") + 1), "TECH", "kim", snap=False)
        copy.set_status(third, "kim", "in_progress")
    return root


@pytest.fixture
def team(built, tmp_path):
    shutil.copytree(built / "team", tmp_path / "team")
    return tmp_path / "team"


@pytest.fixture
def package(built, team, tmp_path):
    shutil.copytree(built / "kim-package", tmp_path / "kim-package")
    return tmp_path / "kim-package"


def hack(folder, *statements, **values):
    """What kim can do with sqlite3 on her package: any SQL (``{t}`` is a time of now, ``{today}`` today)."""
    values = {"t": now(), "today": TODAY, **values}
    conn = sqlite3.connect(folder / "project.db")
    for sql in statements:
        conn.execute(sql.format(**values))
    conn.commit()
    conn.close()


def everything(folder) -> dict:
    with Project.open(folder) as project:
        return dump(project)


def not_kims(folder) -> dict:
    """Everything in the reviewer's project that only the reviewer or others may change."""
    with Project.open(folder) as project:
        state = dump(project)
        kim_statuses = {key: row for key, row in state["statuses"].items() if key[1] == "kim"}
        return {
            "documents": state["documents"],
            "spans": {uid: row for uid, row in state["spans"].items() if row[1] != "kim"},
            "tombstones": {uid: row for uid, row in state["tombstones"].items() if row[1] != "kim"},
            "statuses": {key: row for key, row in state["statuses"].items() if key[1] != "kim"},
            "returns": {key: row[2:4] for key, row in kim_statuses.items()},  # reason, returned_at
            "rejections": {key: row for key, row in state["rejections"].items() if key[1] != "kim"},
            "notes": {key: row for key, row in state["notes"].items() if key[1] != "kim"},
            "assignments": assignment_store.assignment_rows(project.store, withdrawn=True),
            "kim's active time": activity_store.active_time_rows(project.store, "kim"),
        }


def merge(team, package, capsys, *options) -> tuple[int, str, str]:
    code = main(["merge", str(team), str(package), *options])
    out, err = capsys.readouterr()
    return code, out, err


def kims_own_work_came_in(team) -> bool:
    with Project.open(team) as project:
        third = sorted(d.id for d in project.documents())[2]
        return ([s.label for s in project.spans(third, "kim")] == ["AGENCY", "TECH"]
                and project.status(third, "kim").status == "in_progress")


ATTACKS = {
    "tombstones for gold spans": [
        "INSERT INTO span_tombstones (uid, doc_id, annotator, start, end, label, rev, history, deleted_at)"
        " SELECT uid, doc_id, annotator, start, end, label, 'f0' || rev, trim(history || ' ' || rev), '{t}'"
        " FROM spans WHERE annotator = 'gold'",
        "DELETE FROM spans WHERE annotator = 'gold'"],
    "gold relabelled": [
        "UPDATE spans SET label = 'PROGRAM', rev = 'f1' || rev, history = trim(history || ' ' || rev),"
        " updated_at = '{t}' WHERE annotator = 'gold'"],
    "spans added to lee's layer and to gold": [
        "INSERT INTO spans (uid, doc_id, annotator, start, end, label, rev, created_at, updated_at)"
        " SELECT 'forged-' || layer || doc_id, doc_id, layer, 0, 2, 'TECH', 'r', '{t}', '{t}'"
        " FROM assignments, (SELECT 'lee' AS layer UNION SELECT 'gold') WHERE annotator = 'kim'"],
    "gold's and lee's statuses forged": [
        "UPDATE statuses SET status = 'new', updated_at = '{t}' WHERE annotator = 'gold'",
        "INSERT INTO statuses (doc_id, annotator, status, comment, updated_at)"
        " SELECT doc_id, 'lee', 'skipped', 'forged', '{t}' FROM assignments WHERE annotator = 'kim'"],
    "kim's own return cleared": [
        "UPDATE statuses SET status = 'done', reason = '', returned_at = '', updated_at = '{t}'"
        " WHERE annotator = 'kim' AND status = 'returned'"],
    "lee's assignments withdrawn": [
        "INSERT INTO assignments (doc_id, annotator, calibration, withdrawn, updated_at)"
        " SELECT doc_id, 'lee', 0, 1, '{t}' FROM assignments WHERE annotator = 'kim'",
        "UPDATE assignments SET withdrawn = 1, updated_at = '{t}' WHERE annotator = 'kim'"],
    "kim's active time set to 24 hours a day": [
        "INSERT OR REPLACE INTO active_time (doc_id, annotator, day, seconds, updated_at)"
        " SELECT doc_id, 'kim', '{today}', 86400, '{t}' FROM assignments WHERE annotator = 'kim'"],
    "gold spans moved into kim's layer": [
        "UPDATE spans SET annotator = 'kim', rev = 'f2' || rev, history = trim(history || ' ' || rev),"
        " updated_at = '{t}' WHERE annotator = 'gold'"],
    "gold's candidate rejected and noted": [
        "INSERT INTO rejections (doc_id, layer, start, end, label, rejected, note, created_at, updated_at)"
        " SELECT doc_id, 'gold', 0, 2, 'TECH', 1, 'forged', '{t}', '{t}' FROM assignments WHERE annotator = 'kim'",
        "INSERT INTO document_notes (doc_id, layer, note, updated_at)"
        " SELECT doc_id, 'gold', 'forged', '{t}' FROM assignments WHERE annotator = 'kim'"],
}


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_package_brings_back_only_its_annotators_work(team, package, capsys, attack):
    before = not_kims(team)
    hack(package, *ATTACKS[attack])
    code, out, err = merge(team, package, capsys)
    assert code == 0, err
    assert "kim's package" in out
    assert "left out, as only kim's own work is taken from it" in err
    assert not_kims(team) == before
    assert kims_own_work_came_in(team)
    code, _, err = merge(team, package, capsys, "--strict")
    assert code == 1 and "left out" in err  # reported again, every time, until someone looks


def test_the_summary_counts_what_was_left_out_by_table_and_layer(team, package, capsys):
    hack(package, *ATTACKS["gold relabelled"], *ATTACKS["lee's assignments withdrawn"])
    code, out, err = merge(team, package, capsys, "--json")
    copy = json.loads(out)["copy"]
    assert copy["kind"] == "package" and copy["annotator"] == "kim"
    assert copy["left_out"] == {"spans": {GOLD: 4}, "assignments": {"lee": 4, "kim": 4}}


def test_a_year_9999_stamp_refuses_the_package_and_breaks_nothing_later(team, package, capsys):
    before = everything(team)
    hack(package, "UPDATE statuses SET status = 'adjudicated', updated_at = '{future}' WHERE annotator = 'gold'",
         future=FUTURE)
    code, _, err = merge(team, package, capsys)
    assert code == 2 and "in the future" in err and "nothing was merged" in err
    with Project.open(team) as project:
        assert dump(project) == before  # nothing was merged
        first = sorted(d.id for d in project.documents())[0]
        project.return_document(first, "lee", "다시 봐 주세요")
        project.set_status(first, GOLD, "in_progress")


def test_a_forged_stamp_already_stored_breaks_no_later_change(team):
    """A project that took a forged time before copies were checked still takes returns and statuses."""
    hack(team, "UPDATE statuses SET updated_at = '{future}'", future=FUTURE)
    with Project.open(team) as project:
        first = sorted(d.id for d in project.documents())[0]
        project.return_document(first, "kim", "다시")
        project.set_status(first, "lee", "in_progress")
        assert project.status(first, "kim").status == "returned"


@pytest.mark.parametrize("stamp, reason", [
    ("yesterday", "is not a time"), ("2026-13-01T00:00:00+00:00", "not a valid time"),
    ("2026-01-01T09:00:00+09:00", "is not a time"), (FUTURE, "in the future"),
    ("2001-01-01T00:00:00+00:00", "before the project began")])
def test_times_in_a_full_copy_are_checked_like_any_content(team, tmp_path, capsys, stamp, reason):
    copy = tmp_path / "copy"
    shutil.copytree(team, copy)
    hack(copy, "UPDATE spans SET updated_at = '{stamp}' WHERE annotator = 'lee'", stamp=stamp)
    code, _, err = merge(team, copy, capsys)
    assert code == 2 and "spans row" in err and reason in err


def test_kim_fixing_her_return_comes_back_with_the_reviewers_reason(team, package):
    with Project.open(package) as copy:
        second = sorted(d.id for d in copy.documents())[1]
        assert copy.status(second, "kim").status == "returned"
        copy.set_status(second, "kim", "done")
    with Project.open(team) as project:
        report = project.merge_from(package)
        assert report.left_out == {}
        status = project.status(second, "kim")
        assert (status.status, status.reason) == ("done", "단위까지 넣어 주세요")
        assert [(r.annotator, r.state) for r in project.returns()] == [("kim", "fixed")]


def test_a_package_that_never_saw_a_return_does_not_answer_it(team, tmp_path):
    out = tmp_path / "early"
    with Project.open(team) as project:
        write_package(project, "kim", out)
        first = sorted(d.id for d in project.documents())[0]
        project.return_document(first, "kim", "나중에 반려")
    with Project.open(out) as copy:
        copy.set_status(first, "kim", "in_progress")  # after the return, but without it
    with Project.open(team) as project:
        report = project.merge_from(out)
        assert report.left_out == {"returns": {"kim": 1}}
        assert project.status(first, "kim").status == "returned"


def test_an_edited_record_of_whom_the_package_is_for_widens_nothing(team, package, capsys):
    before = not_kims(team)
    hack(package, "UPDATE project_meta SET value = 'lee' WHERE key = 'package_annotator'",
         *ATTACKS["spans added to lee's layer and to gold"])
    code, out, err = merge(team, package, capsys)
    assert code == 0 and "kim's package" in out
    assert "record was changed to name 'lee'" in err
    assert not_kims(team) == before


@pytest.mark.parametrize("edit, refusal", [
    ("DELETE FROM project_meta WHERE key LIKE 'package%'", "neither a copy of this project nor a package it made"),
    ("UPDATE project_meta SET value = 'feed' || value WHERE key = 'package_id'", "that this project did not make"),
    ("UPDATE project_meta SET value = 'feed' WHERE key = 'project_id'", None),  # its own id: nothing to gain
])
def test_a_package_whose_record_is_removed_or_forged_is_refused(team, package, capsys, edit, refusal):
    before = everything(team)
    hack(package, edit, *ATTACKS["gold relabelled"])
    code, out, err = merge(team, package, capsys)
    if refusal is None:
        assert code == 0 and "kim's package" in out and not_kims(team)["spans"] == {
            u: r for u, r in before["spans"].items() if r[1] != "kim"}
        return
    assert code == 2 and refusal in err
    assert everything(team) == before


def test_the_reviewer_can_take_an_unrecorded_copy_as_one_annotators(team, package, capsys):
    before = not_kims(team)
    hack(package, "DELETE FROM project_meta WHERE key LIKE 'package%'", *ATTACKS["gold relabelled"])
    code, out, err = merge(team, package, capsys, "--as-package", "kim")
    assert code == 0 and "as kim's work only" in out and "left out" in err
    assert not_kims(team) == before and kims_own_work_came_in(team)


def test_a_full_copy_is_merged_whole_and_says_so(team, tmp_path, capsys):
    copy = tmp_path / "reviewer-2"
    shutil.copytree(team, copy)
    with Project.open(copy) as second:
        first = sorted(d.id for d in second.documents())[0]
        second.relabel_span(second.spans(first, GOLD)[0].id, "PROGRAM")
    code, out, err = merge(team, copy, capsys)
    assert code == 0 and "a full copy of this project" in out and "gold 1 edited" in out
    assert "left out" not in err


def test_packages_made_in_one_full_copy_are_known_to_the_other(team, tmp_path, capsys):
    manager = tmp_path / "manager"
    shutil.copytree(team, manager)
    with Project.open(manager) as project:
        write_package(project, "lee", tmp_path / "lee-package")
    code, _, err = merge(team, tmp_path / "lee-package", capsys)
    assert code == 2 and "did not make" in err  # the reviewer has not heard of it yet
    assert merge(team, manager, capsys)[0] == 0  # now it has
    code, out, _ = merge(team, tmp_path / "lee-package", capsys)
    assert code == 0 and "lee's package" in out


def test_check_and_merge_read_one_snapshot_of_the_copy(team, package, monkeypatch):
    """Rows written into the copy between the check and the merge do not come in unchecked."""
    from annotator.core.team.merge import copies as merge_module

    checked = merge_module.check_copy

    def check_then_write(other, *rest):
        checked(other, *rest)
        hack(package, "UPDATE spans SET end = 999999, attrs = '{{\"x\": NaN}}' WHERE annotator = 'kim'")

    monkeypatch.setattr(merge_module, "check_copy", check_then_write)
    with Project.open(team) as project:
        project.merge_from(package)
        assert all(s.end < 100 for s in project.spans(annotator="kim"))
        assert all("NaN" not in str(s.attrs) for s in project.spans(annotator="kim"))


def test_copies_of_a_project_from_before_identities_still_know_each_other(team, tmp_path, capsys):
    """Two copies of one project's folder, made before projects had ids and upgraded apart, are still
    full copies of each other."""
    hack(team, "DELETE FROM project_meta WHERE key IN ('project_id', 'created_at')", "DROP TABLE issued_packages",
         "DELETE FROM _sqlite_migrations WHERE name = '0009_package_identity'")  # as 0008 left it
    shutil.copytree(team, tmp_path / "kim")
    Project.open(tmp_path / "kim").close()  # upgraded now; the reviewer's copy upgrades at the merge
    code, out, _ = merge(team, tmp_path / "kim", capsys)
    assert code == 0 and "a full copy of this project" in out


def test_on_a_server_the_manager_packages_and_merges_back_only_kims_work(tmp_path, server_url, capsys):
    owner = tmp_path / "owner"
    with Project.create(owner, server=server_url) as project:
        words = [Words(project, numbered_text(6, seed)) for seed in "ab"]
        for w in words:
            w.mark(GOLD, 0, 0, "AGENCY")
    assert main(["server-roles", str(owner), "--annotators", "kim", "--managers", "boss"]) == 0
    capsys.readouterr()
    with Project.create(tmp_path / "boss", server=server_url.replace("user=annotator_admin", "user=boss")) as boss:
        assign(boss, ["kim"], per_document=1)
        write_package(boss, "kim", tmp_path / "kim-package")
    with Project.open(tmp_path / "kim-package") as copy:
        copy.add_span(words[0].doc_id, *words[0].span(1), "TECH", "kim", snap=False)
    hack(tmp_path / "kim-package", *ATTACKS["gold relabelled"])
    code, out, err = merge(tmp_path / "boss", tmp_path / "kim-package", capsys)
    assert code == 0 and "kim's package" in out and "2 spans (gold 2)" in err
    with Project.open(owner) as project:
        assert [s.label for s in project.spans(annotator=GOLD)] == ["AGENCY", "AGENCY"]
        assert [s.label for s in project.spans(annotator="kim")] == ["TECH"]


def test_a_package_refuses_adjudication_in_the_core(team, package):
    """Review happens in the project that made the package: gold, returns and other layers are refused."""
    from annotator.core.errors import ProjectError

    with Project.open(package) as copy:
        first, second, third = sorted(d.id for d in copy.documents())[:3]
        gold = copy.spans(first, GOLD)[0]
        kims = copy.spans(third, "kim")[0]  # not in gold yet
        refusals = [
            lambda: copy.adjudicate(all_documents=True),
            lambda: copy.accept_into_gold(kims.id),
            lambda: copy.accept_candidate(third, kims.start, kims.end, "AGENCY"),
            lambda: copy.reject_candidate(first, 2, 4, "TECH"),
            lambda: copy.mark_adjudicated(third),
            lambda: copy.relabel_span(gold.id, "PROGRAM"),
            lambda: copy.remove_span(gold.id),
            lambda: copy.add_span(third, 0, 2, "TECH", "lee", snap=False),
            lambda: copy.return_document(first, "kim", "스스로 반려"),
            lambda: copy.set_note(first, GOLD, "검수 메모"),
        ]
        before = dump(copy)
        for refused in refusals:
            with pytest.raises(ProjectError, match="kim's package"):
                refused()
        assert dump(copy) == before
        change = copy.set_status(second, "kim", "done")  # her own work goes on, and undoes
        copy.apply(change.inverse)
        assert copy.status(second, "kim").status == "returned"


def test_undoing_her_answer_to_a_return_comes_back_too(team, package):
    with Project.open(package) as copy:
        second = sorted(d.id for d in copy.documents())[1]
        done = copy.set_status(second, "kim", "done")
    with Project.open(team) as project:
        project.merge_from(package)
        assert project.status(second, "kim").status == "done"
    with Project.open(package) as copy:
        copy.apply(done.inverse)  # she takes it back: returned again, the same return
    with Project.open(team) as project:
        assert project.merge_from(package).left_out == {}
        status = project.status(second, "kim")
        assert (status.status, status.reason) == ("returned", "단위까지 넣어 주세요")
