"""spaCy DocBin (``.spacy``): one Doc a document, built from the Kiwi morpheme tokens.

The Doc's text is the document's text exactly (whitespace that is not a single
space after a token becomes a whitespace token, as spaCy does), so a span's
character offsets are its entity's; entities and sentence starts are given to
the ``Doc`` constructor as BIO tags and flags. Read it back with
``DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from .document import ExportDocument
from .flat import Flat, token_tags
from .formats import ExportContext, part_paths


def doc_words(text: str, flat: Flat):
    """spaCy ``words``, ``spaces``, ``sent_starts`` and IOB ``ents`` for the tokens of ``flat``."""
    tags = token_tags(flat)
    sentence_starts = {start for start, _ in flat.segments}
    words, spaces, sent_starts, ents = [], [], [], []

    def whitespace(piece: str, next_tag: str) -> None:
        words.append(piece)
        spaces.append(False)
        sent_starts.append(False)
        ents.append(next_tag if next_tag.startswith("I-") else "O")  # inside an entity: keep it whole

    tokens = flat.tokens
    if tokens and tokens[0][0] > 0:
        whitespace(text[:tokens[0][0]], "O")
    for index, (start, end) in enumerate(tokens):
        words.append(text[start:end])
        sent_starts.append(start in sentence_starts)
        ents.append(tags[index])
        following = tokens[index + 1][0] if index + 1 < len(tokens) else len(text)
        gap = text[end:following]
        spaces.append(gap.startswith(" "))
        rest = gap[1:] if gap.startswith(" ") else gap
        if rest:
            whitespace(rest, tags[index + 1] if index + 1 < len(tokens) else "O")
    return words, spaces, sent_starts, ents


class DocBinWriter:
    extension = ".spacy"

    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.context = context
        self.paths = part_paths(root, parts, self.extension)
        self.vocab = Vocab()
        self.bins = {part: DocBin(store_user_data=True) for part in self.paths}

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        words, spaces, sent_starts, ents = doc_words(document.text, flat)
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts, ents=ents)
        doc.user_data.update({"id": document.id, "uid": document.uid, "title": document.title})
        self.bins[part].add(doc)

    def close(self) -> None:
        for part, path in self.paths.items():
            self.bins[part].to_disk(path)

    def abort(self) -> None:
        self.bins.clear()
