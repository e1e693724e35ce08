"""Commands for a project's life: ``init``, ``import``, ``stats``, ``gui``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotator.core.content_rules import layer_problem
from annotator.core.errors import AnnotatorError
from annotator.core.ingest.readers import EXTENSIONS, FORMATS
from annotator.core.label_map import read_label_map
from annotator.core.project import Project
from annotator.core.team.notes import flag_comments
from annotator.cli.common import (
    EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, annotator_name, err, open_project, progress_bar, reporting_upgrade,
)
from annotator.cli.distribution import print_team_stats, team_stats


def cmd_init(args) -> int:
    project = Project.create(Path(args.project), args.schema, server=args.server)
    where = f"; annotations on {project.store.location}" if args.server else ""
    print(f"Created project {project.name} in {project.folder} ({len(project.schema.labels)} labels{where})")
    project.close()
    return EXIT_OK


def _parse_label_map(values: list[str] | None) -> dict[str, str]:
    """``--map-labels OLD=NEW`` given once per mapping (or several joined by commas: ``A=X,B=Y``)."""
    mapping = {}
    for pair in (piece.strip() for value in values or [] for piece in value.split(",")):
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise AnnotatorError(f"--map-labels takes OLD=NEW, not {pair!r}")
        mapping[old] = new
    return mapping


def _refuse_mappings_as_paths(paths: list[str]) -> None:
    """``--map-labels A=X B=Y PATH`` used to take every word: now ``B=Y`` would be read as a path."""
    stray = [path for path in paths if "=" in path and not Path(path).exists()]
    if stray:
        raise AnnotatorError(f"{stray[0]} is not a file or folder; give each mapping its own --map-labels "
                             f"(--map-labels {stray[0]} …) or join them with commas (--map-labels A=X,B=Y)")


def cmd_import(args) -> int:
    if args.annotator is not None and (problem := layer_problem(args.annotator)):
        raise AnnotatorError(f"--annotator: {problem}")
    if args.map_labels:
        _refuse_mappings_as_paths(args.paths)
    with open_project(args.project, changes_data=True) as project, \
            progress_bar("Importing", not args.quiet) as update:
        annotator = annotator_name(project, args.annotator) if args.annotator is not None else None
        report = project.import_paths(
            args.paths, fmt=args.format, annotator=annotator, clean=not args.no_clean,
            text_column=args.text_column, map_labels=_parse_label_map(args.map_labels),
            label_map=read_label_map(args.label_map) if args.label_map else None, progress=update,
        )
    for path, encoding in report.encodings.items():
        print(f"{path}: decoded as {encoding}", file=sys.stderr)
    for error in report.rejected:
        err(str(error))
    if report.links_skipped:
        err(f"{len(report.links_skipped)} symbolic links skipped: they lead out of the folder imported "
            "(name their targets to import those): " + ", ".join(report.links_skipped))
    print(
        f"Imported {report.documents_added} new documents ({report.documents_existing} already present), "
        f"{report.spans_added} spans from {report.files - len(report.rejected)} of {report.files} files"
        + (f"; {len(report.rejected)} rejected" if report.rejected else "")
    )
    if report.spans_by_layer:
        print("Spans by layer: " + ", ".join(f"{layer} {count}" for layer, count in sorted(report.spans_by_layer.items()))
              + ("" if args.annotator else " (--annotator NAME puts them into one layer)"))
    for line in report.left_out():
        print(line)
    if report.statuses_set:
        print(f"{report.statuses_set} statuses set from the files (done, in progress, skipped; gold adjudicated)")
    if report.spans_overlapping:
        print(f"{report.spans_overlapping} spans left out: they overlap spans their layer already holds "
              "(the schema forbids overlaps)")
    if not report.files and not report.rejected:
        err(f"no importable files found ({', '.join(EXTENSIONS)}; other files need --format)")
        return EXIT_ERROR
    return EXIT_PARTIAL if report.rejected or report.links_skipped else EXIT_OK


def cmd_stats(args) -> int:
    with open_project(args.project) as project:
        stats = project.stats()
        stats["team"] = team_stats(project)
        flags = flag_comments(project)
        stats["flags"] = [flag.as_dict() for flag in flags]
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Project {stats['project']}: {stats['documents']} documents, {stats['characters']} characters, "
          f"{stats['spans']} spans")
    layers = stats["spans_by_layer"]
    if layers:
        width = max(len(label) for label in ["label", *stats["labels"]])
        columns = [max(len(layer), 5) for layer in layers]
        print("  " + "label".ljust(width) + "".join(f"  {layer:>{w}}" for layer, w in zip(layers, columns)))
        for label in stats["labels"]:
            print("  " + label.ljust(width) + "".join(f"  {counts.get(label, 0):>{w}}"
                                                     for counts, w in zip(layers.values(), columns)))
    for layer, states in stats["statuses"].items():
        print(f"  {layer}: " + ", ".join(f"{k} {v}" for k, v in states.items()))
        for flag in (flag for flag in flags if flag.annotator == layer):  # what the flags say, where they are counted
            print(f"    flagged #{flag.doc_id} {flag.title}: {' '.join(flag.text.split()) or '(no comment)'}")
    print_team_stats(stats["team"])
    return EXIT_OK


def cmd_gui(args) -> int:
    from annotator.gui.window.launch import launch  # Qt is imported only when the GUI runs

    folder = Path(args.project) if args.project else None  # None: the demo project, made on first use
    return launch(folder, annotator=args.annotator, screenshot=args.screenshot, lang=args.lang, review=args.review)


def register(sub) -> None:
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
    p.add_argument("--server", metavar="postgresql://USER@HOST/DB",
                   help="keep the annotations in this PostgreSQL database (shared by the team); the folder keeps "
                        "the schema, label files and gazetteers. No password here: ~/.pgpass or PGPASSWORD")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="import articles (and spans) from files and folders")
    p.add_argument("project")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", default="auto", choices=FORMATS)
    p.add_argument("--annotator", help="layer for spans in the input (every format that carries spans)")
    p.add_argument("--text-column", default="text", help="CSV column holding the text (default: text)")
    p.add_argument("--no-clean", action="store_true", help="keep scraped pages whole (no title/byline/clutter cleaning)")
    p.add_argument("--map-labels", action="append", metavar="OLD=NEW",
                   help="rename a label of imported spans (repeat for each: --map-labels ORG=AGENCY --map-labels "
                        "QT=BUDGET, or join them: ORG=AGENCY,QT=BUDGET)")
    p.add_argument("--label-map", metavar="FILE",
                   help="a label map (TOML) from the input's labels to the project's; replaces a format's built-in map")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("stats", help="documents, spans by label in each layer (gold and each annotator), statuses; assignments and effort")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
