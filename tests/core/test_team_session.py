"""A scripted two-round session of the offline team loop, end to end through the CLI where the
README walks through it: two annotators' copies, merge, adjudicate, return one document to lee
with a reason, lee fixes one span and deletes another in her copy, merge again."""

import json
import shutil

from annotator import GOLD, Project
from annotator.cli import main

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
