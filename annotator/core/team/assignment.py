"""Assigning documents to annotators: each document to K of them, balanced by characters.

- Calibration documents (``calibration`` chosen at random, or named ids) go to
  every annotator listed; they are the same for everyone and stay out of the
  balance.
- Every other document ends with at least K current annotators. Documents
  are taken longest first (ties in an order fixed by the seed and the
  document's uid); each goes to the annotators with the fewest characters so
  far, among those below the document cap (the fair share of documents,
  rounded up, plus one); ties go to fewer documents, then to an order of the
  annotators fixed by the seed. The same seed on the same project gives the
  same assignment.
- Running it again keeps every current assignment: documents added since
  (and documents left with fewer than K annotators by a move) are topped up,
  the new load going to whoever has least. ``only_unassigned`` touches only
  documents nobody has.
- ``move_unfinished(kim, park)``: kim's documents she has not finished (new
  or in progress) are taken from her; park gets those he does not have yet.

Planning is pure (``plan_assignment``); ``assign`` reads the project, plans
and writes in one transaction.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field, replace

from annotator.core.errors import ProjectError
from annotator.core.records import GOLD
from annotator.core.store.store import now
from annotator.core.store.worklist import DocumentFilter
from annotator.core.store import assignments as assignment_store

Documents = list[tuple[int, str, int]]  # (id, uid, length)


@dataclass
class Load:
    """An annotator's documents and their characters. In a plan's ``loads`` these count every document
    assigned to them, calibration included (as ``package`` and ``stats`` count), ``calibration`` of
    which are calibration documents; while planning, the balance leaves calibration out."""

    documents: int = 0
    characters: int = 0
    calibration: int = 0


@dataclass
class AssignmentPlan:
    annotators: list[str]
    per_document: int
    seed: int
    calibration: list[int] = field(default_factory=list)  # every calibration document, ids ascending
    new_rows: list[tuple[int, str, bool]] = field(default_factory=list)  # (doc_id, annotator, calibration)
    documents_assigned: int = 0  # documents that got someone new
    loads: dict[str, Load] = field(default_factory=dict)  # after the plan, listed annotators (calibration included)

    def to_dict(self) -> dict:
        return {"annotators": self.annotators, "per_document": self.per_document, "seed": self.seed,
                "calibration": self.calibration, "assignments_added": len(self.new_rows),
                "documents_assigned": self.documents_assigned,
                "loads": {name: vars(load) for name, load in self.loads.items()}}


@dataclass
class MoveReport:
    source: str
    target: str
    moved: list[int] = field(default_factory=list)  # now the target's
    already_target: list[int] = field(default_factory=list)  # taken from the source; the target had them

    def to_dict(self) -> dict:
        return {"from": self.source, "to": self.target, "moved": self.moved, "already_theirs": self.already_target}


def _check_names(annotators: list[str], per_document: int) -> list[str]:
    names = [n.strip() for n in annotators]
    if not names or any(not n for n in names):
        raise ProjectError("--annotators needs one or more names, separated by commas")
    if GOLD in names:
        raise ProjectError(f"{GOLD!r} is the reviewer's layer, not an annotator")
    if len(set(names)) != len(names):
        raise ProjectError(f"an annotator is listed twice: {', '.join(names)}")
    if not 1 <= per_document <= len(names):
        raise ProjectError(f"--per-document must be between 1 and the number of annotators ({len(names)}), "
                           f"not {per_document}")
    return names


def _tiebreak(seed: int, uid: str) -> str:
    return hashlib.sha256(f"{seed}:{uid}".encode()).hexdigest()


def _choose_calibration(documents: Documents, existing: dict[int, dict[str, bool]], count: int,
                        ids: list[int] | None, rng: random.Random) -> list[int]:
    """Ids of the calibration documents: the existing ones plus named or randomly chosen new ones."""
    chosen = {d for d, who in existing.items() if any(who.values())}
    known = {doc_id for doc_id, _, _ in documents}
    if ids:
        missing = [i for i in ids if i not in known]
        if missing:
            raise ProjectError(f"--calibration-ids: no document {missing[0]} in the project")
        return sorted(chosen | set(ids))
    wanted = count - len(chosen)
    if wanted <= 0:
        return sorted(chosen)
    free = sorted((uid, doc_id) for doc_id, uid, _ in documents if not existing.get(doc_id))
    if wanted > len(free):
        raise ProjectError(f"--calibration {count}: only {len(free)} documents have no annotator yet "
                           f"(and {len(chosen)} are calibration documents already)")
    return sorted(chosen | {doc_id for _, doc_id in rng.sample(free, wanted)})


def _pick(preferred: list[str], need: int, room: dict[str, int], left: int, per_document: int) -> list[str]:
    """``need`` annotators in order of preference, keeping the document cap within reach for the
    ``left`` documents still to go (this one included): someone whose room is smaller than that
    can take only so many, or the others would be pushed over the cap later. Without a way to keep
    it (a re-run on an uneven project), the preference alone decides."""
    roomy = [n for n in preferred if room[n] >= left]
    spare = (len([n for n in room if room[n] >= left]) * (left - 1)
             + sum(max(r, 0) for r in room.values() if r < left) - (left - 1) * per_document)
    chosen: list[str] = []
    tight = 0
    for name in preferred:
        if len(chosen) == need:
            break
        if name in roomy:
            chosen.append(name)
        elif room[name] > 0 and tight < spare:
            chosen.append(name)
            tight += 1
    for name in preferred:  # no way to keep the cap: fill by preference
        if len(chosen) == need:
            break
        if name not in chosen:
            chosen.append(name)
    return chosen


def plan_assignment(documents: Documents, existing: dict[int, dict[str, bool]], annotators: list[str],
                    per_document: int, calibration: int = 0, calibration_ids: list[int] | None = None,
                    seed: int = 0, only_unassigned: bool = False) -> AssignmentPlan:
    """What to add; ``existing`` is {doc_id: {annotator: calibration}} of current assignments."""
    names = _check_names(annotators, per_document)
    if calibration < 0:
        raise ProjectError(f"--calibration must be 0 or more, not {calibration}")
    rng = random.Random(seed)
    rank = {name: i for i, name in enumerate(rng.sample(names, len(names)))}
    plan = AssignmentPlan(names, per_document, seed)
    plan.calibration = _choose_calibration(documents, existing, calibration, calibration_ids, rng)
    calibration_set = set(plan.calibration)
    touched: set[int] = set()
    for doc_id in plan.calibration:
        have = existing.get(doc_id, {})
        for name in names:
            if not have.get(name):
                plan.new_rows.append((doc_id, name, True))
                touched.add(doc_id)

    loads = {name: Load() for name in names}
    length_of = {doc_id: length for doc_id, _, length in documents}
    for doc_id, who in existing.items():
        for name, is_calibration in who.items():
            if name in loads and not is_calibration and doc_id not in calibration_set:
                loads[name].documents += 1
                loads[name].characters += length_of.get(doc_id, 0)
    pending = []  # (id, uid, length, annotators it still needs, who has it)
    for doc_id, uid, length in documents:
        have = existing.get(doc_id, {})
        if doc_id in calibration_set or (only_unassigned and have):
            continue
        if len(have) < per_document:
            pending.append((doc_id, uid, length, per_document - len(have), set(have)))
    slots = sum(load.documents for load in loads.values()) + sum(p[3] for p in pending)
    cap = math.ceil(slots / len(names)) + 1
    pending.sort(key=lambda p: (-p[2], _tiebreak(seed, p[1])))
    for left, (doc_id, _uid, length, need, have) in zip(range(len(pending), 0, -1), pending):
        room = {n: cap - loads[n].documents for n in names}
        preferred = sorted((n for n in names if n not in have),
                           key=lambda n: (room[n] <= 0, loads[n].characters, loads[n].documents, rank[n]))
        for name in _pick(preferred, need, room, left, per_document):
            plan.new_rows.append((doc_id, name, False))
            loads[name].documents += 1
            loads[name].characters += length
        touched.add(doc_id)
    calibration_characters = sum(length_of.get(doc_id, 0) for doc_id in plan.calibration)
    plan.loads = {name: Load(load.documents + len(plan.calibration), load.characters + calibration_characters,
                             len(plan.calibration)) for name, load in loads.items()}
    plan.documents_assigned = len(touched)
    return plan


def current_assignments(store) -> dict[int, dict[str, bool]]:
    """{doc_id: {annotator: calibration}} of the current (not withdrawn) assignments."""
    found: dict[int, dict[str, bool]] = {}
    for row in assignment_store.assignment_rows(store):
        found.setdefault(row.doc_id, {})[row.annotator] = row.calibration
    return found


def assign(project, annotators: list[str], per_document: int, calibration: int = 0,
           calibration_ids: list[int] | None = None, seed: int = 0, only_unassigned: bool = False,
           dry_run: bool = False) -> AssignmentPlan:
    """Plan and store an assignment (see the module docstring); ``dry_run`` stores nothing."""
    store = project.store
    with store.transaction():
        plan = plan_assignment(assignment_store.document_sizes(store), current_assignments(store), annotators,
                               per_document, calibration, calibration_ids, seed, only_unassigned)
        if not dry_run:
            assignment_store.write_assignments(store, plan.new_rows, now())
    return plan


def move_unfinished(project, source: str, target: str, dry_run: bool = False) -> MoveReport:
    """Hand ``source``'s unfinished assigned documents to ``target``."""
    source, target = source.strip(), target.strip()
    if not source or not target or source == target or GOLD in (source, target):
        raise ProjectError(f"--move takes FROM=TO, two different annotators (not {source}={target})")
    store = project.store
    report = MoveReport(source, target)
    with store.transaction():
        if not assignment_store.has_assignments(store, source):
            raise ProjectError(f"{source} has no assigned documents in {project.folder}")
        targets = set(assignment_store.assigned_ids(store, target))
        calibration = {row.doc_id for row in assignment_store.assignment_rows(store, source) if row.calibration}
        unfinished = assignment_store.unfinished_assigned(store, source)
        report.moved = [d for d in unfinished if d not in targets]
        report.already_target = [d for d in unfinished if d in targets]
        if not dry_run:
            stamp = now()
            assignment_store.withdraw_assignments(store, [(d, source) for d in unfinished], stamp)
            assignment_store.write_assignments(store, [(d, target, d in calibration) for d in report.moved], stamp)
    return report


def next_unfinished_document(worklist, annotator: str, after_id: int, flt=None) -> int | None:
    """The document Ctrl+Enter opens after ``after_id``: the next new or in-progress one in the list's
    filter ``flt``, else anywhere; when ``annotator`` has assigned documents, only those."""
    mine = assignment_store.has_assignments(worklist.store, annotator)
    flt = flt or DocumentFilter()
    for candidates in (replace(flt, mine=mine or flt.mine), DocumentFilter(mine=mine)):
        found = worklist.next_unfinished(annotator, after_id, candidates)
        if found is not None:
            return found
    return None


def unknown_annotator(project, name: str, any_case: bool = False) -> str | None:
    """What is wrong with ``name`` when the project has never seen it (no spans, statuses or
    assignments), naming the annotators it knows and the one ``name`` differs from only in case
    (known, with ``any_case``, for a command that matches names in any case); None for a known
    name. Commands that take a name warn with it: a typo would otherwise quietly mean someone new."""
    store = project.store
    known = sorted((set(store.annotators()) | set(assignment_store.documents_by_annotator(store))) - {GOLD})
    alike = [other for other in known if other.casefold() == name.casefold()]
    if name in known or name == GOLD or (alike and any_case):
        return None
    return (f"no annotator named {name!r} in this project yet (no spans, statuses or assignments; "
            f"annotators: {', '.join(known) or 'none yet'})" + (f"; did you mean {alike[0]}?" if alike else ""))
