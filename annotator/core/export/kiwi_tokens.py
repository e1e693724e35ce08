"""Kiwi morpheme tokens as annotator's token exports hold them, and the same tokens for new text.

annotator's spacy, hf, conll, conll2003 and conllu exports tokenise each
document from the Kiwi morphemes stored at import: morphemes that share
characters (했 = 하 + 었) are merged, tokens are cut at whitespace, and
characters Kiwi left out become tokens of their own. A model trained on them
must see new text tokenised the same way, with the same Kiwi user
dictionaries (with annotator's bundled dictionary 원주의료기기테크노밸리 is
four tokens; plain ``Kiwi()`` gives one).

This file is annotator's own code, copied as it is beside folder exports
(with ``kiwi_tokens.json`` and the user dictionaries the import used), and
needs nothing but ``kiwipiepy`` (and spaCy for ``spacy_doc``)::

    from kiwi_tokens import KiwiTokens

    tokens = KiwiTokens()                   # Kiwi with the dictionaries beside this file
    tokens.words("과기정통부는 국비를 지원한다.")  # ['과기정통부', '는', '국비', '를', ...]
    doc = tokens.spacy_doc(nlp.vocab, text)  # a Doc as the export's DocBin holds one
    rows = tokens.sentences(text)           # token lists a sentence, as the hf rows

(Spans in an export can cut a token where an entity ends inside it; new text
is never cut that way, so such an entity can only be found with its token.)
"""

from __future__ import annotations

import json
import re
import warnings
from bisect import bisect_right
from pathlib import Path
from typing import NamedTuple

MANIFEST = "kiwi_tokens.json"
_WORD = re.compile(r"\S+")
_LINE_CONTENT = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding whitespace


def tokenize_ranges(text: str, morphemes) -> list[tuple[int, int]]:
    """Non-overlapping tokens covering every non-whitespace character of ``text`` exactly once, from
    (start, end) pairs of Kiwi morphemes."""
    covered: list[tuple[int, int]] = []
    reach = -1
    for start, end in sorted(morphemes):
        if end <= start:
            continue
        if start < reach:  # shares characters with the previous morpheme (했 = 하 + 었)
            if end > reach:
                covered[-1] = (covered[-1][0], end)
                reach = end
        else:
            covered.append((start, end))
            reach = end
    tokens: list[tuple[int, int]] = []
    position = 0
    for start, end in covered + [(len(text), len(text))]:
        if start > position and not text[position:start].isspace():  # characters Kiwi left out
            tokens.extend(w.span() for w in _WORD.finditer(text, position, start))
        if end > start:
            words = text[start:end].split()
            if len(words) == 1 and len(words[0]) == end - start:
                tokens.append((start, end))
            else:  # a morpheme with whitespace inside (a multi-word dictionary entry) or around it
                tokens.extend(w.span() for w in _WORD.finditer(text, start, end))
        position = end
    return tokens


def split_at(tokens: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """``tokens`` cut at every offset of ``cuts`` (sorted) that falls strictly inside one."""
    if not cuts:
        return tokens
    out: list[tuple[int, int]] = []
    for start, end in tokens:
        at = bisect_right(cuts, start)
        while at < len(cuts) and cuts[at] < end:
            out.append((start, cuts[at]))
            start = cuts[at]
            at += 1
        out.append((start, end))
    return out


class Piece(NamedTuple):
    """A token as spaCy (and so Prodigy) keeps it: ``ws`` is one following space."""

    start: int
    end: int
    ws: bool
    is_space: bool  # a whitespace token


def spacy_pieces(text: str, tokens: list[tuple[int, int]], spans=()) -> list[Piece]:
    """``tokens`` plus the whitespace between them the way spaCy tokenises it, so that
    ``"".join(text[p.start:p.end] + " " * p.ws for p in pieces) == text``: a single space after a
    token is its ``ws``; any other whitespace is a whitespace token of its own. Whitespace is also
    cut at the edges of ``spans`` ((start, end) pairs), so every span starts and ends on a piece."""
    starts = {span[0] for span in spans}
    ends = {span[1] for span in spans}
    cuts = sorted(starts | ends)
    pieces: list[Piece] = []

    def whitespace(start: int, end: int) -> None:
        if cuts:
            pieces.extend(Piece(s, e, False, True) for s, e in split_at([(start, end)], cuts))
        else:
            pieces.append(Piece(start, end, False, True))

    if tokens and tokens[0][0] > 0 or not tokens and text:
        whitespace(0, tokens[0][0] if tokens else len(text))
    for index, (start, end) in enumerate(tokens):
        following = tokens[index + 1][0] if index + 1 < len(tokens) else len(text)
        ws = following > end and text[end] == " " and end not in starts and end + 1 not in ends
        pieces.append(Piece(start, end, ws, False))
        if following > end + ws:
            whitespace(end + ws, following)
    return pieces


class KiwiTokens:
    """Kiwi loaded as annotator's import loads it: default options, then each user dictionary
    ``kiwi_tokens.json`` names (files beside it), in order."""

    def __init__(self, folder: Path | str | None = None):
        from kiwipiepy import Kiwi

        folder = Path(folder) if folder is not None else Path(__file__).resolve().parent
        manifest = folder / MANIFEST
        settings = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
        self.kiwi = Kiwi()
        for name in settings.get("user_dictionaries", []):
            self.kiwi.load_user_dictionary(str(folder / name))
        _warn_if_versions_differ(settings.get("versions", {}))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each token of ``text``, in code points."""
        return tokenize_ranges(text, [(t.start, t.end) for t in self.kiwi.tokenize(text)])

    def words(self, text: str) -> list[str]:
        return [text[start:end] for start, end in self.spans(text)]

    def sentences(self, text: str) -> list[list[tuple[int, int]]]:
        """Token spans a sentence: Kiwi's sentences cut at line breaks, as an hf export's rows."""
        analysed = self.kiwi.tokenize(text)
        bounds: list[list[int]] = []
        current = None
        for token in analysed:
            if token.sent_position != current:
                current = token.sent_position
                bounds.append([token.start, token.end])
            else:
                bounds[-1][1] = max(bounds[-1][1], token.end)
        lines = [m.span() for start, end in bounds for m in _LINE_CONTENT.finditer(text, start, end)]
        tokens = tokenize_ranges(text, [(t.start, t.end) for t in analysed])
        rows: list[list[tuple[int, int]]] = [[] for _ in lines]
        starts = [start for start, _ in lines]
        for token in tokens:
            rows[max(bisect_right(starts, token[0]) - 1, 0)].append(token)
        return [row for row in rows if row]

    def spacy_doc(self, vocab, text: str):
        """A spaCy ``Doc`` of ``text`` with these tokens and its whitespace as the export's DocBin has it."""
        from spacy.tokens import Doc

        pieces = spacy_pieces(text, self.spans(text))
        return Doc(vocab, words=[text[p.start:p.end] for p in pieces], spaces=[p.ws for p in pieces])


def _warn_if_versions_differ(versions: dict) -> None:
    from importlib.metadata import PackageNotFoundError, version

    for package, exported_with in versions.items():
        try:
            installed = version(package)
        except PackageNotFoundError:
            installed = None
        if installed != exported_with:
            warnings.warn(f"the export was tokenised with {package} {exported_with}, this is {installed}: "
                          "tokens may differ from the training data", stacklevel=3)
