"""spaCy DocBin (``.spacy``): one Doc a document, built from the Kiwi morpheme tokens.

The Doc's text is the document's text exactly (``spacy.util.get_words_and_spaces``
adds whitespace tokens where needed), so a span's character offsets are the
entity's; sentence starts follow the exported sentences. Read it back with
``DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from .document import ExportDocument
from .flat import Flat
from .formats import ExportContext, part_paths


class DocBinWriter:
    extension = ".spacy"

    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.context = context
        self.paths = part_paths(root, parts, self.extension)
        self.vocab = Vocab()
        self.bins = {part: DocBin(store_user_data=True) for part in self.paths}

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        words, spaces = get_words_and_spaces([text[s:e] for s, e in flat.tokens], text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        starts = {token.idx: token for token in doc}
        for token in doc:
            token.is_sent_start = False
        for start, _ in flat.segments:
            if start in starts:
                starts[start].is_sent_start = True
        if len(doc):
            doc[0].is_sent_start = True
        doc.ents = [doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand") for s in flat.spans]
        doc.user_data.update({"id": document.id, "uid": document.uid, "title": document.title})
        self.bins[part].add(doc)

    def close(self) -> None:
        for part, path in self.paths.items():
            self.bins[part].to_disk(path)

    def abort(self) -> None:
        self.bins.clear()
