"""Flags for the reviewer: who flagged which document, the comment and when; lifted when done again."""

from annotator import GOLD
from annotator.core.team.notes import flag_comments

from .synthetic import Words, numbered_text
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


def test_flags_list_who_flagged_what_and_when_until_the_document_is_done(project):
    first = Words(project, numbered_text(4)).doc_id
    second = Words(project, numbered_text(5)).doc_id
    project.set_status(first, "kim", "flagged", "제목과 본문이 달라요")
    project.set_status(second, "lee", "flagged")
    project.set_status(second, "kim", "skipped", "not a flag")
    project.set_status(first, GOLD, "adjudicated")
    found = flag_comments(project)
    assert [(f.doc_id, f.annotator, f.text) for f in found] == [(first, "kim", "제목과 본문이 달라요"),
                                                                   (second, "lee", "")]
    assert found[0].time <= found[1].time and found[0].time.startswith("20")
    assert [f.annotator for f in flag_comments(project, doc_id=second)] == ["lee"]
    assert [f.doc_id for f in flag_comments(project, "kim")] == [first]
    project.set_status(first, "kim", "done")
    assert [f.doc_id for f in flag_comments(project)] == [second]
