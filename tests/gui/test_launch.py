"""The window opens on a project and renders; --screenshot writes a PNG."""

from annotator.cli import main

from ..conftest import write


def test_screenshot_of_a_project(tmp_path, qapp):
    project = tmp_path / "p"
    assert main(["init", str(project)]) == 0
    write(tmp_path / "a.txt", "원주시 예산\n\n원주시가 국비 120억 원을 확보했다.\n")
    assert main(["import", str(project), str(tmp_path / "a.txt"), "--quiet"]) == 0
    png = tmp_path / "shot.png"
    assert main(["gui", str(project), "--annotator", "kim", "--screenshot", str(png)]) == 0
    assert png.stat().st_size > 10_000
