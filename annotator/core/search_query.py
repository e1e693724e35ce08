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
from typing import Union

from .errors import AnnotatorError

OPERATORS = ("AND", "OR", "NOT")


class SearchError(AnnotatorError):
    """A search query that cannot be parsed."""


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


def _tokens(text: str) -> list[tuple[str, str]]:
    """[(kind, value)]: kinds are phrase, word, op, open, close."""
    tokens: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        if match.group("phrase") is not None:
            if not match.group("closed"):
                raise SearchError(f"cannot search for {text!r}: a quote is not closed")
            tokens.append(("phrase", match.group("phrase")))
        elif match.group("open"):
            tokens.append(("open", "("))
        else:
            word = match.group("word")
            closing = len(word) - len(word.rstrip(")"))
            opened = sum(1 for kind, _ in tokens if kind == "open") - sum(1 for kind, _ in tokens if kind == "close")
            closing = min(closing, opened)  # a ")" with no group open is part of the word: (AI)
            core = word[:len(word) - closing]
            if core:
                tokens.append(("op", core) if core in OPERATORS else ("word", core))
            tokens.extend([("close", ")")] * closing)
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokens(text)
        self.position = 0

    def fail(self, why: str) -> SearchError:
        return SearchError(f"cannot search for {self.text!r}: {why}")

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        self.position += 1
        return token

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
        if self.peek() == ("op", "NOT"):
            self.take()
            return Not(self.negation())
        return self.atom()

    def atom(self) -> Query:
        token = self.peek()
        if token is None:
            raise self.fail(f"{self.tokens[-1][1]} needs a word after it" if self.tokens else "nothing to search")
        kind, value = self.take()
        if kind == "open":
            inner = self.query()
            if self.peek() != ("close", ")"):
                raise self.fail("a parenthesis is not closed")
            self.take()
            return inner
        if kind in ("op", "close"):
            raise self.fail(f"{value} cannot stand here")
        if kind == "phrase" and not value.strip():
            raise self.fail("empty quotes")
        return Term(value)


def parse(text: str) -> Query | None:
    """The query tree, or ``None`` for an empty query; ``SearchError`` when it cannot be parsed."""
    if not text.strip():
        return None
    parser = _Parser(text.strip())
    tree = parser.query()
    if parser.peek() is not None:
        raise parser.fail(f"{parser.peek()[1]} cannot stand here")
    if _only_negative(tree):
        raise parser.fail("say what to find, not only what to leave out")
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
