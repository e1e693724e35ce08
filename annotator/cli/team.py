"""Team commands: ``merge`` (copies in both directions) and ``return`` (반려, with a reason)."""

from __future__ import annotations

import json

from annotator.core.team.merge.versions import PREFERENCES
from annotator.cli.common import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, annotator_name, err, open_project

KIND_WORDS = {"added": "added", "updated": "edited", "deleted": "deleted", "restored": "brought back"}


def _layers_line(report) -> str:
    layers = report.layers_changed()
    if not layers:
        return "no span changed"
    return "; ".join(f"{layer} " + ", ".join(f"{n} {KIND_WORDS[kind]}" for kind, n in kinds.items())
                     for layer, kinds in layers.items())


def _left_out_line(report) -> str:
    """``15 spans (gold 10, lee 5); 4 assignments (lee 4)``."""
    return "; ".join(f"{sum(layers.values())} {table} (" + ", ".join(f"{layer} {n}" for layer, n in layers.items())
                     + ")" for table, layers in report.left_out.items())


def cmd_merge(args) -> int:
    with open_project(args.project) as project:
        as_package = annotator_name(project, args.as_package) if args.as_package else None
        report = project.merge_from(args.other, prefer=args.prefer, dry_run=args.dry_run,
                                    trust_full_copy=args.trust_full_copy, as_package=as_package, reveal=args.reveal)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        verb = "Would merge" if report.dry_run else "Merged"
        print(f"{verb} {report.source} ({report.authority.describe()}): {report.documents_added} documents added "
              f"({report.documents_existing} already here)")
        print(f"  spans: {_layers_line(report)} ({report.spans_identical} unchanged)")
        print(f"  statuses: {report.statuses_updated} updated, {report.returns_received} of them returns; "
              f"rejections: {report.rejections_added} added, {report.rejections_withdrawn} withdrawn; "
              f"notes: {report.notes_updated} updated")
        print(f"  assignments: {report.team.assignments_updated} updated; "
              f"active time: {report.team.active_time_updated} days updated")
        if report.by_content:
            print("  (a copy from before span identities: spans matched by content and only added)")
        settled = [c for c in report.conflicts if c not in report.unsettled]
        if settled:
            print(f"  {len(settled)} conflicts settled (--prefer {report.prefer}):")
            for conflict in settled:
                print(f"    {conflict}")
        if report.dry_run:
            print("Dry run: nothing was written.")
        for label, count in sorted(report.unknown_labels.items()):
            err(f"{report.source}: {count} spans with label {label!r}, which this project's schema lacks, skipped")
        for conflict in report.unsettled:
            err(f"{report.source}: conflict: {conflict}")
        for overlap in report.overlaps:
            err(f"{report.source}: {overlap}")
        for notice in report.authority.notices:
            err(f"{report.source}: {notice}")
        if report.left_out:
            err(f"{report.source}: left out, as only {report.authority.annotator}'s own work is taken from it: "
                f"{_left_out_line(report)}")
    left_out = args.strict and bool(report.left_out)
    return EXIT_PARTIAL if report.unsettled or report.unknown_labels or report.overlaps or left_out else EXIT_OK


def _document_id(project, given: str) -> int | None:
    """A document by its id, or by its uid (or the start of it)."""
    if given.isdigit():
        return int(given)
    found = [d.id for d in project.documents() if d.uid.startswith(given)] if len(given) >= 6 else []
    return found[0] if len(found) == 1 else None


def cmd_return(args) -> int:
    with open_project(args.project) as project:
        doc_id = _document_id(project, args.doc_id)
        if doc_id is None:
            err(f"{args.project}: no document {args.doc_id!r} (give its id, as `annotator stats` and the GUI show, "
                "or its uid)")
            return EXIT_ERROR
        args.annotator = annotator_name(project, args.annotator)
        project.return_document(doc_id, args.annotator, args.reason)
        title = project.document(doc_id).title
    print(f"Returned document {doc_id} ({title}) to {args.annotator}: {args.reason.strip()}")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("merge", help="bring in another copy of the project (its folder or project.db): edits, "
                                     "deletions, statuses, returns and notes; works in both directions")
    p.add_argument("project")
    p.add_argument("other", metavar="OTHER_PROJECT_OR_DB")
    p.add_argument("--prefer", choices=PREFERENCES,
                   help="settle spans changed differently in the two copies (default: keep ours, report them)")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a package held anything it was left out (not its annotator's to change)")
    p.add_argument("--as-package", metavar="NAME",
                   help="take only NAME's work from the copy (a package made before packages recorded their "
                        "annotator, or a copy NAME worked in)")
    p.add_argument("--trust-full-copy", action="store_true",
                   help="take every layer of a copy this project does not recognise as its own "
                        "(another project of the same documents, from someone trusted with every layer)")
    p.add_argument("--reveal", action="store_true",
                   help="merging into an annotator's package: show her other annotators' layers and documents "
                        "(refused without it; hand out the next batch with annotator package --update instead)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("return", help="return a document to an annotator with a reason (반려)")
    p.add_argument("project")
    p.add_argument("doc_id", metavar="DOC_ID", help="the document's id (or uid)")
    p.add_argument("--annotator", required=True, metavar="NAME")
    p.add_argument("--reason", required=True, metavar="TEXT", help="what to fix; the annotator reads it above the text")
    p.set_defaults(func=cmd_return)
