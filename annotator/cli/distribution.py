"""Work distribution: ``assign`` and ``package``, and the team part of ``stats``."""

from __future__ import annotations

import json

from annotator.core.errors import AnnotatorError
from annotator.core.team.assignment import assign, move_unfinished
from annotator.core.team.effort import team_figures
from annotator.core.team.packages.make import write_package
from annotator.core.team.packages.update import update_package
from annotator.cli.common import EXIT_OK, annotator_name, annotator_names, open_project


def _names(text: str | None) -> list[str]:
    return [n.strip() for n in (text or "").split(",") if n.strip()]


def _ids(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise AnnotatorError(f"--calibration-ids takes document ids separated by commas, not {text!r}") from None


def _moves(pairs: list[str] | None) -> list[tuple[str, str]]:
    moves = []
    for pair in pairs or []:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise AnnotatorError(f"--move takes FROM=TO (kim=park), not {pair!r}")
        moves.append((source.strip(), target.strip()))
    return moves


def cmd_assign(args) -> int:
    moves = _moves(args.move)
    if not moves and not args.annotators:
        raise AnnotatorError("assign needs --annotators A,B,... (and --per-document K), or --move FROM=TO")
    if args.annotators and args.per_document is None:
        raise AnnotatorError("--annotators needs --per-document K (how many annotators label each document)")
    result: dict = {"moves": [], "assignment": None, "dry_run": args.dry_run}
    with open_project(args.project) as project:
        for source, target in moves:
            source, target = annotator_name(project, source), annotator_name(project, target)
            result["moves"].append(move_unfinished(project, source, target, args.dry_run).to_dict())
        if args.annotators:
            plan = assign(project, annotator_names(project, _names(args.annotators)), args.per_document,
                          args.calibration or 0, _ids(args.calibration_ids), args.seed, args.only_unassigned,
                          args.dry_run)
            result["assignment"] = plan.to_dict()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return EXIT_OK
    prefix = "Would move" if args.dry_run else "Moved"
    for move in result["moves"]:
        print(f"{prefix} {len(move['moved'])} unfinished documents from {move['from']} to {move['to']}"
              + (f"; {len(move['already_theirs'])} more taken from {move['from']} ({move['to']} has them already;"
                 " run assign again to give them another annotator)" if move["already_theirs"] else ""))
    plan = result["assignment"]
    if plan is not None:
        verb = "Would assign" if args.dry_run else "Assigned"
        print(f"{verb} {plan['documents_assigned']} documents ({plan['assignments_added']} assignments), "
              f"{plan['per_document']} annotators per document, {len(plan['calibration'])} calibration documents "
              f"for everyone, seed {plan['seed']}")
        print(f"  {'annotator':<16} {'documents':>9} {'characters':>11} {'of them calibration':>19}")
        for name, load in plan["loads"].items():
            print(f"  {name:<16} {load['documents']:>9} {load['characters']:>11,} {load['calibration']:>19}")
    return EXIT_OK


def cmd_package(args) -> int:
    if (args.out is None) == (args.update is None):
        raise AnnotatorError("package needs --out FOLDER (a new package) or --update FOLDER (the next batch)")
    with open_project(args.project) as project:
        name = annotator_name(project, args.annotator)
        if args.update is not None:
            report = update_package(project, name, args.update)
        else:
            report = write_package(project, name, args.out)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif args.update is not None:
        _print_update(report)
    else:
        _print_package(report, args.project)
    return EXIT_OK


def _print_package(report, project: str) -> None:
    rows = report.rows
    shown = "her layer and gold" if report.gold else "her layer; no gold: project.toml [packages] gold"
    print(f"Wrote {report.out} for {report.annotator}: {report.documents} documents, {rows.get('spans', 0)} spans "
          f"({shown}), {rows.get('statuses', 0)} statuses"
          + (f"; also {', '.join(report.files)}" if report.files else ""))
    print(f"  They work in it with: annotator gui {report.out} --annotator {report.annotator}")
    print(f"  Bring it back with:   annotator merge {project} {report.out}")


def _print_update(report) -> None:
    merged = report.merge
    print(f"Updated {report.folder} for {report.annotator}: {merged.documents_added} documents added, "
          f"{merged.returns_received} returns, {merged.team.assignments_updated} assignments updated"
          + ("; gold of her documents included" if report.gold else "; no gold (project.toml [packages] gold)"))
    spans = ", ".join(f"{layer} {sum(kinds.values())}" for layer, kinds in merged.layers_changed().items())
    if spans:
        print(f"  spans changed: {spans}")
    print(f"  Hand it back; {report.annotator} goes on working in it: annotator gui {report.folder}")


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def team_stats(project) -> dict:
    """The team part of ``stats``: assignments, progress and effort per annotator (``effort.TeamFigures``)."""
    return team_figures(project).to_dict()


def print_team_stats(team: dict) -> None:
    if not team["annotators"]:
        return
    if team["documents_assigned"]:
        print(f"Assignments: {team['documents_assigned']} of {team['documents']} documents assigned, "
              f"{team['calibration_documents']} calibration documents")
    print(f"  {'annotator':<16} {'done/assigned':>13} {'hours':>6} {'min/doc':>7} {'min/1k chars':>12} "
          f"{'spans/h':>7} {'F1 gold':>7}")
    for a in team["annotators"]:
        done = f"{a['done']}/{a['assigned'] or '–'}"
        print(f"  {a['name']:<16} {done:>13} {a['active_hours']:>6.1f} {_number(a['minutes_per_document']):>7} "
              f"{_number(a['minutes_per_1000_characters']):>12} {_number(a['spans_per_hour']):>7} "
              f"{_number(a['f1_gold'], 3):>7}")
    if team["review_hours"]:
        print(f"  review (gold): {team['review_hours']:.1f} hours")


def register(sub) -> None:
    p = sub.add_parser("assign", help="assign documents to annotators (K each, balanced by characters)")
    p.add_argument("project")
    p.add_argument("--annotators", metavar="A,B,...", help="the annotators to assign to")
    p.add_argument("--per-document", type=int, metavar="K", help="annotators per document")
    p.add_argument("--calibration", type=int, metavar="N",
                   help="N documents, chosen at random, go to every annotator (for comparing them)")
    p.add_argument("--calibration-ids", metavar="ID,ID,...", help="these documents go to every annotator")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same assignment (default 0)")
    p.add_argument("--only-unassigned", action="store_true",
                   help="leave documents that have any annotator alone (do not top them up to K)")
    p.add_argument("--move", action="append", metavar="FROM=TO",
                   help="hand FROM's unfinished documents to TO (repeatable; runs before assigning)")
    p.add_argument("--dry-run", action="store_true", help="show what would be assigned; store nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("package", help="write a project copy with one annotator's assigned documents, "
                                       "or hand her package the next batch (--update)")
    p.add_argument("project")
    p.add_argument("--annotator", required=True, help="whose documents")
    p.add_argument("--out", metavar="FOLDER", help="a new (or empty) folder")
    p.add_argument("--update", metavar="FOLDER",
                   help="her package (after merging it): add her new documents, returns and, if project.toml "
                        "says so, gold; nothing of other annotators")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_package)
