"""The command line: thin commands over ``annotator.core``.

Exit codes: 0 success, 1 partial (some inputs rejected, the rest done),
2 usage or unrecoverable error. Errors are one line naming the file and line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from .core.errors import AnnotatorError
from .core.export.formats import FORMATS as EXPORT_FORMATS
from .core.ingest.readers import FORMATS
from .core.paths import demo_project_dir
from .core.project import DATABASE_FILE, SCHEMA_FILE, Project

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2


def _err(message: str) -> None:
    print(f"annotator: {message}", file=sys.stderr)


@contextmanager
def _progress(description: str, enabled: bool = True):
    """A rich progress bar on a terminal; silent otherwise. Yields ``update(done, total)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        transient=True, disable=not (enabled and sys.stderr.isatty()),
                        console=None)
    with progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def _open(path: str) -> Project:
    return Project.open(Path(path))


def ensure_demo_project(folder: Path | None = None) -> Path:
    """Create the demo project (and import the bundled samples) on first use."""
    folder = folder or demo_project_dir()
    if not (folder / SCHEMA_FILE).exists():
        Project.create(folder).close()
    with Project.open(folder) as project:
        if project.document_count() == 0:
            print(f"Preparing the demo project in {folder} (analysing the sample articles with Kiwi)…", file=sys.stderr)
            report = project.import_samples()
            for error in report.rejected:
                _err(str(error))
    return folder


# -- commands -------------------------------------------------------------------


def cmd_init(args) -> int:
    project = Project.create(Path(args.project), args.schema)
    print(f"Created project {project.name} in {project.folder} ({len(project.schema.labels)} labels)")
    project.close()
    return EXIT_OK


def _parse_label_map(pairs: list[str] | None) -> dict[str, str]:
    mapping = {}
    for pair in pairs or []:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise AnnotatorError(f"--map-labels takes OLD=NEW, not {pair!r}")
        mapping[old] = new
    return mapping


def cmd_import(args) -> int:
    with _open(args.project) as project, _progress("Importing", not args.quiet) as update:
        report = project.import_paths(
            args.paths, fmt=args.format, annotator=args.annotator, clean=not args.no_clean,
            text_column=args.text_column, map_labels=_parse_label_map(args.map_labels), progress=update,
        )
    for path, encoding in report.encodings.items():
        print(f"{path}: decoded as {encoding}", file=sys.stderr)
    for error in report.rejected:
        _err(str(error))
    print(
        f"Imported {report.documents_added} new documents ({report.documents_existing} already present), "
        f"{report.spans_added} spans from {report.files - len(report.rejected)} of {report.files} files"
        + (f"; {len(report.rejected)} rejected" if report.rejected else "")
    )
    if not report.files and not report.rejected:
        _err("no importable files found (.txt, .jsonl, .csv, .json)")
        return EXIT_ERROR
    return EXIT_PARTIAL if report.rejected else EXIT_OK


def cmd_stats(args) -> int:
    with _open(args.project) as project:
        stats = project.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Project {stats['project']}: {stats['documents']} documents, {stats['characters']} characters, "
          f"{stats['spans']} spans")
    for label in stats["labels"]:
        print(f"  {label:<10} {stats['spans_by_label'].get(label, 0)}")
    for annotator, labels in stats["spans_by_annotator"].items():
        detail = ", ".join(f"{k} {v}" for k, v in labels.items())
        states = stats["statuses"].get(annotator, {})
        done = ", ".join(f"{k} {v}" for k, v in states.items())
        print(f"  {annotator}: {sum(labels.values())} spans ({detail})" + (f"; {done}" if done else ""))
    return EXIT_OK


def cmd_restore(args) -> int:
    from .core.backups import list_backups, restore_backup

    folder = Path(args.project)
    db_path = folder / DATABASE_FILE
    if not (folder / SCHEMA_FILE).is_file():
        raise AnnotatorError(f"{folder}: no such project folder")
    if args.list:
        backups = list_backups(db_path)
        for backup in backups:
            print(backup.name)
        if not backups:
            print("no backups yet (one is kept each time a changed project is opened)")
        return EXIT_OK
    restored, safety = restore_backup(db_path, Path(args.backup) if args.backup else None)
    print(f"Restored {restored.name} into {db_path}"
          + (f"; the state before is kept as {safety.name}" if safety else ""))
    return EXIT_OK


def _listed(notes, limit: int = 20) -> list[str]:
    shown = [f"  {note}" for note in notes[:limit]]
    if len(notes) > limit:
        shown.append(f"  … and {len(notes) - limit} more (--json lists them all)")
    return shown


def cmd_export(args) -> int:
    try:
        with _open(args.project) as project, _progress("Exporting", not args.quiet) as update:
            report = project.export(args.format, Path(args.out), source=args.source, status=args.status,
                                    split=args.split, seed=args.seed, progress=update)
    except KeyboardInterrupt:
        _err("interrupted; nothing was written")
        return EXIT_ERROR
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK if report.complete else EXIT_PARTIAL
    labels = ", ".join(f"{label} {count}" for label, count in sorted(report.spans_by_label.items()) if count)
    print(f"Exported {report.documents} documents ({report.spans} spans{': ' + labels if labels else ''}) "
          f"from layer {report.source} as {report.format} to {report.out} in {report.seconds:.1f} s")
    if report.split:
        print(f"  split {report.split}: " + ", ".join(f"{part} {count}" for part, count in report.parts.items()))
    finished = "adjudicated" if report.source == "gold" else "done"
    if report.skipped_unannotated:
        print(f"  skipped {report.skipped_unannotated} documents with no {report.source} spans (not {finished})")
    if report.skipped_status:
        print(f"  skipped {report.skipped_status} documents not marked {finished} (--status {report.status})")
    if report.sentences:
        print(f"  {report.sentences} sentences" + (
            f"; {report.sentences_joined} sentence boundaries removed because a span crossed them"
            if report.sentences_joined else ""))
    if report.widened:
        print(f"  {len(report.widened)} spans widened to whole morpheme tokens:", *_listed(report.widened), sep="\n")
    if report.fragmented:
        print(f"  {len(report.fragmented)} spans cross a line break and were written as brat fragments:",
              *_listed(report.fragmented), sep="\n")
    if not report.documents:
        _err(f"no documents have {report.source} spans"
             + (" (adjudicate first, or export an annotator's layer with --source NAME)" if report.source == "gold" else ""))
    if report.dropped:
        _err(f"{len(report.dropped)} spans could not be written in {report.format} and were left out:")
        print(*_listed(report.dropped), sep="\n", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


SUGGEST_BATCH_DOCUMENTS = 100


def cmd_suggest(args) -> int:
    """Pre-annotate every document; print a summary, JSON lines, or store as a layer."""
    from collections import Counter

    from .core.operations import AddSpans, Batch
    from .core.records import GOLD

    if args.apply_as == GOLD:
        raise AnnotatorError(f"--apply-as {GOLD}: the gold layer is written by adjudication only")
    found: Counter = Counter()
    stored: Counter = Counter()
    with _open(args.project) as project:
        unknown = [label for label in args.label or () if project.schema.label(label) is None]
        if unknown:
            raise AnnotatorError(f"unknown label {unknown[0]!r} (schema has {', '.join(project.schema.label_names)})")
        doc_ids = project.store.document_ids()
        pending: list[AddSpans] = []

        def flush() -> None:
            if pending:
                change = project.apply(Batch(list(pending), description="suggestions"))
                stored.update(span.label for span in change.added)
                pending.clear()

        with project.suggester.batch_learning(args.apply_as), _progress("Suggesting", not (args.quiet or args.json)) as update:
            for done, doc_id in enumerate(doc_ids, start=1):
                suggestions = project.suggest(doc_id, annotator=args.apply_as, labels=args.label)
                found.update(s.label for s in suggestions)
                if args.json:
                    document = project.document(doc_id)
                    print(json.dumps({"id": doc_id, "uid": document.uid,
                                      "suggestions": [s.to_json() for s in suggestions]}, ensure_ascii=False))
                if args.apply_as and suggestions:
                    pending.append(AddSpans([s.draft(doc_id, args.apply_as) for s in suggestions],
                                            description="suggestions"))
                if len(pending) >= SUGGEST_BATCH_DOCUMENTS:
                    flush()
                update(done, len(doc_ids))
            flush()
    out = sys.stderr if args.json else sys.stdout
    labels = args.label or list(project.schema.label_names)
    print(f"{sum(found.values())} suggestions in {len(doc_ids)} documents", file=out)
    for label in labels:
        line = f"  {label:<10} {found.get(label, 0)}"
        if args.apply_as:
            line += f" ({stored.get(label, 0)} stored)"
        print(line, file=out)
    if args.apply_as:
        print(f"Stored {sum(stored.values())} spans in layer {args.apply_as!r}"
              + ("" if sum(stored.values()) else " (nothing new)"), file=out)
    return EXIT_OK


def cmd_gui(args) -> int:
    from .gui.launch import launch  # Qt is imported only when the GUI runs

    folder = Path(args.project) if args.project else ensure_demo_project()
    return launch(folder, annotator=args.annotator, screenshot=args.screenshot, lang=args.lang, review=args.review)


# -- parser ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Span annotation for Korean policy articles. Without a command, opens the GUI on the demo project.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the annotation window")
    p.add_argument("project", nargs="?", help="project folder (default: the demo project)")
    p.add_argument("--annotator", help="your name: the layer your spans go to")
    p.add_argument("--screenshot", metavar="PNG", help="render the window with the first document to PNG and exit")
    p.add_argument("--lang", choices=["ko", "en"], help="interface language (default: Korean, or the saved setting)")
    p.add_argument("--review", action="store_true",
                   help="start in review mode (the gold layer, candidates, agreement) at the first ready document")
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("init", help="create a project folder with a schema and a database")
    p.add_argument("project")
    p.add_argument("--schema", help="a project.toml to start from (default: the Korean policy schema)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="import articles (and spans) from files and folders")
    p.add_argument("project")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", default="auto", choices=FORMATS)
    p.add_argument("--annotator", help="layer for spans in the input (doccano, prodigy, labelstudio, jsonl)")
    p.add_argument("--text-column", default="text", help="CSV column holding the text (default: text)")
    p.add_argument("--no-clean", action="store_true", help="keep scraped pages whole (no title/byline/clutter cleaning)")
    p.add_argument("--map-labels", nargs="*", metavar="OLD=NEW", help="rename labels of imported spans")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("restore", help="bring back a backup of the project database (the newest by default)")
    p.add_argument("project")
    p.add_argument("backup", nargs="?", help="a backup file name from --list (default: the newest)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("export", help="write the gold (or one annotator's) spans as a training set",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Write a layer's spans as training data. Formats:\n" + "\n".join(
                           f"  {f.name:<8} {f.summary}" for f in EXPORT_FORMATS.values()))
    p.add_argument("project")
    p.add_argument("--format", required=True, choices=list(EXPORT_FORMATS), metavar="FMT",
                   help=", ".join(EXPORT_FORMATS))
    p.add_argument("--out", required=True, metavar="PATH",
                   help="output file (a folder for hf and brat, and for every format with --split)")
    p.add_argument("--source", default="gold", metavar="gold|NAME", help="the layer to export (default: gold)")
    p.add_argument("--status", choices=["done"], help="only documents the source marked done (gold: adjudicated)")
    p.add_argument("--split", metavar="80/10/10", help="train/dev/test percentages (or train/test)")
    p.add_argument("--seed", type=int, default=0, help="split seed (default 0)")
    p.add_argument("--json", action="store_true", help="print the full report (every dropped span) as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("suggest", help="suggest spans (amounts, agencies, terms, programmes) in every document")
    p.add_argument("project")
    p.add_argument("--apply-as", metavar="NAME",
                   help="store the suggestions as NAME's layer (skipping overlaps with it; rerunning adds nothing)")
    p.add_argument("--json", action="store_true", help="one JSON line per document: {id, uid, suggestions}")
    p.add_argument("--label", action="append", metavar="L", help="only this label (repeatable)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("stats", help="documents, spans by label and annotator, statuses")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    from .cli_review import add_review_commands  # agreement, adjudicate, merge

    add_review_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["gui"]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help is 0, usage errors are 2
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return args.func(args)
    except AnnotatorError as exc:
        _err(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted; every completed step is saved")
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into head & co.: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        _err(f"{exc.filename or ''}: {exc.strerror or exc}")
        return EXIT_ERROR
    except Exception as exc:  # a bug: one line for the user, the traceback in a log file
        log = _log_traceback()
        _err(f"internal error: {type(exc).__name__}: {exc} (details in {log}); nothing half-written was kept")
        return EXIT_ERROR


def _log_traceback() -> Path:
    import traceback

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("annotator", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "errors.log"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc() + "\n")
    return log


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
