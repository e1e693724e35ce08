"""What the CRF sees of each token: its form, tag, shape, neighbours and what the rules say.

Tokens are the stored Kiwi morphemes as the token exports cut them
(``export.flat.tokenize_ranges``: morphemes sharing characters merged, cut at
whitespace, characters Kiwi left out as tokens of their own), so a predicted
span always starts and ends on a morpheme edge and maps back to exact
code-point offsets. A document is tagged sentence by sentence: a sentence
ends at a line break or after sentence-final punctuation followed by a space.

Features of a token: its form (Latin lowercased), tag and the tag's first
letter, the tag of its last morpheme, a character class, its first and last
one or two characters, its length, whether whitespace or a line break comes
before it, whether it sits inside quotes or brackets, and the rule hits
covering it (``rB=amount:BUDGET`` for the first token of an amount the
``amount`` recogniser found, ``rI=…`` for the others); the form, tag and class
of the two tokens either side, and the rule hits of the adjacent ones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from annotator.core.export.flat import tokenize_ranges
from annotator.core.text.morphemes import TAGS, Morpheme, base_tag

OPENING = {"(": ")", "[": "]", "〈": "〉", "《": "》", "{": "}", "‘": "’", "“": "”", "「": "」", "『": "』"}
QUOTES = frozenset("‘’“”「」『』'\"")
SYMMETRIC_QUOTES = frozenset("'\"")
WINDOW = (-2, -1, 1, 2)
_BASE_TAGS = {tag: base_tag(tag) for tag in TAGS}


class Token(NamedTuple):
    start: int
    end: int
    tag: str  # the first morpheme's tag (base form: VV-R -> VV)
    last_tag: str  # the last morpheme's tag (differs when morphemes were merged)


def tokens_of(text: str, morphemes: Sequence[Morpheme]) -> list[Token]:
    """The document's tokens, each with the tags of its first and last morpheme."""
    ordered = sorted(morphemes, key=lambda m: (m.start, m.end))  # stable: Kiwi's order for shared characters
    starts = [m.start for m in ordered]
    tokens = []
    for start, end in tokenize_ranges(text, ((m.start, m.end) for m in ordered)):
        first = bisect_left(starts, start)
        last = bisect_left(starts, end) - 1
        if first <= last and first < len(ordered):
            tokens.append(Token(start, end, _BASE_TAGS.get(ordered[first].tag, "UNK"),
                                _BASE_TAGS.get(ordered[last].tag, "UNK")))
        else:  # characters no morpheme covers
            tokens.append(Token(start, end, "UNK", "UNK"))
    return tokens


def sentence_breaks(text: str, tokens: Sequence[Token], keep_together: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Token indexes where a sentence starts (0 first): after a line break, or after
    sentence-final punctuation followed by whitespace; never inside a ``keep_together`` range."""
    spans = sorted(keep_together)
    span_starts = [s for s, _ in spans]
    breaks = [0] if tokens else []
    for i in range(1, len(tokens)):
        previous, token = tokens[i - 1], tokens[i]
        gap = text[previous.end:token.start]
        if "\n" in gap or (previous.tag == "SF" and gap):
            inside = bisect_right(span_starts, previous.end - 1) - 1
            if inside >= 0 and spans[inside][1] > token.start:
                continue
            breaks.append(i)
    return breaks


def sentence_ranges(text: str, tokens: Sequence[Token],
                    keep_together: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(first token, last token + 1) of each sentence (see ``sentence_breaks``)."""
    breaks = sentence_breaks(text, tokens, keep_together)
    return list(zip(breaks, breaks[1:] + [len(tokens)]))


def char_class(form: str) -> str:
    """H Hangul, U Latin capitals, L other Latin, D digits (with , .), P punctuation, M mixed."""
    if all("가" <= c <= "힣" for c in form):
        return "H"
    if form.isascii() and form.isalpha():
        return "U" if form.isupper() else "L"
    if form[0].isdigit() and all(c.isdigit() or c in ",." for c in form):
        return "D"
    if not any(c.isalnum() for c in form):
        return "P"
    return "M"


def _enclosure(text: str, tokens: Sequence[Token]) -> list[tuple[bool, bool]]:
    """(inside quotes, inside brackets) for each token (a closing mark counts as inside what it
    closes); a paragraph break closes what is open."""
    result = []
    awaited: list[str] = []  # the closing marks awaited, innermost last
    quotes = brackets = 0  # how many of them are quotes, brackets
    position = 0
    for token in tokens:
        if awaited and "\n" in text[position:token.start]:
            awaited.clear()
            quotes = brackets = 0
        position = token.end
        if token.end - token.start != 1:
            result.append((quotes > 0, brackets > 0))
            continue
        mark = text[token.start]
        if awaited and mark == awaited[-1]:
            result.append((quotes > 0, brackets > 0))
            awaited.pop()
            if mark in QUOTES:
                quotes -= 1
            else:
                brackets -= 1
            continue
        result.append((quotes > 0, brackets > 0))
        closing = mark if mark in SYMMETRIC_QUOTES else OPENING.get(mark)
        if closing is not None:
            awaited.append(closing)
            if closing in QUOTES:
                quotes += 1
            else:
                brackets += 1
    return result


def _hit_features(tokens: Sequence[Token], hits: Iterable) -> list[list[str]]:
    """Per token, ``B=source:label`` / ``I=source:label`` for each rule hit covering it."""
    starts = [t.start for t in tokens]
    found: list[list[str]] = [[] for _ in tokens]
    for hit in hits:
        first = bisect_left(starts, hit.start)
        if first == len(tokens) or tokens[first].start != hit.start:
            continue  # not on a token edge: never a model span either
        name = f"{hit.source}:{hit.label}"
        found[first].append("B=" + name)
        i = first + 1
        while i < len(tokens) and tokens[i].end <= hit.end:
            found[i].append("I=" + name)
            i += 1
    return found


@lru_cache(maxsize=100_000)
def _lexical(form: str, tag: str, last_tag: str) -> tuple[tuple[str, ...], str, str]:
    """(the features of a token's own form and tags, its shown form, its class): the same for
    every occurrence, so kept (a document open builds thousands)."""
    shown = form.lower() if form.isascii() else form
    cls = char_class(form)
    features = ["bias", "w=" + shown, "t=" + tag, "t1=" + tag[0], "c=" + cls, "p1=" + form[0], "s1=" + form[-1],
                f"len={min(len(form), 6)}"]
    if len(form) > 2:
        features += ["p2=" + form[:2], "s2=" + form[-2:]]
    if last_tag != tag:
        features.append("tl=" + last_tag)
    return tuple(features), shown, cls


@lru_cache(maxsize=100_000)
def _neighbour(offset: int, shown: str, tag: str, cls: str) -> tuple[str, str, str]:
    prefix = f"{offset:+d}"
    return prefix + "w=" + shown, prefix + "t=" + tag, prefix + "c=" + cls


def document_features(text: str, tokens: Sequence[Token], hits: Iterable = ()) -> list[list[str]]:
    """One list of feature names per token of the document; ``hits`` are the rule recognisers'
    proposals (``Suggestion`` s: start, end, label, source)."""
    enclosed = _enclosure(text, tokens)
    rules = _hit_features(tokens, hits)
    described: list[tuple[str, str, str]] = []  # (shown form, tag, class)
    own: list[list[str]] = []
    previous_end = 0
    for token, (quoted, bracketed), hit in zip(tokens, enclosed, rules):
        lexical, shown, cls = _lexical(text[token.start:token.end], token.tag, token.last_tag)
        features = list(lexical)
        if token.start > previous_end:
            features.append("nl" if "\n" in text[previous_end:token.start] else "sp")
        if quoted:
            features.append("q")
        if bracketed:
            features.append("b")
        if hit:
            features += ["r" + h for h in hit]
        own.append(features)
        described.append((shown, token.tag, cls))
        previous_end = token.end
    return _with_window(own, described, rules)


def _with_window(own, described, rules) -> list[list[str]]:
    """Add the neighbours' features."""
    n = len(own)
    for d in WINDOW:
        for i in range(max(0, -d), min(n, n - d)):
            own[i] += _neighbour(d, *described[i + d])
        if n and abs(d) == 1:
            own[0 if d < 0 else n - 1].append(f"{d:+d}:edge")
    for i in range(1, n):
        own[i].append("-1t|t=" + described[i - 1][1] + "|" + described[i][1])
        if rules[i - 1]:
            own[i] += ["-1r" + h[1:] for h in rules[i - 1]]
        if rules[i]:
            own[i - 1] += ["+1r" + h[1:] for h in rules[i]]
    return own
