"""What stored content must be: the rules an import and a merge share.

An import checks what it read with these before storing anything of a file;
a merge checks every row of the other copy with the same ones before writing
anything (``team.copy_check``). Each ``*_problem`` function returns the reason
a value is refused, or ``None``.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from typing import Any

from annotator.core.records import GOLD, STATUSES

# Longer texts are refused: Kiwi and a text view both choke on them, and no
# article is this long; split such a file first.
MAX_DOCUMENT_CHARS = 1_000_000
MAX_LAYER_NAME = 100
# Metadata and span attributes are small records; SQLite's JSON functions stop at 1000 levels.
MAX_JSON_DEPTH = 64
# Python refuses to convert integers longer than this (sys.get_int_max_str_digits).
MAX_INT_DIGITS = 4300
_INT_LIMIT = 10 ** MAX_INT_DIGITS
SUGGESTED_GOLD = (f"the {GOLD} layer holds reviewed spans only: adjudication writes it, and an import of curated "
                  f"data may load it (import --annotator {GOLD}); suggestions are not reviewed, so store them in "
                  f"an annotator's layer and accept them into {GOLD} in review")

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def short(value: Any, limit: int = 40) -> str:
    """``repr`` cut to ``limit`` characters, for messages about values of any size."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def string_problem(value: Any, what: str) -> str | None:
    """A string SQLite and every output can hold: text (not bytes) without lone surrogates."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"{what} is binary data (a BLOB), not text"
    if not isinstance(value, str):
        return f"{what} must be text, not {short(value)}"
    if value.isascii():  # constant time: most names, labels and timestamps
        return None
    match = _SURROGATE.search(value)
    if match:
        return (f"{what} holds a lone surrogate U+{ord(match.group()):04X} at character {match.start()} "
                "(bytes that are not UTF-8, or half of an emoji cut off)")
    return None


def text_problem(value: Any, what: str = "text") -> str | None:
    """A document's text: a string, not empty, within ``MAX_DOCUMENT_CHARS``."""
    problem = string_problem(value, what)
    if problem:
        return problem
    if len(value) > MAX_DOCUMENT_CHARS:
        return f"{what} of {len(value):,} characters is over the limit of {MAX_DOCUMENT_CHARS:,}; split it"
    if not value.strip():
        return f"empty {what}"
    return None


def offsets_problem(start: Any, end: Any, length: int, label: str = "") -> str | None:
    """Span offsets: whole numbers with ``0 <= start < end <= length``."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return f"offsets must be whole numbers, not {short(start)}, {short(end)}"
    if not 0 <= start < end <= length:
        name = f" {label}" if isinstance(label, str) and label else ""
        return (f"span [{short(start)}, {short(end)}){name} is outside the text or empty "
                f"(text has {length} characters)")
    return None


def label_problem(label: Any) -> str | None:
    problem = string_problem(label, "label")
    if problem:
        return problem
    if not label or len(label) > MAX_LAYER_NAME:
        return f"label must be a name of 1 to {MAX_LAYER_NAME} characters, not {short(label)}"
    return None


def layer_problem(name: Any, *, suggestions: bool = False, stored: bool = False) -> str | None:
    """The one rule for layer names (an annotator's, or gold), wherever a layer is written.

    A name is 1 to ``MAX_LAYER_NAME`` characters, without control characters or spaces at its
    ends. The gold layer holds reviewed spans: adjudication writes it, and an import of data
    curated elsewhere may load it; suggestions (``suggestions=True``) are machine guesses and
    never go into it. ``stored=True`` checks a name already in a database (a merge): earlier
    versions took any non-blank name, so only names nothing can show are refused there.
    """
    problem = string_problem(name, "layer name")
    if problem:
        return problem
    if not name.strip() or len(name) > MAX_LAYER_NAME or (not stored and _CONTROL.search(name)):
        return f"layer name {short(name)} must be 1 to {MAX_LAYER_NAME} characters without control characters"
    if not stored and name != name.strip():
        return f"layer name {short(name)} has spaces at its ends"
    if suggestions and name == GOLD:
        return SUGGESTED_GOLD
    return None


# Times as annotator writes them (``store.now``): UTC, to the second or the microsecond. Merges order
# rows by these strings, so a time in any other form would sort wrongly against them.
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00:00")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def time_problem(value: Any, what: str, earliest: str = "", latest: str = "") -> str | None:
    """A stored time: UTC ISO 8601 as annotator writes it, not before ``earliest`` nor after ``latest``
    (times of the same form; empty: no bound). A time ahead of every clock would win every later merge."""
    problem = string_problem(value, what)
    if problem:
        return problem
    if not _TIME.fullmatch(value):
        return f"{what} {short(value)} is not a time as annotator writes it (YYYY-MM-DDTHH:MM:SS+00:00, UTC)"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"{what} {short(value)} is not a valid time"
    if earliest and value < earliest:
        return f"{what} {value} is before the project began ({earliest[:19]})"
    return _future(value, what, latest)


def day_problem(value: Any, what: str, latest: str = "") -> str | None:
    """A local date (YYYY-MM-DD), not after ``latest`` (a date; empty: no bound)."""
    problem = string_problem(value, what)
    if problem:
        return problem
    try:
        date.fromisoformat(value if _DAY.fullmatch(value) else "")
    except ValueError:
        return f"{what} {short(value)} is not a date (YYYY-MM-DD)"
    return _future(value, what, latest)


def _future(value: str, what: str, latest: str) -> str | None:
    if latest and value > latest:
        return f"{what} {value} is in the future (more than a day ahead of this computer's clock)"
    return None


def status_problem(layer: str, status: Any) -> str | None:
    """Statuses of annotator layers, and of gold (which adds ``adjudicated``, review.ADJUDICATED)."""
    known = STATUSES + (("adjudicated",) if layer == GOLD else ())
    if status not in known:
        return f"unknown status {short(status)} (one of {', '.join(known)})"
    return None


# -- JSON ----------------------------------------------------------------------


class JSONProblem(ValueError):
    """JSON that is not strict RFC 8259 JSON or that the store cannot hold; ``pos`` where known."""

    def __init__(self, reason: str, pos: int | None = None):
        super().__init__(reason)
        self.reason, self.pos = reason, pos


def _refuse_constant(name: str):
    raise JSONProblem(f"{name} is not valid JSON (write null or a number)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JSONProblem(f"the number {text[:24]} is too large for a 64-bit float")
    return value


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LONG_NUMBER = re.compile("[0-9]{%d,}" % (MAX_INT_DIGITS + 1))


def decode_json(text: str, start: int = 0, what: str = "JSON") -> tuple[Any, int]:
    """One strict JSON value at ``start`` (after whitespace): (value, end). Refuses NaN and
    Infinity, numbers a float or Python cannot hold, deep nesting and lone surrogates."""
    start = _WHITESPACE.match(text, start).end()
    try:
        value, end = _DECODER.raw_decode(text, start)
    except JSONProblem as exc:
        raise JSONProblem(exc.reason, start) from None
    except json.JSONDecodeError as exc:
        raise JSONProblem(f"malformed JSON ({exc.msg} at column {exc.colno})", exc.pos) from None
    except RecursionError:
        raise JSONProblem(f"{what} is nested too deeply", start) from None
    except ValueError:  # int() of a number with more than MAX_INT_DIGITS digits
        found = _LONG_NUMBER.search(text, start)
        raise JSONProblem(f"{what} holds an integer of more than {MAX_INT_DIGITS:,} digits",
                          found.start() if found else start) from None
    problem = json_value_problem(value, what)
    if problem:
        raise JSONProblem(problem, start)
    return value, end


def loads_json(text: str, what: str = "JSON") -> Any:
    """A whole string holding one strict JSON value (``json.loads``, strictly)."""
    value, end = decode_json(text, 0, what)
    end = _WHITESPACE.match(text, end).end()
    if end != len(text):
        raise JSONProblem(f"malformed JSON (extra data after the value at column {end + 1})", end)
    return value


def json_value_problem(value: Any, what: str = "JSON") -> str | None:
    """Whether ``value`` can be stored and written back as strict JSON (no recursion: any depth)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"{what} is nested more than {MAX_JSON_DEPTH} levels deep"
        if isinstance(item, str):
            problem = string_problem(item, f"a string in {what}")
            if problem:
                return problem
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if abs(item) >= _INT_LIMIT:
                return f"{what} holds an integer of more than {MAX_INT_DIGITS:,} digits"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return f"{what} holds {item!r}, which is not valid JSON (write null or a number)"
        elif isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    return f"{what} has a key {short(key)} that is not a string"
                stack.append((key, depth + 1))
                stack.append((inner, depth + 1))
        elif isinstance(item, (list, tuple)):
            stack.extend((inner, depth + 1) for inner in item)
        else:
            return f"{what} holds a {type(item).__name__}, which JSON cannot hold"
    return None


def json_object_problem(text: Any, what: str) -> str | None:
    """A stored JSON column (document ``meta``, span ``attrs``): strict JSON text of an object."""
    if text == "{}":  # most spans have no attributes
        return None
    problem = string_problem(text, what)
    if problem:
        return problem
    try:
        value = loads_json(text, what)
    except JSONProblem as exc:
        return f"{what}: {exc.reason}"
    if not isinstance(value, dict):
        return f"{what} must be a JSON object, not {short(value)}"
    return None
