"""Versions of a span across copies, and which one a merge keeps.

Every span has an identity (``uid``) that copies share, a revision (``rev``)
that every edit and the deletion renew, and a history (the revisions it
replaced). A copy holds one version of each span it knows: the live span, or
its tombstone once deleted. Two copies' versions of one span compare like
this:

- the same revision: nothing to do;
- one revision is in the other's history: that other one is newer (an edit,
  a deletion, or an undone deletion made after it) and wins;
- neither: the span was changed differently in the two copies, a true
  conflict, unless both came to the same content (both deleted it, say), when
  the later one wins (time, then revision), so every copy picks the same. A
  conflict is settled by a preference (``ours``, ``theirs``, or ``newer``: the
  later one, as above); without one, ours is kept and the conflict is reported
  every time until someone settles it.

The winner's history absorbs the loser's revision and history, so that once
settled, the loser is an ancestor everywhere the winner goes: merging again
changes nothing, and merges in any order end with the same version. Times are
kept later than the version a change replaces (``store.stamp_after``), so
"newer" agrees with the history even across laptops whose clocks differ.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

OURS, THEIRS, NEWER = "ours", "theirs", "newer"
PREFERENCES = (OURS, THEIRS, NEWER)


@dataclass(frozen=True)
class SpanVersion:
    """One copy's version of a span: live, or deleted (a tombstone). ``doc_id`` is this project's."""

    uid: str
    doc_id: int
    annotator: str
    start: int
    end: int
    label: str
    attrs: str  # JSON, keys sorted
    note: str
    rev: str
    history: tuple[str, ...]  # oldest first
    stamp: str  # updated_at, or deleted_at of a tombstone
    deleted: bool = False
    created_at: str = ""

    def content(self) -> tuple:
        """What a person sees of the version: equal contents do not conflict."""
        if self.deleted:
            return True, self.doc_id, self.annotator
        return False, self.doc_id, self.annotator, self.start, self.end, self.label, self.attrs, self.note

    def history_text(self) -> str:
        return " ".join(self.history)


@dataclass(frozen=True)
class Outcome:
    """What to keep of a span: ``winner`` (with its history grown as needed), whether it is theirs,
    and whether the two versions were a true conflict (``settled`` False: reported, ours kept)."""

    winner: SpanVersion
    theirs_won: bool
    conflict: bool = False
    settled: bool = True

    def writes(self, ours: SpanVersion | None) -> bool:
        return ours is None or self.theirs_won or self.winner.history != ours.history


def _absorbed(winner: SpanVersion, loser: SpanVersion) -> SpanVersion:
    """The winner, with every revision the loser has seen in its history."""
    seen = set(winner.history) | {winner.rev}
    extra = []
    for rev in (*loser.history, loser.rev):
        if rev not in seen:
            seen.add(rev)
            extra.append(rev)
    return replace(winner, history=winner.history + tuple(extra)) if extra else winner


def _later(a: SpanVersion, b: SpanVersion) -> bool:
    """Whether ``a`` is later than ``b``: by time, then by revision (an order every copy agrees on)."""
    return (a.stamp, a.rev) > (b.stamp, b.rev)


def resolve(ours: SpanVersion | None, theirs: SpanVersion, prefer: str | None = None) -> Outcome:
    """Which version of one span to keep (see the module docstring)."""
    if ours is None:
        return Outcome(theirs, theirs_won=True)
    if ours.rev == theirs.rev or theirs.rev in ours.history:
        return Outcome(_absorbed(ours, theirs), theirs_won=False)
    if ours.rev in theirs.history:
        return Outcome(_absorbed(theirs, ours), theirs_won=True)
    conflict = ours.content() != theirs.content()  # the same change made twice is no conflict
    if conflict and prefer is None:
        return Outcome(ours, theirs_won=False, conflict=True, settled=False)
    if not conflict or prefer == NEWER:
        theirs_won = _later(theirs, ours)
    elif prefer in (OURS, THEIRS):
        theirs_won = prefer == THEIRS
    else:
        raise ValueError(f"unknown preference {prefer!r} (one of {', '.join(PREFERENCES)})")
    if theirs_won:
        return Outcome(_absorbed(theirs, ours), theirs_won=True, conflict=conflict)
    return Outcome(_absorbed(ours, theirs), theirs_won=False, conflict=conflict)
