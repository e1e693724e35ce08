"""Large synthetic projects for benchmarks, built straight through the store (no Kiwi).

Documents are the generated corpus articles; their morphemes are rough
whitespace/punctuation pieces, enough for snapping and BIO tagging.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus import generate_articles

from annotator import Project
from annotator.core.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.records import SpanDraft
from annotator.core.text import document_uid

_PIECE = re.compile(r"[가-힣]+|[A-Za-z]+|[0-9][0-9,.]*|\S")


def rough_morphemes(text: str) -> list[Morpheme]:
    return [Morpheme(m.start(), m.end(), "NNG" if m.group()[0].isalpha() else "SN" if m.group()[0].isdigit() else "SW")
            for m in _PIECE.finditer(text)]


def build_project(folder: Path, documents: int, spans_per_document: int = 0, annotators=("kim",),
                  batch: int = 2000) -> Project:
    """A project of ``documents`` articles, each with ``spans_per_document`` spans per annotator."""
    project = Project.create(folder)
    store = project.store
    templates = generate_articles(min(documents, 500))
    labels = project.schema.label_names
    done = 0
    while done < documents:
        with store.transaction():
            for i in range(done, min(done + batch, documents)):
                text = templates[i % len(templates)] + f"\n문서 {i}"
                pieces = rough_morphemes(text)
                doc_id = store.insert_document(
                    uid=document_uid(text), title=text.split("\n", 1)[0], text=text, raw=None, meta={},
                    source="synthetic", encoding="utf-8", morphemes=pack_morphemes(pieces),
                    sentences=pack_sentences([(0, len(text))]),
                )
                words = [m for m in pieces if m.tag == "NNG"]
                step = max(1, len(words) // max(1, spans_per_document))
                store.insert_spans([
                    SpanDraft(doc_id, annotator, m.start, m.end, labels[(k + a * (k % 2)) % len(labels)])
                    for a, annotator in enumerate(annotators)
                    for k, m in enumerate(words[::step][:spans_per_document])
                ])
        done = min(done + batch, documents)
    return project
