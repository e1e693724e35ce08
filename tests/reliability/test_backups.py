"""Backups and restore: kept by age and before risky commands, checked, bounded, restorable
from any folder name and over a damaged database."""

import os
import shutil
import sqlite3
import threading
from datetime import timedelta

import pytest

from annotator import Project, ProjectError
from annotator.cli import main
from annotator.core.store import backups as backup_store
from annotator.core.safety import backups
from annotator.core.safety.backups import list_backups, take_backup, take_named_backup
from annotator.core.store.migrations import KNOWN
from annotator.core.safety.restore import restore_backup

from ..conftest import ROOT, write

ARTICLE = "원주시가 디지털트윈 사업에 국비 120억 원을 확보했다.\n"


def make_project(folder, annotators=("kim",)):
    write(folder.parent / "in" / "a.txt", ARTICLE)
    with Project.create(folder) as project:
        project.import_paths([folder.parent / "in" / "a.txt"])
        doc_id = next(project.documents()).id
        for name in annotators:
            project.add_span(doc_id, 0, 3, "AGENCY", name)
    return folder / "project.db", doc_id


def span_texts(folder):
    with Project.open(folder) as project:
        return sorted((s.annotator, s.text) for s in project.spans())


def check(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def always_due(monkeypatch):
    monkeypatch.setattr(backups, "DUE_AFTER", timedelta(0))


def aged(backup, days=0, hours=0, name_suffix=""):
    """A copy of ``backup`` as if taken earlier."""
    when = backup.taken - timedelta(days=days, hours=hours)
    target = backup.path.with_name(f"project-{when.strftime('%Y%m%d-%H%M%S-%f')}{name_suffix}.db")
    shutil.copyfile(backup.path, target)
    return target


@pytest.mark.parametrize("name", ["a#b", "a?b", "%41", "with space", "한국어 폴더"])
def test_backup_and_restore_in_a_folder_with_uri_characters(tmp_path, name):
    folder = tmp_path / name / "p"
    db, doc_id = make_project(folder)
    outside = sorted(p.name for p in tmp_path.rglob("*") if "p" not in p.relative_to(tmp_path).parts[1:2])
    backup = take_backup(db)
    assert backup is not None and backup.path.parent == folder / "backups"
    with Project.open(folder) as project:
        project.remove_span(project.spans()[0].id)
    assert main(["restore", str(folder)]) == 0
    assert span_texts(folder) == [("kim", "원주시")]
    assert sorted(p.name for p in tmp_path.rglob("*") if "p" not in p.relative_to(tmp_path).parts[1:2]) == outside
    assert not [p for p in (folder / "backups").iterdir() if p.name.endswith(("-wal", "-shm"))]


def test_a_damaged_database_never_enters_the_rotation_and_restore_brings_back_a_good_one(tmp_path, always_due):
    db, _ = make_project(tmp_path / "p")
    good = take_backup(db)
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    conn.close()
    with open(db, "r+b") as handle:  # the test damages the file on purpose (nothing has it open)
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    with pytest.raises(backups.DamagedDatabaseError, match="damaged"):
        take_backup(db)
    assert [b.path for b in list_backups(db)] == [good.path]
    for _ in range(3):  # retrying never rotates the good backup away
        assert main(["restore", str(tmp_path / "p")]) == 0
        assert check(db) == "ok"
        assert span_texts(tmp_path / "p") == [("kim", "원주시")]
    assert good.path.exists()


def test_restore_without_a_name_skips_a_damaged_backup(tmp_path, always_due):
    db, _ = make_project(tmp_path / "p")
    good = take_backup(db)
    with Project.open(tmp_path / "p") as project:
        project.remove_span(project.spans()[0].id)
    rotten = take_backup(db)
    rotten.path.write_bytes(rotten.path.read_bytes()[:4096] + b"\x00" * 100)  # a backup damaged on disk
    report = restore_backup(db)
    assert report.restored.path == good.path
    assert [b.path for b, _ in report.skipped] == [rotten.path]
    assert span_texts(tmp_path / "p") == [("kim", "원주시")]
    assert rotten.path.with_name(rotten.path.stem + "-damaged.db").exists()


def test_restore_by_name_never_rotates_away_the_backup_asked_for(tmp_path):
    db, _ = make_project(tmp_path / "p")
    newest = take_backup(db)
    oldest = aged(newest, days=30)  # beyond every age rule
    for hours in range(1, 8):
        aged(newest, hours=hours)
    with Project.open(tmp_path / "p") as project:
        project.remove_span(project.spans()[0].id)
    assert main(["restore", str(tmp_path / "p"), oldest.name]) == 0
    assert oldest.exists()
    assert span_texts(tmp_path / "p") == [("kim", "원주시")]


def test_restore_when_the_database_is_not_a_database(tmp_path, capsys):
    db, _ = make_project(tmp_path / "p")
    take_backup(db)
    garbage = b"this is not a database " * 100
    db.write_bytes(garbage)  # the test breaks the file on purpose
    assert main(["restore", str(tmp_path / "p")]) == 0
    assert "unreadable; its bytes are kept aside" in capsys.readouterr().err
    assert check(db) == "ok"
    assert span_texts(tmp_path / "p") == [("kim", "원주시")]
    kept = [b.path for b in list_backups(db, damaged=True) if b.damaged]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage


def test_restore_gives_up_while_another_program_holds_the_write_lock(tmp_path, monkeypatch):
    db, _ = make_project(tmp_path / "p")
    take_backup(db)
    monkeypatch.setattr(backup_store, "BUSY_TIMEOUT_S", 1.0)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    outcome = []

    def run():
        try:
            restore_backup(db)
        except ProjectError as error:
            outcome.append(str(error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=20)
    holder.execute("ROLLBACK")
    holder.close()
    thread.join(timeout=20)
    assert outcome and "busy in another program for over 30 s; nothing was changed" in outcome[0]


def test_named_backups_before_merge_and_adjudicate_undo_them(tmp_path):
    db, doc_id = make_project(tmp_path / "p", annotators=("kim", "lee"))
    make_project(tmp_path / "other" / "p", annotators=("park",))
    assert main(["merge", str(tmp_path / "p"), str(tmp_path / "other" / "p"), "--trust-full-copy"]) == 0
    assert ("park", "원주시") in span_texts(tmp_path / "p")
    assert main(["adjudicate", str(tmp_path / "p"), "--auto", "--all-documents"]) == 0
    assert ("gold", "원주시") in span_texts(tmp_path / "p")
    kinds = [b.reason for b in list_backups(db)]
    assert kinds[:2] == ["before-adjudicate", "before-merge"]
    assert main(["restore", str(tmp_path / "p"), list_backups(db)[1].name]) == 0  # undo the merge
    assert span_texts(tmp_path / "p") == [("kim", "원주시"), ("lee", "원주시")]
    assert list_backups(db)[0].reason == "before-restore"


def test_read_only_commands_take_no_backup_and_many_runs_keep_the_named_one(tmp_path, always_due):
    db, _ = make_project(tmp_path / "p")
    named = take_named_backup(db, "merge")
    for _ in range(5):
        assert main(["stats", str(tmp_path / "p")]) == 0
        assert main(["export", str(tmp_path / "p"), "--format", "jsonl", "--source", "kim",
                     "--out", str(tmp_path / "out.jsonl")]) == 0
    assert [b.path for b in list_backups(db)] == [named.path]
    for i in range(8):  # commands that change data take one when due (here: always)
        write(tmp_path / "more" / f"{i}.txt", f"과기정통부가 {i}억 원을 배정했다.\n")
        assert main(["import", str(tmp_path / "p"), str(tmp_path / "more" / f"{i}.txt"), "--quiet"]) == 0
    assert named.path.exists()
    by_age = [b for b in list_backups(db) if not b.named]
    assert len(by_age) == backups.KEEP_NEWEST + 1  # the newest few and the first of this hour
    assert backup_store.backup_facts(by_age[0].path)[1]["documents"] == 8  # taken before the last import


def test_disk_use_stays_within_the_budget(tmp_path, always_due, monkeypatch):
    monkeypatch.setattr(backups, "BUDGET_FLOOR", 0)
    db, doc_id = make_project(tmp_path / "p")
    named = take_named_backup(db, "merge")
    for i in range(12):
        with Project.open(tmp_path / "p") as project:
            project.add_span(doc_id, 4, 9, "TECH", f"a{i}")
        take_backup(db)
    size = backups.database_size(db)
    kept = list_backups(db, damaged=True)
    assert sum(b.size for b in kept) <= backups.BUDGET_FACTOR * size + max(b.size for b in kept)
    assert named.path.exists() and kept[0].reason == ""  # the newest named and the newest good stay


def test_stale_leftovers_are_cleaned_and_fresh_ones_left(tmp_path, always_due):
    db, _ = make_project(tmp_path / "p")
    folder = tmp_path / "p" / "backups"
    folder.mkdir()
    gone = _dead_pid()
    stale = [folder / f"project-20240101-000000-000000.db.{gone}.partial", folder / "project-x.partial"]
    for path in stale:
        path.write_bytes(b"half a copy")
    os.utime(stale[1], (1, 1))  # an hour old and more
    fresh = folder / f"project-20240101-000000-000001.db.{os.getppid()}.partial"  # its writer still runs
    fresh.write_bytes(b"being written")
    sidecars = [folder / "project-20240101-000000-000000.db-wal", folder / "project-20240101-000000-000000.db-shm"]
    for path in sidecars:
        path.write_bytes(b"")
    take_backup(db)
    assert not any(p.exists() for p in stale + sidecars)
    assert fresh.exists()


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_pruning_keeps_the_newest_few_hourly_daily_and_named(tmp_path):
    from datetime import datetime, timezone

    now = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
    made = []
    for minutes in range(0, 14 * 24 * 60, 20):  # one every 20 minutes for two weeks
        made.append(backups.Backup(tmp_path / f"{minutes}.db", now - timedelta(minutes=minutes), ""))
    named = [backups.Backup(tmp_path / f"n{d}.db", now - timedelta(days=d, minutes=7), "before-merge")
             for d in (1, 6, 9)]
    every = sorted(made + named, key=lambda b: b.taken, reverse=True)
    drop = set(backups.plan_pruning(every, database_bytes=0, now=now))
    kept = [b for b in every if b not in drop]
    by_age = [b for b in kept if not b.named]
    assert by_age[:3] == made[:3]
    day_ago = [b for b in by_age if now - b.taken <= timedelta(days=1)]
    assert 24 <= len(day_ago) <= 24 + 3 + 1
    older = [b for b in by_age if timedelta(days=1) < now - b.taken <= timedelta(days=7)]
    assert 5 <= len(older) <= 7
    assert not [b for b in by_age if now - b.taken > timedelta(days=7, hours=1)]
    assert [b.name for b in kept if b.named] == ["n1.db", "n6.db"]


def test_a_cancelled_backup_leaves_nothing(tmp_path):
    db, _ = make_project(tmp_path / "p")
    assert take_backup(db, cancelled=lambda: True) is None
    assert list(((tmp_path / "p") / "backups").iterdir()) == []


def test_restore_upgrades_an_older_backup_and_refuses_a_newer_one(tmp_path):
    db, _ = make_project(tmp_path / "p")
    folder = tmp_path / "p" / "backups"
    folder.mkdir()
    old = folder / "project-20240101-000000-000000.db"
    shutil.copyfile(ROOT / "tests" / "data" / "project-0002_rejections.db", old)
    expected = backup_store.backup_facts(old)[1]
    report = restore_backup(db, old.name)
    assert report.counts == expected
    with Project.open(tmp_path / "p") as project:
        assert project.store.schema_version() == KNOWN[-1]
        assert project.stats()["spans"] == expected["spans"]
    newer = folder / "project-20240102-000000-000000.db"
    shutil.copyfile(list_backups(db)[0].path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '9999_future', '2099')")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="newer version"):
        restore_backup(db, newer.name)
