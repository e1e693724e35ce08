"""``annotator notes`` and the flag comments in ``stats``: what annotators wrote reaches the reviewer."""

import json

import pytest

from annotator import GOLD, Project
from annotator.cli import main
from annotator.core.operations import UpdateSpan

from ..core.synthetic import Words, numbered_text


@pytest.fixture
def folder(tmp_path):
    with Project.create(tmp_path / "team") as project:
        first, second = Words(project, numbered_text(6, "a")), Words(project, numbered_text(6, "b"))
        project.set_status(first.doc_id, "kim", "flagged", "제목이 잘렸어요\n본문도 중복")
        project.set_status(second.doc_id, "lee", "flagged")
        project.apply(UpdateSpan(first.mark("lee", 2, 3, "BUDGET").id, note="단위가 맞나요?"))
        project.set_note(second.doc_id, GOLD, "다음 회의에서 논의")
    return tmp_path / "team"


def test_notes_lists_every_note_by_document(folder, capsys):
    assert main(["notes", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "4 notes in 2 documents:"
    assert out[1] == "#1 가a0"
    assert out[2].endswith("  kim  flag: 제목이 잘렸어요") and out[3] == "      본문도 중복"
    assert out[4].endswith("  lee  span note: [8, 15) BUDGET “다a2 라a3”: 단위가 맞나요?")
    assert out[5] == "#2 가b0"
    assert sorted(line[len("  2024-01-01 00:00  "):] for line in out[6:]) == [
        "gold  document note: 다음 회의에서 논의", "lee  flag: (no comment)"]


def test_notes_of_one_annotator_flags_only_and_json(folder, capsys):
    assert main(["notes", str(folder), "--annotator", "Kim", "--flags"]) == 0  # a name in another case
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "1 flag by Kim in 1 document:" and captured.err == ""
    assert main(["notes", str(folder), "--flags", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [(n["doc_id"], n["annotator"], n["kind"], n["text"]) for n in listing["notes"]] == [
        (1, "kim", "flag", "제목이 잘렸어요\n본문도 중복"), (2, "lee", "flag", "")]
    assert all(n["time"].endswith("+00:00") and n["title"] for n in listing["notes"])
    assert main(["notes", str(folder), "--annotator", "park"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "No notes by park.\n"
    assert captured.err.startswith("annotator: warning: no annotator named 'park' in this project yet")


def test_stats_shows_the_flag_comments_where_it_counts_flags(folder, capsys):
    assert main(["stats", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    kim = out.index("  kim: flagged 1")
    assert out[kim + 1] == "    flagged #1 가a0: 제목이 잘렸어요 본문도 중복"
    lee = next(i for i, line in enumerate(out) if line.startswith("  lee: "))
    assert "flagged 1" in out[lee] and out[lee + 1] == "    flagged #2 가b0: (no comment)"
    assert main(["stats", str(folder), "--json"]) == 0
    flags = json.loads(capsys.readouterr().out)["flags"]
    assert [(f["doc_id"], f["annotator"], f["text"]) for f in flags] == [(1, "kim", "제목이 잘렸어요\n본문도 중복"),
                                                                       (2, "lee", "")]
