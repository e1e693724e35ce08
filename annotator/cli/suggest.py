"""``suggest``: pre-annotate every document with the schema's recognisers."""

from __future__ import annotations

import json
import sys

from annotator.core.errors import AnnotatorError
from annotator.core.records import GOLD
from annotator.cli.common import EXIT_OK, annotator_name, open_project, progress_bar
from annotator.cli.remote import Prefetch

SUGGEST_BATCH_DOCUMENTS = 100


def cmd_suggest(args) -> int:
    """Pre-annotate every document; print a summary, JSON lines, or store as a layer."""
    from collections import Counter

    from annotator.core.content_rules import layer_problem
    from annotator.core.operations import AddSpans, Batch

    if args.apply_as is not None and (problem := layer_problem(args.apply_as, suggestions=True)):
        raise AnnotatorError(f"--apply-as: {problem}")
    found: Counter = Counter()
    stored: Counter = Counter()
    with open_project(args.project, changes_data=bool(args.apply_as)) as project:
        if args.apply_as:
            args.apply_as = annotator_name(project, args.apply_as)
        unknown = [label for label in args.label or () if project.schema.label(label) is None]
        if unknown:
            raise AnnotatorError(f"unknown label {unknown[0]!r} (schema has {', '.join(project.schema.label_names)})")
        doc_ids = project.store.document_ids()
        pending: list[AddSpans] = []
        remote = Prefetch(project, doc_ids)

        def flush() -> None:
            if pending:
                change = project.apply(Batch(list(pending), description="suggestions"))
                stored.update(span.label for span in change.added)
                pending.clear()

        with project.suggester.batch_learning(args.apply_as), progress_bar("Suggesting", not (args.quiet or args.json)) as update:
            for done, doc_id in enumerate(doc_ids, start=1):
                remote.before(done - 1)
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
    return remote.report()


def cmd_fill_attributes(args) -> int:
    """Fill the recogniser attributes of a layer's spans stored without them."""
    with open_project(args.project, changes_data=not args.dry_run) as project:
        if args.layer not in project.annotators() and args.layer != GOLD:
            raise AnnotatorError(f"no layer {args.layer!r} in {args.project} "
                                 f"(layers: {', '.join(project.annotators()) or 'none yet'})")
        report = project.fill_attributes(args.layer, dry_run=args.dry_run)
    if args.json:
        print(json.dumps({**report.to_dict(), "dry_run": args.dry_run}, ensure_ascii=False, indent=2))
        return EXIT_OK
    filled = sum(report.filled.values())
    verb = "Would fill" if args.dry_run else "Filled"
    print(f"{verb} the attributes of {filled} spans in layer {args.layer}"
          + (": " + ", ".join(f"{label} {n}" for label, n in sorted(report.filled.items())) if filled else ""))
    if report.unreadable:
        print("  left without: " + ", ".join(f"{label} {n}" for label, n in sorted(report.unreadable.items()))
              + " (their recognisers do not read the span as a whole, e.g. a BUDGET span over 국비 120억 원)")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("suggest", help="suggest spans (amounts, agencies, terms, programmes) in every document")
    p.add_argument("project")
    p.add_argument("--apply-as", metavar="NAME",
                   help="store the suggestions as NAME's layer (skipping overlaps with it; rerunning adds nothing)")
    p.add_argument("--json", action="store_true", help="one JSON line per document: {id, uid, suggestions}")
    p.add_argument("--label", action="append", metavar="L", help="only this label (repeatable)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("fill-attributes",
                       help="compute the attributes a label's recognisers set (an amount's value, an agency's "
                            "canonical name) for a layer's spans stored without them")
    p.add_argument("project")
    p.add_argument("--layer", default=GOLD, metavar="gold|NAME",
                   help="the layer (default gold; an annotator fills their own layer in their copy)")
    p.add_argument("--dry-run", action="store_true", help="count what would be filled; change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_fill_attributes)
