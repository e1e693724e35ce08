"""The one Kiwi analyser of this process, created lazily, and batch analysis.

Kiwi takes about half a gigabyte and seconds to start, so it is created on
first use only (import, batch suggestion), never by opening or labelling a
document: those read the morphemes stored at import.
"""

from __future__ import annotations

import os
import threading
from itertools import chain
from array import array
from pathlib import Path
from typing import Iterable, Iterator

from annotator.core.text.morphemes import TAG_INDEX, UNKNOWN_TAG, Analysis, Morpheme, pack_morpheme_rows, pack_sentence_rows

_lock = threading.Lock()
_kiwi = None
_loaded_dictionaries: set[str] = set()


def get_kiwi():
    """The process-wide Kiwi instance (created on first call)."""
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            workers = max(1, min(os.cpu_count() or 1, 8))
            _kiwi = Kiwi(num_workers=workers)
        return _kiwi


def kiwi_loaded() -> bool:
    return _kiwi is not None


def load_user_dictionaries(paths: Iterable[Path]) -> int:
    """Add words from ``word<TAB>TAG[<TAB>score]`` files once each; returns words added."""
    kiwi = get_kiwi()
    added = 0
    for path in paths:
        key = str(Path(path).resolve())
        if key in _loaded_dictionaries or not Path(path).is_file():
            continue
        added += kiwi.load_user_dictionary(key)
        _loaded_dictionaries.add(key)
    return added


def _analysis_from_tokens(tokens) -> Analysis:
    morphemes = [Morpheme(t.start, t.end, t.tag) for t in tokens]
    sentences: list[tuple[int, int]] = []
    current = None
    for t in tokens:
        if t.sent_position != current:
            current = t.sent_position
            sentences.append((t.start, t.end))
        else:
            start, end = sentences[-1]
            sentences[-1] = (start, max(end, t.end))
    return Analysis(morphemes, sentences)


def analyse(text: str) -> Analysis:
    return _analysis_from_tokens(get_kiwi().tokenize(text))


def analyse_many(texts: list[str]) -> Iterator[Analysis]:
    """Analyse in one batch, using Kiwi's own worker threads; yields in order."""
    if not texts:
        return iter(())
    return (_analysis_from_tokens(tokens) for tokens in get_kiwi().tokenize(texts))


def analyse_many_packed(texts: Iterable[str]) -> Iterator[tuple[bytes, bytes]]:
    """Like ``analyse_many`` but yields the stored form (morphemes, sentences) directly.

    ``texts`` may be a lazy iterable: Kiwi pulls from it as its workers need
    more. Kiwi is not loaded when there is no text at all. The per-token
    Python work of an import is this one tight loop.
    """
    iterator = iter(texts)
    first = next(iterator, None)
    if first is None:
        return
    tag_index = TAG_INDEX
    unknown = UNKNOWN_TAG
    for tokens in get_kiwi().tokenize(chain([first], iterator)):
        values = array("I")
        sentences = array("I")
        current = -1
        for token in tokens:
            start = token.start
            end = start + token.len
            values.extend((start, end, tag_index.get(token.tag, unknown)))
            if token.sent_position != current:
                current = token.sent_position
                sentences.extend((start, end))
            elif end > sentences[-1]:
                sentences[-1] = end
        yield pack_morpheme_rows(values), pack_sentence_rows(sentences)
