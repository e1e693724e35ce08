"""Documents built straight through the store, one morpheme per word (no Kiwi): small, exact tests."""

from __future__ import annotations

import re

from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.text.normalize import document_uid


class Words:
    """A stored document whose words are addressed by index: ``words.span(2, 3)`` is words 2–3."""

    def __init__(self, project, text: str):
        self.project = project
        self.text = text
        self.bounds = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        morphemes = [Morpheme(s, e, "NNG") for s, e in self.bounds]
        with project.store.transaction():
            self.doc_id = project.store.insert_document(
                uid=document_uid(text), title=text.split()[0], text=text, raw=None, meta={}, source="test",
                encoding="utf-8", morphemes=pack_morphemes(morphemes), sentences=pack_sentences([(0, len(text))]))

    def span(self, first: int, last: int | None = None) -> tuple[int, int]:
        return self.bounds[first][0], self.bounds[first if last is None else last][1]

    def mark(self, annotator: str, first: int, last: int | None, label: str):
        start, end = self.span(first, last)
        return self.project.add_span(self.doc_id, start, end, label, annotator, snap=False)


def numbered_text(words: int, seed: str = "") -> str:
    """Distinct Korean-looking words (가0 나1 ...) so each document has its own uid."""
    syllables = "가나다라마바사아자차카타파하"
    return " ".join(f"{syllables[i % len(syllables)]}{seed}{i}" for i in range(words))
