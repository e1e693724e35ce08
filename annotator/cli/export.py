"""``export``: a layer's spans as a training set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.core.export import STATUS_FILTERS, finished_status
from annotator.core.export.formats import FORMATS as EXPORT_FORMATS
from annotator.core.export.label_studio import labeling_config
from annotator.core.export.tagging import SCHEMES
from annotator.core.label_map import read_label_map
from annotator.core.records import GOLD
from annotator.cli.common import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, annotator_name, err, listed, open_project, plural, progress_bar


def cmd_export(args) -> int:
    try:
        label_map = read_label_map(args.label_map) if args.label_map else None
        with open_project(args.project) as project, progress_bar("Exporting", not args.quiet) as update:
            source = annotator_name(project, args.source)
            report = project.export(args.format, Path(args.out), source=source, status=args.status,
                                    split=args.split, seed=args.seed, progress=update, scheme=args.scheme,
                                    label_map=label_map)
            config_labels = [label_map.export_label(n) if label_map else n for n in project.schema.label_names]
    except KeyboardInterrupt:
        err("interrupted; nothing was written")
        return EXIT_ERROR
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK if report.complete and report.documents else EXIT_PARTIAL
    source, finished = report.source, finished_status(report.source)
    if not report.documents:
        if report.skipped_status:
            them = "it" if report.skipped_status == 1 else "them"
            why = (f"no documents of layer {source} are marked {finished}; {plural(report.skipped_status, 'document')}"
                   f" with {source} spans {'is' if report.skipped_status == 1 else 'are'} not (mark {them} {finished},"
                   f" or add --status all to export {them} anyway)")
        else:
            why = f"no documents have {source} spans" + (
                " (adjudicate first, or export an annotator's layer with --source NAME)" if source == GOLD else "")
        err(f"{why}; nothing was written to {report.out}")
        return EXIT_PARTIAL
    labels = ", ".join(f"{label} {count}" for label, count in sorted(report.spans_by_label.items()) if count)
    print(f"Exported {plural(report.documents, 'document')} ({report.spans} spans{': ' + labels if labels else ''}) "
          f"from layer {source} as {report.format} to {report.out} in {report.seconds:.1f} s")
    print(f"  {'all' if report.documents > 1 else 'the document'} marked {finished}" if not report.unfinished
          else f"  {report.finished} marked {finished}, {report.unfinished} not (--status {report.status})")
    if EXPORT_FORMATS[report.format].loses:
        print(f"  {report.format} does not keep {EXPORT_FORMATS[report.format].loses}; "
              f"`annotator import` reads the rest back")
    if report.split:
        print(f"  split {report.split}: " + ", ".join(f"{part} {count}" for part, count in report.parts.items()))
    if report.skipped_status:
        them = "it" if report.skipped_status == 1 else "them"
        print(f"  left out {plural(report.skipped_status, 'document')} with {source} spans not marked {finished}"
              f" (--status all takes {them})")
    if report.skipped_unannotated:
        print(f"  left out {plural(report.skipped_unannotated, 'document')} with no {source} spans, not marked {finished}")
    if report.sentences:
        print(f"  {report.sentences} sentences" + (
            f"; {report.sentences_joined} sentence boundaries removed because a span crossed them"
            if report.sentences_joined else ""))
    if report.tokens_split:
        print(f"  {report.tokens_split} morpheme tokens cut at span edges, so that every span keeps its edges")
    if report.widened:
        print(f"  {len(report.widened)} spans written with other edges than stored:", *listed(report.widened),
              sep="\n")
    if report.unmapped:
        print("  left out by the label map: "
              + ", ".join(f"{label} {n}" for label, n in sorted(report.unmapped.items())))
    if report.format.startswith("labelstudio") and report.documents:
        print("  Label Studio labelling config for these tasks (Settings › Labeling Interface › Code):")
        print("    " + labeling_config(dict.fromkeys(filter(None, config_labels)), {}).replace("\n", "\n    ").rstrip())
    for note in report.notes:
        print(f"  note: {note}")
    if report.fragmented:
        print(f"  {len(report.fragmented)} spans cross a line break and were written as brat fragments:",
              *listed(report.fragmented), sep="\n")
    if report.dropped:
        err(f"{len(report.dropped)} spans could not be written in {report.format} and were left out:")
        print(*listed(report.dropped), sep="\n", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("export", help="write the gold (or one annotator's) spans as a training set",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Write a layer's spans as training data. Formats:\n" + "\n".join(
                           f"  {f.name:<23} {f.summary}" for f in EXPORT_FORMATS.values()))
    p.add_argument("project")
    p.add_argument("--format", required=True, choices=list(EXPORT_FORMATS), metavar="FMT",
                   help=", ".join(EXPORT_FORMATS))
    p.add_argument("--out", required=True, metavar="PATH",
                   help="output file (a folder for spacy, hf, brat and xmi, and for every format with --split)")
    p.add_argument("--source", default="gold", metavar="gold|NAME", help="the layer to export (default: gold)")
    p.add_argument("--status", choices=STATUS_FILTERS,
                   help="done: only documents the layer marked finished (gold: adjudicated; the default for gold); "
                        "all: also documents with spans not marked finished (the default for an annotator's layer)")
    p.add_argument("--split", metavar="80/10/10", help="train/dev/test percentages (or train/test)")
    p.add_argument("--seed", type=int, default=0, help="split seed (default 0)")
    p.add_argument("--scheme", choices=SCHEMES, default="bio",
                   help="tag scheme of the tagged formats (" + ", ".join(n for n, f in EXPORT_FORMATS.items() if f.tagged)
                   + "): bio (default), iobes, bilou")
    p.add_argument("--label-map", metavar="FILE",
                   help="a label map (TOML): the [export] table renames labels; replaces a format's built-in map")
    p.add_argument("--json", action="store_true", help="print the full report (every dropped span) as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_export)
