"""A scripted two-round session of the offline team loop, end to end through the CLI where the
README walks through it: two annotators' copies, merge, adjudicate, return one document to lee
with a reason, lee fixes one span and deletes another in her copy, merge again; and the same with
packages: each annotator's identity, the next batch handed out without the other's layer."""

import json
import shutil
import sqlite3

import pytest

from annotator import GOLD, Project, ProjectError
from annotator.cli import main
from annotator.core.store.store import now
from annotator.core.team.names import canonical_annotator
from annotator.core.text.normalize import document_uid

from .synthetic import Words, numbered_text
from .team_copies import dump

REASON = "예산은 단위까지 포함해 주세요"


def layer(project, name):
    """{span uid: (document uid, start, end, label)} of one layer."""
    uid = {d.id: d.uid for d in project.documents()}
    return {s.uid: (uid[s.doc_id], s.start, s.end, s.label) for s in project.spans(annotator=name)}


def merge(into, other, capsys, *options) -> str:
    code = main(["merge", str(into), str(other), *options])
    out, err = capsys.readouterr()
    assert code == 0 and "conflict" not in err, err
    return out


def test_two_rounds(tmp_path, capsys):
    team, kim_copy, lee_copy = tmp_path / "team", tmp_path / "kim", tmp_path / "lee"
    with Project.create(team) as project:  # the reviewer's project, copied to each annotator
        docs = [Words(project, numbered_text(8, seed)) for seed in "ab"]
        disputed = Words(project, numbered_text(8, "c"))  # nobody resolves it in this session
    for copy in (kim_copy, lee_copy):
        shutil.copytree(team, copy)

    # Round 1: both annotate both documents in their copies.
    for folder, name in ((kim_copy, "kim"), (lee_copy, "lee")):
        with Project.open(folder) as project:
            for w in docs:
                w.project = project
                w.mark(name, 0, 0, "AGENCY")
                w.mark(name, 2, 3 if name == "kim" else 2, "BUDGET")  # lee leaves the unit out
                w.mark(name, 5, 5, "TECH")
                project.set_status(w.doc_id, name, "done")
            disputed.project = project
            disputed.mark(name, 0, 0, "AGENCY")
            if name == "kim":
                disputed.mark(name, 6, 7, "PROGRAM")  # lee does not see a programme
            project.set_status(disputed.doc_id, name, "done")
    assert "kim 8 added" in merge(team, kim_copy, capsys)
    assert "lee 7 added" in merge(team, lee_copy, capsys)
    with Project.open(team) as reviewer:
        reviewer.adjudicate()  # AGENCY and TECH agreed in both documents, and AGENCY in the disputed one
        first = docs[0].doc_id
        budget = docs[0].span(2, 3)
        reviewer.accept_candidate(first, *budget, "BUDGET")  # kim's version
        reviewer.accept_candidate(docs[1].doc_id, *docs[1].span(2, 3), "BUDGET")
        for w in docs:
            reviewer.mark_adjudicated(w.doc_id)
        gold_after_round_1 = layer(reviewer, GOLD)
    assert main(["return", str(team), str(first), "--annotator", "lee", "--reason", REASON]) == 0
    merge(lee_copy, team, capsys)  # the reviewer hands gold and the return to lee

    # Round 2: lee sees the reason, fixes the budget span and deletes the TECH one, marks done again.
    with Project.open(lee_copy) as lee:
        status = lee.status(first, "lee")
        assert (status.status, status.reason) == ("returned", REASON)
        assert layer(lee, GOLD) == gold_after_round_1
        [wrong] = [s for s in lee.spans(first, "lee") if s.label == "BUDGET"]
        lee.resize_span(wrong.id, *budget)
        [tech] = [s for s in lee.spans(first, "lee") if s.label == "TECH"]
        lee.remove_span(tech.id)
        lee.set_status(first, "lee", "done")
        lee_layer = layer(lee, "lee")
    out = merge(team, lee_copy, capsys)
    assert "lee 1 edited, 1 deleted" in out
    with Project.open(team) as reviewer:
        assert layer(reviewer, "lee") == lee_layer  # lee's layer is what lee did
        assert layer(reviewer, GOLD) == gold_after_round_1  # gold is what the reviewer did
        status = reviewer.status(first, "lee")
        assert (status.status, status.reason) == ("done", REASON)
        assert [(r.doc_id, r.annotator, r.state) for r in reviewer.returns()] == [(first, "lee", "fixed")]
        reviewer.mark_adjudicated(first)  # looked at again
        assert reviewer.returns() == []

    # Merging again changes nothing, in any direction; every copy ends the same.
    for copy in (lee_copy, kim_copy):
        assert '"changed": false' in merge(team, copy, capsys, "--json")
    for copy in (kim_copy, lee_copy):
        merge(copy, team, capsys)
    with Project.open(team) as reviewer, Project.open(kim_copy) as kim, Project.open(lee_copy) as lee:
        assert dump(reviewer) == dump(kim) == dump(lee)

    # The gold export takes the adjudicated documents, not the disputed one whose agreed AGENCY
    # auto-merged into gold while its PROGRAM waits for the reviewer; --status all takes it too.
    out = tmp_path / "gold.jsonl"
    assert main(["export", str(team), "--format", "jsonl", "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert [line["id"] for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())] == \
        [w.doc_id for w in docs]
    assert "Exported 2 documents" in printed and "all marked adjudicated" in printed
    assert "left out 1 document with gold spans not marked adjudicated (--status all takes it)" in printed
    assert main(["export", str(team), "--format", "jsonl", "--out", str(out), "--status", "all", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == \
        [w.doc_id for w in docs] + [disputed.doc_id]
    assert "Exported 3 documents" in printed and "2 marked adjudicated, 1 not" in printed

def test_two_rounds_with_packages(tmp_path, capsys):
    """The same loop with packages (README, Running a team): each annotator holds only her package;
    what comes back is her work alone, and the next batch brings her only what she may see."""
    team, kim_package, lee_package = tmp_path / "team", tmp_path / "kim", tmp_path / "lee"
    with Project.create(team) as project:
        docs = [Words(project, numbered_text(8, seed)) for seed in "abcd"]
    assert main(["assign", str(team), "--annotators", "kim,lee", "--per-document", "2"]) == 0
    for folder, name in ((kim_package, "kim"), (lee_package, "lee")):
        assert main(["package", str(team), "--annotator", name, "--out", str(folder)]) == 0
    capsys.readouterr()

    # Round 1: each labels her package; lee types her name as "Lee", which is still lee.
    for folder, typed in ((kim_package, "kim"), (lee_package, "Lee")):
        with Project.open(folder) as package:
            name = canonical_annotator(package, typed, working=True)
            for w in docs:
                w.project = package
                w.mark(name, 0, 0, "AGENCY")
                w.mark(name, 2, 3 if name == "kim" else 2, "BUDGET")
                package.set_status(w.doc_id, name, "done")
            with pytest.raises(ProjectError, match="package"):
                package.mark_adjudicated(docs[0].doc_id)  # review happens in the team's project
    for folder in (kim_package, lee_package):
        out = merge(team, folder, capsys)
        assert "'s package, made" in out and "8 added" in out
    with Project.open(team) as reviewer:
        assert reviewer.annotators() == ["kim", "lee"]
        reviewer.adjudicate()
        first = docs[0].doc_id
        for w in docs:
            reviewer.accept_candidate(w.doc_id, *w.span(2, 3), "BUDGET")
            reviewer.mark_adjudicated(w.doc_id)
        gold = layer(reviewer, GOLD)
    assert main(["return", str(team), str(first), "--annotator", "LEE", "--reason", REASON]) == 0

    # Round 2: two more articles; the next batch for each, without the other's layer.
    with Project.open(team) as project:
        new = [Words(project, numbered_text(9, seed)) for seed in "ef"]
    assert main(["assign", str(team), "--annotators", "kim,lee", "--per-document", "2"]) == 0
    for folder, name in ((kim_package, "kim"), (lee_package, "lee")):
        assert main(["merge", str(folder), str(team)]) == 2  # would show the other's layer
        assert "would show" in capsys.readouterr().err
        assert main(["package", str(team), "--annotator", name, "--update", str(folder)]) == 0
        assert "2 documents added" in capsys.readouterr().out
    with Project.open(lee_package) as lee:
        assert {s.annotator for s in lee.spans()} == {"lee", GOLD}
        assert layer(lee, GOLD) == gold
        status = lee.status(first, "lee")
        assert (status.status, status.reason) == ("returned", REASON)
        [wrong] = [s for s in lee.spans(first, "lee") if s.label == "BUDGET"]
        lee.resize_span(wrong.id, *docs[0].span(2, 3))
        lee.set_status(first, "lee", "done")
        round_one = {document_uid(w.text) for w in docs}
        added = [d for d in lee.documents() if d.uid not in round_one]
        assert {d.uid for d in added} == {document_uid(w.text) for w in new}
        for document in added:
            lee.add_span(document.id, 0, 2, "TECH", "lee", snap=False)
    # kim, in round 2, tries to change lee's work and gold from her package; none of it comes back.
    conn = sqlite3.connect(kim_package / "project.db")
    conn.execute("UPDATE spans SET label = 'PROGRAM', rev = 'x' || rev, history = trim(history || ' ' || rev),"
                 " updated_at = ? WHERE annotator = 'gold'", (now(),))
    conn.commit()
    conn.close()
    assert main(["merge", str(team), str(kim_package), "--strict"]) == 1
    assert "left out" in capsys.readouterr().err
    out = merge(team, lee_package, capsys)
    assert "lee 2 added, 1 edited" in out
    with Project.open(team) as reviewer:
        assert layer(reviewer, GOLD) == gold
        assert [(r.annotator, r.state) for r in reviewer.returns()] == [("lee", "fixed")]
        assert reviewer.status(first, "lee").reason == REASON
    assert '"changed": false' in merge(team, lee_package, capsys, "--json")  # idempotent
