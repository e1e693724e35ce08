"""Merging refuses a crafted or broken copy whole, before anything is written, and reads the
other database only through SQLite (never the project's own file, even through a hard link)."""

import builtins
import os
import shutil
import sqlite3
import stat
import subprocess

import pytest

from annotator import Project, ProjectError

from ..conftest import write
from .test_merge import ARTICLES, content, mark


@pytest.fixture
def copies(tmp_path):
    """The reviewer's project and kim's copy of it, with two spans, a status, a rejection and a deleted span."""
    for name, text in ARTICLES.items():
        write(tmp_path / "in" / name, text)
    with Project.create(tmp_path / "review") as base:
        base.import_paths([tmp_path / "in"])
    shutil.copytree(tmp_path / "review", tmp_path / "kim")
    with Project.open(tmp_path / "kim") as kim:
        span = mark(kim, "강릉시", "AGENCY", "kim")
        mark(kim, "35억 원", "BUDGET", "kim", "강릉시")
        gone = mark(kim, "해양수산부", "AGENCY", "kim")
        kim.remove_span(gone.id)
        kim.set_status(span.doc_id, "kim", "done")
        kim.reject_suggestion(span.doc_id, kim.suggest(span.doc_id)[0], "kim")
    return tmp_path


def tamper(folder, *statements):
    """Write into a copy as a crafted file would be: no CHECK constraints, no foreign keys."""
    conn = sqlite3.connect(folder / "project.db")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


FIRST_SPAN = "(SELECT min(id) FROM spans)"
FIRST_DOC = "(SELECT min(id) FROM documents)"

BAD_COPIES = [
    ([f"UPDATE spans SET attrs = '[1, 2]' WHERE id = {FIRST_SPAN}"], r"spans row \d+: attrs must be a JSON object"),
    ([f"UPDATE spans SET attrs = '5' WHERE id = {FIRST_SPAN}"], r"spans row \d+: attrs must be a JSON object"),
    ([f"UPDATE spans SET attrs = '{{\"x\": NaN}}' WHERE id = {FIRST_SPAN}"], r"spans row \d+: attrs: NaN is not valid JSON"),
    ([f"UPDATE spans SET start = 'abc' WHERE id = {FIRST_SPAN}"], r"spans row \d+: offsets must be whole numbers"),
    ([f"UPDATE spans SET end = 2.5 WHERE id = {FIRST_SPAN}"], r"spans row \d+: offsets must be whole numbers"),
    ([f"UPDATE spans SET end = 100000 WHERE id = {FIRST_SPAN}"], r"spans row \d+: .*outside the text"),
    ([f"UPDATE spans SET annotator = '' WHERE id = {FIRST_SPAN}"], r"spans row \d+: .*layer name"),
    ([f"UPDATE spans SET doc_id = 999 WHERE id = {FIRST_SPAN}"], r"spans row \d+: .*no document 999"),
    (["UPDATE statuses SET status = 'bogus'"], r"statuses row \d+: unknown status 'bogus'"),
    ([f"UPDATE documents SET text = CAST(text AS BLOB) WHERE id = {FIRST_DOC}"],
     r"documents row \d+: text is binary data"),
    ([f"UPDATE documents SET text = CAST(x'41ff42' AS TEXT) WHERE id = {FIRST_DOC}"],
     r"documents row \d+: text holds a lone surrogate U\+DCFF"),
    ([f"UPDATE documents SET morphemes = x'010203' WHERE id = {FIRST_DOC}"], r"documents row \d+: morphemes"),
    ([f"UPDATE documents SET morphemes = x'000000000100000063000000' WHERE id = {FIRST_DOC}"],
     r"documents row \d+: morphemes"),
    ([f"UPDATE documents SET sentences = x'0000000040420f00' WHERE id = {FIRST_DOC}"],
     r"documents row \d+: sentences"),
    ([f"UPDATE documents SET text = replace(hex(zeroblob(15000001)), '0', 'a') WHERE id = {FIRST_DOC}"],
     r"documents row \d+: text of 30,000,002 characters is over the limit"),
    ([f"UPDATE documents SET meta = '{{\"views\": Infinity}}' WHERE id = {FIRST_DOC}"],
     r"documents row \d+: meta: Infinity is not valid JSON"),
    ([f"UPDATE documents SET meta = '[]' WHERE id = {FIRST_DOC}"], r"documents row \d+: meta must be a JSON object"),
    ([f"UPDATE documents SET uid = 'abc' WHERE id = {FIRST_DOC}"], r"documents row \d+: uid 'abc' does not match"),
    ([f"UPDATE documents SET text = '원주시' || char(4370, 4449) WHERE id = {FIRST_DOC}"],
     r"documents row \d+: text is not in the stored form"),
    (["UPDATE rejections SET end = 100000"], r"rejections row \d+: .*outside the text"),
    (["UPDATE span_tombstones SET annotator = '  '"], r"span_tombstones row \d+: .*layer name"),
    (["ALTER TABLE spans DROP COLUMN attrs"], r"table spans has no column attrs"),
    (["UPDATE statuses SET reason = x'00ff'"], r"statuses row \d+: reason is binary data"),
    (["UPDATE rejections SET rejected = 'yes'"], r"rejections row \d+: rejected must be 0 or 1, not 'yes'"),
    (["INSERT INTO document_notes (doc_id, layer, note, updated_at) VALUES (1, '', '메모', '2025')"],
     r"document_notes row \d+: .*layer name"),
    (["INSERT INTO document_notes (doc_id, layer, note, updated_at) VALUES (77, 'kim', '메모', '2025')"],
     r"document_notes row \d+: refers to no document 77"),
    ([f"INSERT INTO assignments (doc_id, annotator, calibration, withdrawn, updated_at) VALUES ({FIRST_DOC}, 'kim', 2, 0, 't')"],
     r"assignments row \d+: calibration must be 0 or 1"),
    (["INSERT INTO assignments (doc_id, annotator, calibration, withdrawn, updated_at) VALUES (77, 'kim', 0, 0, 't')"],
     r"assignments row \d+: refers to no document 77"),
    ([f"INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES ({FIRST_DOC}, 'kim', '2025-03-14', -5, 't')"],
     r"active_time row \d+: seconds must be a number"),
    ([f"INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES ({FIRST_DOC}, 'kim', 'yesterday', 60, 't')"],
     r"active_time row \d+: day 'yesterday' is not a date"),
]


@pytest.mark.parametrize("statements, message", BAD_COPIES, ids=[m for _, m in BAD_COPIES])
def test_a_bad_copy_is_refused_whole_naming_table_and_row(copies, statements, message):
    tamper(copies / "kim", *statements)
    with Project.open(copies / "review") as review:
        before = content(review), review.document_count()
        with pytest.raises(ProjectError, match=message) as caught:
            review.merge_from(copies / "kim")
        assert str(caught.value).startswith(str(copies / "kim" / "project.db"))
        assert "nothing was merged" in str(caught.value)
        assert (content(review), review.document_count()) == before  # the target is untouched
        assert review.store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_good_copy_passes_the_check_and_merges(copies):
    with Project.open(copies / "review") as review:
        report = review.merge_from(copies / "kim")
        assert report.spans_added == {"kim": 2} and report.statuses_updated == 1


def test_merging_the_own_database_through_a_hard_link_is_refused_without_opening_it(copies, tmp_path, monkeypatch):
    own = copies / "review" / "project.db"
    link = tmp_path / "elsewhere" / "copy.db"
    link.parent.mkdir()
    os.link(own, link)
    opened = []
    real_open = builtins.open

    def watching_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and str(file).endswith(".db"):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    with Project.open(copies / "review") as review:
        monkeypatch.setattr(builtins, "open", watching_open)
        with pytest.raises(ProjectError, match="this is the project's own database"):
            review.merge_from(link)
        review.merge_from(copies / "kim")  # a real copy: read by SQLite only
    assert opened == []


def test_not_an_sqlite_database_is_told_by_sqlite_not_by_reading_the_file(copies, tmp_path, monkeypatch):
    write(tmp_path / "notes" / "project.db", "these are my notes, not a database\n" * 10)
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith("project.db"):
            raise AssertionError(f"open() of a database: {file}")
        return real_open(file, *args, **kwargs)

    with Project.open(copies / "review") as review:
        monkeypatch.setattr(builtins, "open", refusing_open)
        with pytest.raises(ProjectError, match="not an SQLite database"):
            review.merge_from(tmp_path / "notes")


def _make_read_only(folder):
    """Make ``folder`` unwritable even for root (the immutable attribute), else by its mode."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only as root here (chattr)")
        return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)
    mode = folder.stat().st_mode
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    (folder / "project.db").chmod(stat.S_IRUSR)
    return lambda: folder.chmod(mode)


def test_a_copy_in_a_read_only_folder_can_be_merged(copies):
    with Project.open(copies / "kim") as kim:  # checkpoint: a closed project leaves no -wal behind
        kim.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for leftover in ("project.db-wal", "project.db-shm"):
        (copies / "kim" / leftover).unlink(missing_ok=True)
    undo = _make_read_only(copies / "kim")
    try:
        assert not os.access(copies / "kim", os.W_OK)
        with Project.open(copies / "review") as review:
            report = review.merge_from(copies / "kim")
            assert report.spans_added == {"kim": 2}
        assert sorted(p.name for p in (copies / "kim").iterdir()) == sorted(
            p.name for p in (copies / "kim").iterdir() if not p.name.endswith(("-wal", "-shm")))
    finally:
        undo()


def test_a_read_only_copy_with_unsaved_changes_in_its_wal_is_refused(copies):
    with Project.open(copies / "kim") as kim:
        conn = sqlite3.connect(copies / "kim" / "project.db")  # a second connection keeps the WAL alive
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("PRAGMA journal_mode")
        mark(kim, "12억 원", "BUDGET", "kim", "해양수산부")
        undo = _make_read_only(copies / "kim")
    try:
        if (copies / "kim" / "project.db-wal").stat().st_size == 0:
            pytest.skip("the WAL was checkpointed")
        with Project.open(copies / "review") as review:
            with pytest.raises(ProjectError, match="write-ahead log"):
                review.merge_from(copies / "kim")
    finally:
        undo()
        conn.close()


def test_a_layer_name_an_earlier_version_took_still_merges(copies):
    """Imports took any non-blank name before the layer rule; such a copy is not damaged."""
    tamper(copies / "kim", "UPDATE spans SET annotator = ' kim'", "UPDATE statuses SET annotator = ' kim'")
    with Project.open(copies / "review") as review:
        assert review.merge_from(copies / "kim").spans_added == {" kim": 2}
