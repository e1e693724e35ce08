"""UIMA CAS XMI for INCEpTION and WebAnno, written with dkpro-cassis.

A folder with ``TypeSystem.xml`` (DKPro Core's types) and ``<uid>.xmi`` per
document (subfolders per split part, each with its type system). Each CAS
holds the text as its sofa, a ``DocumentMetaData`` (title, uid), Kiwi's
sentences as ``Sentence`` and the morpheme tokens as ``Token``, cut at span edges (so
INCEpTION's token-anchored layers snap to morphemes, not to spaced words, and
hold every span as it is),
and every span as a ``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity``
with its label as ``value``. Overlapping spans are all kept (stack them in
INCEpTION's Named Entity layer). cassis writes UTF-16 offsets, as UIMA
counts. Span attributes are not carried.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.ingest.xmi import DOCUMENT_METADATA, NAMED_ENTITY, dkpro_type_system
from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, sentences, split_at, tokenize
from annotator.core.export.formats import ExportContext

SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
_UNSAFE = re.compile(r"[^0-9A-Za-z_-]")


class XmiWriter:
    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        import cassis

        self.cassis = cassis
        self.context = context
        self.type_system = dkpro_type_system()
        self.folders = {part: (root / part if part else root) for part in parts}
        self.started: set[str | None] = set()  # parts whose folder is made (on their first document)
        self.types = {name: self.type_system.get_type(name)
                      for name in (NAMED_ENTITY, SENTENCE, TOKEN, DOCUMENT_METADATA)}
        self.used: set[tuple[str | None, str]] = set()

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        cas = self.cassis.Cas(typesystem=self.type_system)
        cas.sofa_string = text
        cas.add(self.types[DOCUMENT_METADATA](begin=0, end=len(text), documentTitle=document.title,
                                              documentId=document.uid, language="ko"))
        edges = sorted({edge for span in document.spans for edge in (span.start, span.end)})
        tokens = split_at(tokenize(text, document.morphemes), edges)  # a span never starts inside a Token
        bridges = [(span.start, span.end) for span in document.spans]
        for start, end in sentences(text, document.sentences, bridges, tokens)[0]:
            cas.add(self.types[SENTENCE](begin=start, end=end))
        cas.add_all([self.types[TOKEN](begin=start, end=end) for start, end in tokens])
        cas.add_all([self.types[NAMED_ENTITY](begin=span.start, end=span.end, value=span.label)
                     for span in document.spans])
        if part not in self.started:
            self.folders[part].mkdir(parents=True, exist_ok=True)
            self.type_system.to_xml(self.folders[part] / "TypeSystem.xml")
            self.started.add(part)
        stem = _UNSAFE.sub("_", document.uid)[:64] or f"document-{document.id}"
        if (part, stem) in self.used:
            stem = f"{stem}-{document.id}"
        self.used.add((part, stem))
        cas.to_xmi(self.folders[part] / f"{stem}.xmi")

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass
