"""Checking another copy of a project before a merge takes anything from it.

A copy may be damaged, written by a buggy tool, or crafted. Every row a merge
can take in (documents, spans, statuses, rejections, span tombstones, document
notes, assignments, active time) must
pass the rules an import applies (``content_rules``, ``morphemes``): text that
is a string in the stored form and within the size limit, whole-number offsets
inside the text, named layers, known statuses, attributes and metadata that
are strict JSON objects, well-formed morpheme and sentence blobs, and times
(``TimeWindow``) that are UTC ISO times, not more than a day ahead of this
computer's clock, nor before the project began: a time in the future would win
every later merge. The first bad row refuses the whole copy, naming its table
and row, before anything is written here. Labels this schema lacks are not
refused: the merge reports and skips them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator

from annotator.core.content_rules import (
    MAX_DOCUMENT_CHARS, day_problem, json_object_problem, label_problem, layer_problem, offsets_problem, short,
    status_problem, string_problem, text_problem, time_problem,
)
from annotator.core.errors import ProjectError
from annotator.core.text.morphemes import morphemes_problem, sentences_problem
from annotator.core.text.normalize import document_uid, normalize_text

# Columns every copy has (0001, 0002, 0003); other columns are checked when present.
REQUIRED = {
    "documents": ("id", "uid", "title", "text", "raw", "meta", "source", "encoding", "morphemes", "sentences"),
    "spans": ("id", "doc_id", "annotator", "start", "end", "label", "attrs", "created_at"),
    "statuses": ("doc_id", "annotator", "status", "comment", "updated_at"),
    "rejections": ("doc_id", "layer", "start", "end", "label", "created_at"),
    "span_tombstones": ("uid", "doc_id", "annotator", "start", "end", "label", "rev", "history", "deleted_at"),
    "document_notes": ("doc_id", "layer", "note", "updated_at"),
    "assignments": ("doc_id", "annotator", "calibration", "withdrawn", "updated_at"),
    "active_time": ("doc_id", "annotator", "day", "seconds", "updated_at"),
}
OPTIONAL = {"spans": ("uid", "rev", "history", "note", "updated_at"),  # 0003
            "statuses": ("reason", "returned_at"),  # 0004
            "rejections": ("rejected", "note", "updated_at")}  # 0004
SECONDS_A_DAY = 86_400  # active time is kept per day: NaN, negatives or more than a day are not time
MAX_RAW_CHARS = 4 * MAX_DOCUMENT_CHARS  # a .txt file of up to 4 MB is read whole (readers.read_file)


CLOCK_SKEW = timedelta(days=1)  # how far apart two computers' clocks may be


class _Refused(Exception):
    pass


@dataclass(frozen=True)
class TimeWindow:
    """The times a copy's rows may hold: from a day before ``began`` (the project's ``created_at``,
    '' for no bound) to a day after this computer's clock now."""

    earliest: str
    latest: str

    @classmethod
    def around(cls, began: str) -> "TimeWindow":
        latest = (datetime.now(timezone.utc) + CLOCK_SKEW).isoformat(timespec="microseconds")
        try:
            earliest = (datetime.fromisoformat(began) - CLOCK_SKEW).isoformat(timespec="microseconds")
        except (ValueError, OverflowError):
            earliest = ""
        return cls(earliest, latest)

    def check(self, value: Any, what: str, may_be_empty: bool = False) -> None:
        if may_be_empty and value == "":
            return
        _check(time_problem(value, what, self.earliest, self.latest))

    def check_day(self, value: Any, what: str) -> None:
        """A local date, not in the future (days are kept as the annotator's computer names them)."""
        _check(day_problem(value, what, self.latest[:10]))


def _text(value: Any, what: str) -> None:
    problem = string_problem(value, what)
    if problem:
        raise _Refused(problem)


def _stamp(value: Any, what: str) -> None:
    _text(value, what)
    if not value:
        raise _Refused(f"{what} is empty")


def _check(problem: str | None) -> None:
    if problem:
        raise _Refused(problem)


class _CopyCheck:
    def __init__(self, other, times: TimeWindow):
        self.other = other
        self.times = times
        self.lengths: dict[int, int] = {}  # document id -> length of its text
        self.uids: dict[str, int] = {}  # document uid -> row
        self.span_uids: dict[str, int] = {}

    def refuse(self, table: str, rowid: Any, reason: str) -> ProjectError:
        return ProjectError(f"{self.other.path}: {table} row {rowid}: {reason}; nothing was merged "
                            "(the copy is damaged or was not written by annotator)")

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        present = self.other.columns(table)
        missing = [c for c in REQUIRED[table] if c not in present]
        if missing:
            raise ProjectError(f"{self.other.path}: table {table} has no column {missing[0]}; "
                               "not an annotator project database, nothing was merged")
        columns = list(REQUIRED[table]) + [c for c in OPTIONAL.get(table, ()) if c in present]
        for row in self.other.rows(table, columns):
            yield {"rowid": row[0], **dict(zip(columns, row[1:]))}

    def run(self, table: str, check: Callable[[dict[str, Any]], None]) -> None:
        for row in self.rows(table):
            try:
                check(row)
            except _Refused as refused:
                raise self.refuse(table, row["rowid"], str(refused)) from None

    def length_of(self, doc_id: Any) -> int:
        length = self.lengths.get(doc_id) if isinstance(doc_id, int) else None
        if length is None:
            raise _Refused(f"refers to no document {short(doc_id)}")
        return length

    # -- tables ------------------------------------------------------------------

    def document(self, row: dict[str, Any]) -> None:
        doc_id, text = row["id"], row["text"]
        if not isinstance(doc_id, int):
            raise _Refused(f"id {short(doc_id)} is not a whole number")
        _check(text_problem(text))
        if normalize_text(text) != text:
            raise _Refused("text is not in the stored form (NFC with LF line ends)")
        if row["uid"] != document_uid(text):
            raise _Refused(f"uid {short(row['uid'])} does not match its text (a document's uid is a hash of it)")
        if row["uid"] in self.uids:
            raise _Refused(f"uid {row['uid']} repeats row {self.uids[row['uid']]}")
        self.uids[row["uid"]] = row["rowid"]
        _text(row["title"], "title")
        if len(row["title"]) > MAX_DOCUMENT_CHARS:
            raise _Refused(f"title of {len(row['title']):,} characters is over the limit of {MAX_DOCUMENT_CHARS:,}")
        if row["raw"] is not None:
            _text(row["raw"], "raw input")
            if len(row["raw"]) > MAX_RAW_CHARS:
                raise _Refused(f"raw input of {len(row['raw']):,} characters is over the limit of {MAX_RAW_CHARS:,}")
        _check(json_object_problem(row["meta"], "meta"))
        _text(row["source"], "source")
        _text(row["encoding"], "encoding")
        _check(morphemes_problem(row["morphemes"], len(text)))
        _check(sentences_problem(row["sentences"], len(text)))
        self.lengths[doc_id] = len(text)

    def span(self, row: dict[str, Any]) -> None:
        _check(layer_problem(row["annotator"], stored=True))
        _check(offsets_problem(row["start"], row["end"], self.length_of(row["doc_id"])))
        _check(label_problem(row["label"]))
        _check(json_object_problem(row["attrs"], "attrs"))
        self.times.check(row["created_at"], "created_at")
        if "uid" in row:
            _stamp(row["uid"], "uid")
            if row["uid"] in self.span_uids:
                raise _Refused(f"uid {row['uid']} repeats row {self.span_uids[row['uid']]}")
            self.span_uids[row["uid"]] = row["rowid"]
        if "rev" in row:
            _stamp(row["rev"], "rev")
        if "updated_at" in row:
            self.times.check(row["updated_at"], "updated_at")
        for column in ("history", "note"):
            if column in row:
                _text(row[column], column)

    def status(self, row: dict[str, Any]) -> None:
        self.length_of(row["doc_id"])
        _check(layer_problem(row["annotator"], stored=True))
        _check(status_problem(row["annotator"], row["status"]))
        _text(row["comment"], "comment")
        self.times.check(row["updated_at"], "updated_at")
        if "reason" in row:
            _text(row["reason"], "reason")
        if "returned_at" in row:
            self.times.check(row["returned_at"], "returned_at", may_be_empty=True)

    def rejection(self, row: dict[str, Any]) -> None:
        _check(layer_problem(row["layer"], stored=True))
        _check(offsets_problem(row["start"], row["end"], self.length_of(row["doc_id"])))
        _check(label_problem(row["label"]))
        self.times.check(row["created_at"], "created_at")
        if "rejected" in row and row["rejected"] not in (0, 1):
            raise _Refused(f"rejected must be 0 or 1, not {short(row['rejected'])}")
        if "note" in row:
            _text(row["note"], "note")
        if "updated_at" in row:
            self.times.check(row["updated_at"], "updated_at", may_be_empty=True)

    def note(self, row: dict[str, Any]) -> None:
        self.length_of(row["doc_id"])
        _check(layer_problem(row["layer"], stored=True))
        _text(row["note"], "note")
        self.times.check(row["updated_at"], "updated_at")

    def tombstone(self, row: dict[str, Any]) -> None:
        _stamp(row["uid"], "uid")
        _check(layer_problem(row["annotator"], stored=True))
        _check(offsets_problem(row["start"], row["end"], self.length_of(row["doc_id"])))
        _check(label_problem(row["label"]))
        _stamp(row["rev"], "rev")
        _text(row["history"], "history")
        self.times.check(row["deleted_at"], "deleted_at")

    def assignment(self, row: dict[str, Any]) -> None:
        self.length_of(row["doc_id"])
        _check(layer_problem(row["annotator"], stored=True))
        for column in ("calibration", "withdrawn"):
            if row[column] not in (0, 1) or isinstance(row[column], bool):
                raise _Refused(f"{column} must be 0 or 1, not {short(row[column])}")
        self.times.check(row["updated_at"], "updated_at")

    def active_time(self, row: dict[str, Any]) -> None:
        self.length_of(row["doc_id"])
        _check(layer_problem(row["annotator"], stored=True))
        self.times.check_day(row["day"], "day")
        seconds = row["seconds"]
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 <= seconds <= SECONDS_A_DAY:
            raise _Refused(f"seconds must be a number from 0 to {SECONDS_A_DAY}, not {short(seconds)}")
        self.times.check(row["updated_at"], "updated_at")


def check_copy(other, times: TimeWindow) -> None:
    """Refuse ``other`` (a ``merge_store.OtherDatabase``) with a ``ProjectError`` naming the first
    bad row; return quietly when every row can be merged."""
    check = _CopyCheck(other, times)
    tables = other.tables()
    check.run("documents", check.document)
    check.run("spans", check.span)
    check.run("statuses", check.status)
    if "rejections" in tables:
        check.run("rejections", check.rejection)
    if "span_tombstones" in tables:
        check.run("span_tombstones", check.tombstone)
    if "document_notes" in tables:
        check.run("document_notes", check.note)
    if "assignments" in tables:
        check.run("assignments", check.assignment)
    if "active_time" in tables:
        check.run("active_time", check.active_time)
