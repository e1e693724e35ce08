"""``notes``: what annotators and the reviewer wrote: flag comments, return reasons, notes."""

from __future__ import annotations

import json
from datetime import datetime

from annotator.core.team.assignment import unknown_annotator
from annotator.core.team.notes import CANDIDATE, DOCUMENT, FLAG, NOTE_KINDS, RETURN, SPAN, ListedNote
from annotator.cli.common import EXIT_OK, err, open_project, plural

KIND_NAMES = {FLAG: "flag", RETURN: "returned", DOCUMENT: "document note", SPAN: "span note",
              CANDIDATE: "candidate note"}


def local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:  # a hand-edited row: show it as it is
        return stamp


def note_line(note: ListedNote) -> str:
    """One note, indented under its document: time, who, what kind, where (span notes) and the text."""
    where = ""
    if note.kind in (SPAN, CANDIDATE):
        where = f"[{note.start}, {note.end}) {note.label} “{note.span_text}”: "
    text = note.text.replace("\n", "\n" + " " * 6) if note.text else "(no comment)"
    return f"  {local_time(note.time)}  {note.annotator}  {KIND_NAMES[note.kind]}: {where}{text}"


def print_notes(notes: list[ListedNote]) -> None:
    """Notes grouped under their documents (``#id title``), in the listing's order."""
    current = None
    for note in notes:
        if note.doc_id != current:
            current = note.doc_id
            print(f"#{note.doc_id} {note.title}")
        print(note_line(note))


def cmd_notes(args) -> int:
    kinds = (FLAG,) if args.flags else NOTE_KINDS
    with open_project(args.project) as project:
        warning = unknown_annotator(project, args.annotator, any_case=True) if args.annotator else None
        notes = project.notes(args.annotator, kinds)
    if warning:
        err(f"warning: {warning}")
    if args.json:
        print(json.dumps({"annotator": args.annotator, "kinds": list(kinds), "warning": warning,
                          "notes": [note.as_dict() for note in notes]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    what = "flagged documents" if args.flags else "notes"
    whose = f" by {args.annotator}" if args.annotator else ""
    if not notes:
        print(f"No {what}{whose}.")
        return EXIT_OK
    documents = len({note.doc_id for note in notes})
    print(f"{plural(len(notes), 'flag' if args.flags else 'note')}{whose} in {plural(documents, 'document')}:")
    print_notes(notes)
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("notes", help="list flag comments, return reasons and notes on documents, spans and candidates")
    p.add_argument("project")
    p.add_argument("--annotator", metavar="NAME", help="only this layer's (gold: the reviewer's; returns: to NAME)")
    p.add_argument("--flags", action="store_true", help="only flagged documents and their comments")
    p.add_argument("--json", action="store_true",
                   help="every note with document id and title, annotator, kind, text, time (UTC) and its span")
    p.set_defaults(func=cmd_notes)
