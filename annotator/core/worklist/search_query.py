"""What the user types in the search box, parsed into a tree of substring terms.

Plain words must all occur, anywhere in a word (원주시 finds 원주시가). Double
quotes keep a phrase with its spaces together ("국비 120억"); ``AND`` (the
same as a space), ``OR`` and ``NOT`` combine terms, and parentheses group
them: ``(원주시 OR 대구시) 예산 NOT 추경``. The operators are upper case; a
parenthesis inside a word (인공지능(AI)) is part of the word.

Every term is a substring of the title or the text, so the index behind it
only needs trigrams, not word positions: SQLite's FTS5 trigram index and
PostgreSQL's pg_trgm answer the same question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Union

from annotator.core.errors import AnnotatorError

OPERATORS = ("AND", "OR", "NOT")
# Limits that keep a pasted article or a hostile query from costing more than a search: the parser
# nests a call per parenthesis, and the SQL holds a LIKE per word (SQLite allows 50,000 bytes per
# pattern, and the whole query is one pattern for the notes).
MAX_LENGTH = 2_000  # characters
MAX_TERMS = 100  # words and phrases
MAX_DEPTH = 20  # parentheses inside parentheses

# What can be wrong with a query, as the CLI and logs say it; the window says it in its own language
# (gui/messages.py), keyed by the same names.
PROBLEMS = {
    "unclosed quote": "a quote is not closed",
    "needs a word": "{operator} needs a word after it",
    "nothing": "nothing to search",
    "unclosed group": "a parenthesis is not closed",
    "misplaced": "{token} cannot stand here",
    "empty quotes": "the quotes are empty",
    "only negative": "say what to find, not only what to leave out",
    "too long": "longer than {limit} characters",
    "too many words": "more than {limit} words",
    "too deep": "parentheses nested more than {limit} deep",
}
SHOWN_CHARACTERS = 60  # of the query, in a message


class SearchError(AnnotatorError):
    """A search query that cannot be parsed: ``problem`` (a key of ``PROBLEMS``) and its ``details``."""

    def __init__(self, query: str, problem: str, **details):
        self.query = query
        self.problem = problem
        self.details = details
        super().__init__(f"cannot search for {shown_query(query)!r}: {PROBLEMS[problem].format(**details)}")


def shown_query(query: str) -> str:
    """The query as a message quotes it: its beginning when it is long."""
    return query if len(query) <= SHOWN_CHARACTERS else query[:SHOWN_CHARACTERS] + "…"


@dataclass(frozen=True)
class Term:
    text: str  # a substring, matched ignoring the case of Latin letters


@dataclass(frozen=True)
class All:
    parts: tuple["Query", ...]


@dataclass(frozen=True)
class Any:
    parts: tuple["Query", ...]


@dataclass(frozen=True)
class Not:
    part: "Query"


Query = Union[Term, All, Any, Not]

# A quoted phrase, an opening parenthesis where a word would start, a word (closing parentheses at
# its end are split off below). A parenthesis inside a word is part of it.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<open>\()|(?P<word>[^\s"]+)')


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, value) as the parser asks for them: kinds are phrase, word, op, open, close. Read
    lazily, so a query is read only as far as it is accepted."""
    opened = 0  # groups open so far: a ")" closes one only when there is one
    for match in _TOKEN.finditer(text):
        if match.group("phrase") is not None:
            if not match.group("closed"):
                raise SearchError(text, "unclosed quote")
            yield "phrase", match.group("phrase")
        elif match.group("open"):
            opened += 1
            yield "open", "("
        else:
            word = match.group("word")
            closing = min(len(word) - len(word.rstrip(")")), opened)  # (AI) alone is a word
            opened -= closing
            core = word[:len(word) - closing]
            if core:
                yield ("op", core) if core in OPERATORS else ("word", core)
            for _ in range(closing):
                yield "close", ")"


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokens(text)
        self.next: tuple[str, str] | None = next(self.tokens, None)
        self.last: tuple[str, str] | None = None
        self.terms = 0
        self.depth = 0

    def fail(self, problem: str, **details) -> SearchError:
        return SearchError(self.text, problem, **details)

    def peek(self) -> tuple[str, str] | None:
        return self.next

    def take(self) -> tuple[str, str]:
        self.last, self.next = self.next, next(self.tokens, None)
        return self.last

    def query(self) -> Query:
        parts = [self.conjunction()]
        while self.peek() == ("op", "OR"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Any(tuple(parts))

    def conjunction(self) -> Query:
        parts = [self.negation()]
        while (token := self.peek()) is not None and token[0] != "close" and token != ("op", "OR"):
            if token == ("op", "AND"):
                self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def negation(self) -> Query:
        negated = False  # NOT NOT x is x: a loop, not a call per NOT
        while self.peek() == ("op", "NOT"):
            self.take()
            negated = not negated
        part = self.atom()
        return Not(part) if negated else part

    def atom(self) -> Query:
        token = self.peek()
        if token is None:
            raise self.fail("needs a word", operator=self.last[1]) if self.last else self.fail("nothing")
        kind, value = self.take()
        if kind == "open":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.fail("too deep", limit=MAX_DEPTH)
            inner = self.query()
            if self.peek() != ("close", ")"):
                raise self.fail("unclosed group")
            self.take()
            self.depth -= 1
            return inner
        if kind in ("op", "close"):
            raise self.fail("misplaced", token=value)
        if kind == "phrase" and not value.strip():
            raise self.fail("empty quotes")
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise self.fail("too many words", limit=MAX_TERMS)
        return Term(value)


def parse(text: str) -> Query | None:
    """The query tree, or ``None`` for an empty query; ``SearchError`` when it cannot be parsed."""
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        raise SearchError(text, "too long", limit=MAX_LENGTH)
    parser = _Parser(text)
    tree = parser.query()
    if parser.peek() is not None:
        raise parser.fail("misplaced", token=parser.peek()[1])
    if _only_negative(tree):
        raise parser.fail("only negative")
    return tree


def _only_negative(tree: Query) -> bool:
    if isinstance(tree, Not):
        return True
    if isinstance(tree, All):
        return all(_only_negative(part) for part in tree.parts)
    if isinstance(tree, Any):
        return any(_only_negative(part) for part in tree.parts)
    return False


def wanted_terms(text: str) -> list[str]:
    """The terms a matching document contains (not those after NOT), to highlight in it; none for
    a query that cannot be parsed."""
    try:
        tree = parse(text)
    except SearchError:
        return []
    found: list[str] = []

    def walk(node: Query | None) -> None:
        if isinstance(node, Term):
            found.append(node.text)
        elif isinstance(node, (All, Any)):
            for part in node.parts:
                walk(part)

    walk(tree)
    return list(dict.fromkeys(found))
