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
from typing import Iterable, NamedTuple, Sequence

from ..export.flat import tokenize_ranges
from ..morphemes import Morpheme, base_tag

OPENING = {"(": ")", "[": "]", "〈": "〉", "《": "》", "{": "}", "‘": "’", "“": "”", "「": "」", "『": "』"}
QUOTES = frozenset("‘’“”「」『』'\"")
SYMMETRIC_QUOTES = frozenset("'\"")
WINDOW = (-2, -1, 1, 2)


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
            tokens.append(Token(start, end, base_tag(ordered[first].tag), base_tag(ordered[last].tag)))
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
    """(inside quotes, inside brackets) for each token; a paragraph break closes what is open."""
    result = []
    open_marks: list[str] = []  # the closing marks awaited, innermost last
    position = 0
    for token in tokens:
        if "\n" in text[position:token.start]:
            open_marks.clear()
        form = text[token.start:token.end]
        mark = form if len(form) == 1 else ""
        if mark and open_marks and mark == open_marks[-1]:
            open_marks.pop()  # a closing mark belongs to what it closes
            result.append(_inside(open_marks + [mark]))
        elif mark in SYMMETRIC_QUOTES:
            result.append(_inside(open_marks))
            open_marks.append(mark)
        elif mark in OPENING:
            result.append(_inside(open_marks))
            open_marks.append(OPENING[mark])
        else:
            result.append(_inside(open_marks))
        position = token.end
    return result


def _inside(open_marks: list[str]) -> tuple[bool, bool]:
    quoted = any(m in QUOTES for m in open_marks)
    return quoted, any(m not in QUOTES for m in open_marks)


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


def document_features(text: str, tokens: Sequence[Token], hits: Iterable = ()) -> list[list[str]]:
    """One list of feature names per token of the document; ``hits`` are the rule recognisers'
    proposals (``Suggestion`` s: start, end, label, source)."""
    enclosed = _enclosure(text, tokens)
    rules = _hit_features(tokens, hits)
    forms, tags, classes = [], [], []
    own: list[list[str]] = []
    previous_end = 0
    for token, (quoted, bracketed), hit in zip(tokens, enclosed, rules):
        form = text[token.start:token.end]
        shown = form.lower() if form.isascii() else form
        cls = char_class(form)
        gap = text[previous_end:token.start]
        features = ["bias", "w=" + shown, "t=" + token.tag, "t1=" + token.tag[0], "c=" + cls,
                    "p1=" + form[0], "s1=" + form[-1], f"len={min(len(form), 6)}"]
        if len(form) > 2:
            features += ["p2=" + form[:2], "s2=" + form[-2:]]
        if token.last_tag != token.tag:
            features.append("tl=" + token.last_tag)
        if "\n" in gap:
            features.append("nl")
        elif gap:
            features.append("sp")
        if quoted:
            features.append("q")
        if bracketed:
            features.append("b")
        features += ["r" + h for h in hit]
        own.append(features)
        forms.append(shown)
        tags.append(token.tag)
        classes.append(cls)
        previous_end = token.end
    return _with_window(own, forms, tags, classes, rules)


def _with_window(own, forms, tags, classes, rules) -> list[list[str]]:
    n = len(own)
    for i, features in enumerate(own):
        for d in WINDOW:
            j = i + d
            if 0 <= j < n:
                features += [f"{d:+d}w={forms[j]}", f"{d:+d}t={tags[j]}", f"{d:+d}c={classes[j]}"]
            elif j == -1 or j == n:
                features.append(f"{d:+d}:edge")
        if i > 0:
            features += ["-1r" + h[1:] for h in rules[i - 1]]
            features.append(f"-1t|t={tags[i - 1]}|{tags[i]}")
        if i + 1 < n:
            features += ["+1r" + h[1:] for h in rules[i + 1]]
    return own
