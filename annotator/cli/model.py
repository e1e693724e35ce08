"""Model commands: ``train`` (the CRF on the finished work, with held-out scores) and ``queue``
(the next documents for an annotator, with the reason)."""

from __future__ import annotations

import json

from rich import box
from rich.console import Console
from rich.table import Table

from annotator.cli.common import EXIT_OK, annotator_name, err, open_project, progress_bar

def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def cmd_train(args) -> int:
    from annotator.core.model import label_states

    if args.remote:
        from annotator.cli.remote import cmd_train_remote

        return cmd_train_remote(args)

    with open_project(args.project) as project:
        with progress_bar("Training", not (args.quiet or args.json)) as update:
            info = project.train(progress=lambda done, total: update(done, total or None))
        states = {s.label: s for s in label_states(project.schema, info)}
        files = project.model_files
    if args.json:
        print(json.dumps({**info.to_json(), "states": {label: {"state": s.state, "threshold": s.threshold}
                                                       for label, s in states.items()}},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    console = Console(highlight=False)
    console.print(f"Trained on {info.documents} finished documents ({info.layers} layers, {info.sentences:,} "
                  f"sentences, {info.tokens:,} tokens) in {info.seconds:.1f} s by {info.algorithm}; "
                  f"held-out scores from {info.folds} folds")
    # Narrow enough for 80 columns: no vertical rules, headers wrap between words, and why a label
    # is not suggested goes under the table; a narrower terminal folds cells rather than cutting them.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    for name, right in (("label", False), ("F1", True), ("precision", True), ("recall", True),
                        ("training spans", True), ("held-out spans", True), ("threshold", True), ("suggests", False)):
        table.add_column(name, justify="right" if right else "left", overflow="fold")
    reasons = []
    for label, score in info.scores.items():
        state = states[label]
        table.add_row(label, _figure(score.f1), _figure(score.precision), _figure(score.recall),
                      str(score.training_spans), str(score.heldout_spans), f"{state.threshold:.2f}",
                      "yes" if state.state == "live" else "no")
        if state.state != "live":
            reasons.append(f"{label} is not suggested: " + {
                "off": "the model is not among its recognisers in project.toml",
                "below": f"held-out F1 {_figure(score.f1)} is below its threshold {state.threshold:.2f}",
                "untrained": "no spans of it to learn from"}[state.state])
    console.print(table)
    for reason in reasons:
        console.print(reason)
    counts = info.counts
    if counts.get("misaligned_spans"):
        console.print(f"{counts['misaligned_spans']} span(s) did not start and end on morpheme edges: "
                      f"{counts['skipped_sentences']} sentence(s) holding them were left out")
    if counts.get("overlapping_spans"):
        console.print(f"{counts['overlapping_spans']} overlapping span(s) left out (the longer one was kept)")
    if counts.get("negative_sentences"):
        console.print(f"{counts['negative_sentences']} sentence(s) with rejected suggestions learned as negatives")
    console.print(f"Model written to {files.model_path or 'memory'}"
                  + (f" and {files.meta_path.name}" if files.meta_path else ""))
    return EXIT_OK


def cmd_queue(args) -> int:
    from annotator.core.model.queue import annotator_warning, next_documents

    with open_project(args.project) as project:
        args.annotator = annotator_name(project, args.annotator)
        warning = annotator_warning(project, args.annotator)
        entries = next_documents(project, args.annotator, count=args.count)
        titles = {e.doc_id: project.document(e.doc_id) for e in entries}
    if warning:
        err(f"warning: {warning}")
    if args.json:
        print(json.dumps({"annotator": args.annotator, "warning": warning, "next": [
            {**e.to_json(), "uid": titles[e.doc_id].uid, "title": titles[e.doc_id].title} for e in entries]},
            ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        print(f"{args.annotator} has no unfinished document")
    for entry in entries:
        print(f"{entry.doc_id}\t{entry.describe()}\t{titles[entry.doc_id].title}")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("train", help="train the model (a CRF) on the finished work; print per-label held-out F1")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="the model's description as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--remote", action="store_true",
                   help="instead, send the finished work to the remote recogniser's service ([remote]) to train on")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("queue", help="the next documents for an annotator, chosen by the model, with the reason")
    p.add_argument("project")
    p.add_argument("--annotator", required=True, metavar="NAME")
    p.add_argument("--count", type=int, default=1, metavar="N", help="how many documents (default 1)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_queue)
