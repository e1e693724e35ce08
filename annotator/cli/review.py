"""Review commands: ``agreement`` and ``adjudicate`` (thin, over the core)."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.table import Table

from annotator.core.records import GOLD
from annotator.core.review.gold_agreement import BATCH, WEEK, gold_over_time
from annotator.cli.common import EXIT_ERROR, EXIT_OK, annotator_names, err, open_project


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _table(title: str, text_columns: list[str], number_columns: list[str]) -> Table:
    table = Table(title=title)
    for name in text_columns:
        table.add_column(name)
    for name in number_columns:
        table.add_column(name, justify="right")
    return table


def _who(names: list[str]) -> str:
    return f"both {names[0]} and {names[1]}" if len(names) == 2 else f"two of {', '.join(names)}"


def nothing_compared(report: dict, all_documents: bool) -> str:
    """Why no document could be compared, and what to do about it."""
    if not report["documents"]:
        return "the project has no documents yet: import some (annotator import PROJECT PATH...)"
    if all_documents:
        return "no document could be compared"
    return (f"no document is marked done by {_who(report['annotators'])}: press Ctrl+Enter in the workbench "
            "when a document is finished, or count every document with --all-documents")


def cmd_agreement(args) -> int:
    names = [n.strip() for n in args.annotators.split(",") if n.strip()] if args.annotators else None
    if args.batch_size < 1:
        err("--batch-size must be 1 or more")
        return EXIT_ERROR
    with open_project(args.project) as project:
        if args.label and project.schema.label(args.label) is None:
            err(f"unknown label {args.label!r} (schema has {', '.join(project.schema.label_names)})")
            return EXIT_ERROR
        names = annotator_names(project, names) if names else names
        report = project.agreement(names, args.label, args.all_documents).to_dict()
        if GOLD in report["annotators"]:  # each annotator against gold, over time: drift shows
            trend = gold_over_time(project, report["annotators"], args.per, args.batch_size)
            report["gold_over_time"] = {name: [p.to_dict() for p in periods] for name, periods in trend.items()}
    if len(report["annotators"]) < 2:
        err(f"{args.project}: agreement needs at least two annotators (found: "
             f"{', '.join(report['annotators']) or 'none'})")
        return EXIT_ERROR
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    console = Console(highlight=False)
    basis = "every document" if args.all_documents else "documents both marked done"
    console.print(f"Agreement over {basis}: {report['documents_counted']} of {report['documents']} documents "
                  f"compared" + (f", label {args.label}" if args.label else ""))
    if report["documents_counted"]:
        _print_figures(console, report)
    else:
        console.print(f"Nothing to compare: {nothing_compared(report, args.all_documents)}")
    progress = _table("Progress (every document)", ["annotator"], ["done", "spans"])
    progress.add_column("statuses")
    for name, row in report["progress"].items():
        progress.add_row(name, str(row["done"]), str(row["spans"]),
                         ", ".join(f"{k} {v}" for k, v in sorted(row["statuses"].items())))
    console.print(progress)
    if "gold_over_time" in report:
        console.print(_gold_over_time_table(report["gold_over_time"], args.per))
    return EXIT_OK


def _print_figures(console: Console, report: dict) -> None:
    pairs = _table("Pairs", ["A", "B"], ["documents", "F1 strict", "F1 lenient", "κ (morphemes)"])
    for p in report["pairs"]:
        pairs.add_row(p["a"], p["b"], str(p["documents"]), _figure(p["f1_strict"]), _figure(p["f1_lenient"]),
                      _figure(p["kappa"]))
    overall = report["overall"]
    pairs.add_row("mean", "", "", _figure(overall["f1_strict"]), _figure(overall["f1_lenient"]),
                  _figure(overall["kappa"]), style="bold")
    console.print(pairs)
    labels = _table("Labels (spans in the compared documents)", ["label"],
                    ["F1 strict", "F1 lenient", *report["annotators"]])
    for label, row in report["labels"].items():
        labels.add_row(label, _figure(row["f1_strict"]), _figure(row["f1_lenient"]),
                       *(str(row["spans"].get(a, 0)) for a in report["annotators"]))
    console.print(labels)
    console.print(f"Krippendorff's α (nominal, all annotators): {_figure(report['alpha'])} "
                  f"over {report['alpha_units']} morphemes")


def _gold_over_time_table(trend: dict[str, list[dict]], per: str) -> Table:
    table = _table(f"Agreement with gold over time (F1 strict, per {per})", ["annotator", per],
                   ["documents", "spans", "gold spans", "exact", "F1 strict"])
    for name, periods in trend.items():
        for period in periods or [{"period": "–", "documents": 0, "spans": 0, "gold_spans": 0, "exact": 0,
                                   "f1_strict": None}]:
            table.add_row(name, period["period"], str(period["documents"]), str(period["spans"]),
                          str(period["gold_spans"]), str(period["exact"]), _figure(period["f1_strict"]))
    return table


def cmd_adjudicate(args) -> int:
    if not args.auto:
        err("adjudicate needs --auto (choosing between annotators one span at a time is done in the GUI)")
        return EXIT_ERROR
    if args.min_agree is not None and args.min_agree < 0:
        err("--min-agree must be 0 (all annotators) or more")
        return EXIT_ERROR
    with open_project(args.project) as project:
        result = project.adjudicate(min_agree=args.min_agree, all_documents=args.all_documents)
        titles = {doc_id: project.document(doc_id).title for doc_id in result.remaining}
    merged = result.merged_by_document()
    if args.json:
        print(json.dumps({
            "min_agree": result.min_agree, "documents": result.documents, "merged": len(result.merged),
            "merged_by_document": merged, "skipped_adjudicated": result.skipped_adjudicated,
            "not_ready": result.not_ready,
            "remaining": result.remaining, "remaining_total": sum(result.remaining.values()),
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    rule = "all annotators of each document (at least 2)" if result.min_agree == 0 else f"{result.min_agree}"
    print(f"Auto-merge (spans on which {rule} agree): {len(result.merged)} spans into gold "
          f"in {len(merged)} of {result.documents} documents")
    if result.skipped_adjudicated:
        print(f"Left alone: {len(result.skipped_adjudicated)} documents already adjudicated")
    if result.not_ready:
        count = len(result.not_ready)
        print(f"Left out: {count} document{'s' if count != 1 else ''} not marked done by two annotators "
              "(--all-documents takes every document and every annotator)")
    if result.remaining:
        print(f"Still in disagreement: {sum(result.remaining.values())} candidates in "
              f"{len(result.remaining)} documents")
        print(f"  {'document':>8}  {'count':>5}  title")
        for doc_id, count in sorted(result.remaining.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {doc_id:>8}  {count:>5}  {titles[doc_id]}")
    else:
        print("No disagreements left")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("agreement", help="inter-annotator agreement: span F1, Cohen's κ, Krippendorff's α")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.add_argument("--annotators", metavar="A,B,...", help="compare only these layers (default: all but gold)")
    p.add_argument("--label", help="figures for one label only")
    p.add_argument("--all-documents", action="store_true",
                   help="count every document for every annotator (default: documents each marked done)")
    p.add_argument("--per", choices=(WEEK, BATCH), default=WEEK,
                   help="with gold among --annotators: agreement with gold per week the work was done, or per "
                        "batch of documents in that order")
    p.add_argument("--batch-size", type=int, default=20, metavar="N", help="documents per batch (--per batch)")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("adjudicate", help="merge agreed spans into the gold layer and report the conflicts left")
    p.add_argument("project")
    p.add_argument("--auto", action="store_true", help="merge spans enough annotators agree on exactly")
    p.add_argument("--min-agree", type=int, metavar="K",
                   help="annotators that must agree (default: the project's [review] min_agree; 0: all)")
    documents = p.add_mutually_exclusive_group()
    documents.add_argument("--all-documents", action="store_true",
                           help="every document and every annotator (default: documents two annotators marked "
                                "done, counting those, as agreement and the review list do)")
    documents.add_argument("--done-only", action="store_true", help=argparse.SUPPRESS)  # the default; old scripts
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_adjudicate)
