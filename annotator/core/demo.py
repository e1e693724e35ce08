"""The demo project: the default schema and the bundled sample articles, made on first use (``make
run``, ``annotator`` without a command). Analysing the articles loads Kiwi and takes seconds, so a
caller says what is happening when ``started`` is called (the command line on stderr, the window in a
dialog while a worker thread does it)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from annotator.core.paths import demo_project_dir, sample_articles_dir
from annotator.core.project import SCHEMA_FILE, Project


def prepare_demo(folder: Path | None = None, started: Callable[[], None] | None = None,
                 progress: Callable[[int, int], None] | None = None):
    """Create the demo project in ``folder`` (the usual place when None) and import the samples,
    unless it has documents already; returns the import's report, or None when nothing was to do."""
    folder = folder or demo_project_dir()
    if not (folder / SCHEMA_FILE).exists():
        Project.create(folder).close()
    with Project.open(folder, backup=False) as project:
        if project.document_count():
            return None
        if started is not None:
            started()
        return project.import_paths([sample_articles_dir()], progress=progress)
