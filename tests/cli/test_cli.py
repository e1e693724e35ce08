"""The CLI through its real entry point (``python -m annotator``)."""

import json
import os
import subprocess
import sys

from ..conftest import ROOT, write


def run(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("gui", "init", "import", "stats", "suggest", "notes"):
        assert command in result.stdout


def test_version_names_the_release_and_what_it_runs_on(capsys):
    import re
    import sqlite3
    import tomllib

    from annotator.cli import main

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    release = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("version")
    import annotator

    assert release in (None, annotator.__version__)  # one version, written once
    assert re.fullmatch(rf"annotator {re.escape(annotator.__version__)} \(Python {sys.version.split()[0]}, "
                        rf"SQLite {sqlite3.sqlite_version}, kiwipiepy [\d.]+, PySide6 [\d.]+\)\n", out), out


def test_init_import_stats(tmp_path):
    project = tmp_path / "p"
    assert run("init", project).returncode == 0
    assert (project / "project.toml").is_file()
    write(tmp_path / "in" / "a.txt", "원주시 예산\n\n원주시가 국비 120억 원을 확보했다.\n")
    write(tmp_path / "in" / "b.txt", "식약처 허가\n\n식약처가 디지털 치료기기를 허가했다.\n", "cp949")
    write(tmp_path / "in" / "bad.jsonl", '{"text": "ok"}\n{"text": \n')
    result = run("import", project, tmp_path / "in")
    assert result.returncode == 1, result.stderr
    assert f"{tmp_path / 'in' / 'bad.jsonl'}:2: malformed JSON" in result.stderr
    assert "b.txt: decoded as cp949" in result.stderr
    assert "Imported 2 new documents" in result.stdout
    stats = json.loads(run("stats", project, "--json").stdout)
    assert stats["documents"] == 2
    again = run("import", project, tmp_path / "in" / "a.txt")
    assert again.returncode == 0 and "Imported 0 new documents (1 already present)" in again.stdout



def test_a_new_project_is_named_after_its_folder(tmp_path):
    # Not after the bundled schema: exports, manifests and reports of two teams' projects differ.
    result = run("init", tmp_path / "team#1")
    assert result.returncode == 0 and "Created project team#1 in" in result.stdout
    assert run("stats", tmp_path / "team#1").stdout.startswith("Project team#1:")
    schema = tmp_path / "mine.toml"
    schema.write_text('name = "예산 과제"\n' + (tmp_path / "team#1" / "project.toml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert "Created project 예산 과제 in" in run("init", tmp_path / "p2", "--schema", schema).stdout

def test_usage_and_project_errors(tmp_path):
    assert run("import").returncode == 2
    result = run("stats", tmp_path / "missing")
    assert result.returncode == 2
    assert result.stderr.strip() == f"annotator: {tmp_path / 'missing'}: no such project folder"
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "project.toml").write_text('name = "x"\n[[labels]\n', encoding="utf-8")
    result = run("stats", tmp_path / "bad")
    assert result.returncode == 2 and "project.toml:2: not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_gui_without_display_exits_2(tmp_path):
    project = tmp_path / "p"
    run("init", project)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "annotator", "gui", str(project)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 2 and "no display found" in result.stderr


def test_import_says_how_many_spans_overlapping_the_layer_it_left_out(tmp_path):
    text = "원주시가 국비 120억 원을 확보했다."
    write(tmp_path / "a.jsonl", json.dumps({"text": text, "spans": [[8, 14, "BUDGET"]]}, ensure_ascii=False) + "\n")
    write(tmp_path / "b.jsonl", json.dumps({"text": text, "spans": [[8, 12, "BUDGET"]]}, ensure_ascii=False) + "\n")
    run("init", tmp_path / "p")
    run("import", tmp_path / "p", tmp_path / "a.jsonl", "--annotator", "kim")
    result = run("import", tmp_path / "p", tmp_path / "b.jsonl", "--annotator", "kim")
    assert result.returncode == 0, result.stderr
    assert "1 spans left out: they overlap spans their layer already holds" in result.stdout
