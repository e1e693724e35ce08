"""The store's SQL as PostgreSQL (psycopg) reads it: the one place where spellings differ.

The store modules write SQL once, in the form SQLite runs. PostgreSQL runs
nearly all of it as it is; ``translate`` changes the rest, outside string
literals, quoted identifiers and comments:

- ``?`` placeholders become psycopg's ``%s`` (and a literal ``%`` becomes ``%%``);
- ``LIKE`` becomes ``ILIKE``: SQLite's LIKE ignores the case of ASCII letters
  (searching "ai" finds "AI"), PostgreSQL's does not; pg_trgm indexes both;
- the column ``end`` is a reserved word in PostgreSQL: a bare ``end`` outside a
  ``CASE ... END`` becomes ``"end"`` (``s.end``, qualified, is valid as it is);
- a unary ``+`` before a column (``WHERE +annotator = ?``, which tells SQLite's
  planner not to use that column's index) is dropped: PostgreSQL has no ``+`` for text.

New SQL may write ``"end"`` itself: it is valid in both engines and left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(
    r"""(?P<string>'(?:[^']|'')*')"""
    r"""|(?P<quoted>"(?:[^"]|"")*")"""
    r"""|(?P<comment>--[^\n]*)"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_$]*)"""
    r"""|(?P<space>\s+)"""
    r"""|(?P<other>.)""",
    re.DOTALL,
)
# After these, a "+" starts an expression: it is unary.
_EXPRESSION_STARTS = {"where", "and", "or", "on", "select", "by", "not", "(", ",", "=", "<", ">", "when", "then"}


@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    out: list[str] = []
    case_depth = 0
    previous = ""  # the last significant token, lowercased
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(sql)]
    for index, (kind, text) in enumerate(tokens):
        if kind == "string":
            out.append(text.replace("%", "%%"))
        elif kind in ("quoted", "comment", "space"):
            out.append(text.replace("%", "%%") if kind == "comment" else text)
        elif kind == "word":
            word = text.lower()
            if word == "case":
                case_depth += 1
                out.append(text)
            elif word == "end" and previous != ".":
                if case_depth:
                    case_depth -= 1
                    out.append(text)
                else:
                    out.append('"end"')
            elif word == "like":
                out.append("ILIKE")
            else:
                out.append(text)
        elif text == "?":
            out.append("%s")
        elif text == "%":
            out.append("%%")
        elif text == "+" and previous in _EXPRESSION_STARTS and _next_is_word(tokens, index):
            pass
        else:
            out.append(text)
        if kind not in ("space", "comment"):
            previous = text.lower()
    return "".join(out)


def _next_is_word(tokens: list[tuple[str, str]], index: int) -> bool:
    for kind, _ in tokens[index + 1:]:
        if kind != "space":
            return kind == "word"
    return False
