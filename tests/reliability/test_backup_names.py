"""Files in ``backups/`` that annotator did not name as it does: a backup dated in the future (a
clock that ran ahead, a file copied in) never stops the age backups nor wins a plain ``restore``,
and a name that is no date (month 13) is left out with a warning instead of breaking every command."""

import os
import shutil
import time

from annotator import Project
from annotator.cli import main
from annotator.core.safety.backups import ignored_backups, list_backups, take_backup
from annotator.core.safety.restore import restore_backup

from ..conftest import write
from .test_backups import always_due, make_project, span_texts  # noqa: F401 (a fixture)


def _plant(backup, name: str, mtime: float | None = None):
    """A copy of ``backup`` under another name, as someone copying files in would leave it."""
    target = backup.path.with_name(name)
    shutil.copyfile(backup.path, target)
    if mtime is not None:
        os.utime(target, (mtime, mtime))
    return target


def test_a_backup_named_in_the_future_does_not_stop_age_backups_nor_win_restore(tmp_path, always_due):
    db, _ = make_project(tmp_path / "p")
    first = take_backup(db)
    future = _plant(first, "project-20990101-000000-000000.db")
    for i in range(2):  # the second import finds a change since the newest backup and takes one first
        write(tmp_path / "more" / f"{i}.txt", f"과기정통부가 {i}억 원을 배정했다.\n")
        assert main(["import", str(tmp_path / "p"), str(tmp_path / "more" / f"{i}.txt"), "--quiet"]) == 0
    newest = list_backups(db)[0]
    assert newest.path not in (first.path, future)
    report = restore_backup(db)
    assert report.restored.path == newest.path  # the state before the second import, not the planted file
    with Project.open(tmp_path / "p") as project:
        assert project.document_count() == 2


def test_a_backup_whose_file_is_dated_in_the_future_too_is_left_out_with_a_warning(tmp_path, always_due, capsys):
    db, doc_id = make_project(tmp_path / "p")
    first = take_backup(db)
    future = _plant(first, "project-20990101-000000-000000.db", mtime=time.time() + 10 * 365 * 86400)
    assert future not in [b.path for b in list_backups(db)]
    assert [(path, "in the future" in why) for path, why in ignored_backups(db)] == [(future, True)]
    time.sleep(0.01)  # a change after the newest backup, on a clock the file system can tell apart
    with Project.open(tmp_path / "p") as project:
        project.set_status(doc_id, "kim", "done")
    assert take_backup(db) is not None  # age backups go on
    assert main(["restore", str(tmp_path / "p"), "--list"]) == 0
    listed = capsys.readouterr()
    assert future.name not in listed.out and future.name in listed.err and "future" in listed.err
    assert main(["restore", str(tmp_path / "p"), future.name]) == 0  # named on purpose, it still restores


def test_a_name_with_month_13_is_left_out_and_every_command_still_runs(tmp_path, always_due, capsys):
    db, _ = make_project(tmp_path / "p")
    first = take_backup(db)
    odd = _plant(first, "project-20241301-000000-000000.db")
    write(tmp_path / "more" / "b.txt", "과기정통부가 5억 원을 배정했다.\n")
    assert main(["import", str(tmp_path / "p"), str(tmp_path / "more"), "--quiet"]) == 0
    assert odd not in [b.path for b in list_backups(db, damaged=True)]
    assert main(["restore", str(tmp_path / "p")]) == 0
    err = capsys.readouterr().err
    assert odd.name in err and "left out" in err
    assert odd.exists()  # never deleted: it is not annotator's
    assert span_texts(tmp_path / "p") == [("kim", "원주시")]
