"""Large synthetic projects for benchmarks, built straight through the store (no Kiwi).

Documents are the generated corpus articles; their morphemes are rough
whitespace/punctuation pieces, enough for snapping and BIO tagging.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus import generate_articles

from annotator import Project
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.records import SpanDraft
from annotator.core.text.normalize import document_uid

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


ANNOTATORS = ("kim", "lee", "park")


def analysed_templates(count: int) -> list[tuple[str, list[Morpheme], list[tuple[int, int]]]]:
    """``count`` generated articles of about 600 characters with Kiwi's real analysis (as an import stores it)."""
    from annotator.core.text.kiwi import analyse_many

    texts = generate_articles(count)
    return [(text, analysis.morphemes, analysis.sentences) for text, analysis in zip(texts, analyse_many(texts))]


def _layers(doc_id: int, nouns: list[Morpheme], spans: int, labels: list[str], annotators, seed: int):
    """The same ``spans`` entities for every annotator, each missing, relabelling or widening about one in six."""
    step = max(1, len(nouns) // max(1, spans))
    picks = nouns[::step][:spans]
    drafts = []
    for a, name in enumerate(annotators):
        for k, m in enumerate(picks):
            roll = (doc_id * 7 + k * 13 + a * 31 + seed) % 18
            label = labels[(k + doc_id) % len(labels)]
            if roll == 0:
                continue
            if roll == 1:
                label = labels[(k + doc_id + 1) % len(labels)]
            end = picks[k + 1].start - 1 if roll == 2 and k + 1 < len(picks) and picks[k + 1].start - 1 > m.end else m.end
            drafts.append(SpanDraft(doc_id, name, m.start, end, label))
    return drafts


def build_large_project(folder: Path, documents: int, spans_per_annotator: int = 10, annotators=ANNOTATORS,
                        done_share: float = 0.1, batch: int = 5000, progress=None) -> Project:
    """Articles of about 600 characters with Kiwi's morphemes and a date, ``spans_per_annotator`` spans
    in each annotator's layer, and the first ``done_share`` of the documents done by every annotator.

    Built through the store (no Kiwi per document: 500 analysed articles are reused with a distinct
    last line), with a large page cache so the span indexes do not thrash."""
    project = Project.create(folder)
    grow_large_project(project, documents, spans_per_annotator, annotators, int(documents * done_share), batch,
                       progress)
    return project


def grow_large_project(project: Project, documents: int, spans_per_annotator: int = 10, annotators=ANNOTATORS,
                       done_until: int = 0, batch: int = 5000, progress=None) -> None:
    """Add ``build_large_project``'s documents to ``project`` until it has ``documents`` (the i-th
    document is the same whichever size it was built to first)."""
    from annotator.core.records import Status

    store = project.store
    store.conn.execute("PRAGMA cache_size = -1000000")  # 1 GB while building only
    store.conn.execute("PRAGMA synchronous = NORMAL")
    templates = analysed_templates(min(documents, 500))
    labels = project.schema.label_names
    for first in range(store.document_count(), documents, batch):
        with store.transaction():
            for i in range(first, min(first + batch, documents)):
                text, morphemes, sentences = templates[i % len(templates)]
                suffix = f"\n문서 {i}"
                pieces = morphemes + [m._replace(start=m.start + len(text), end=m.end + len(text))
                                      for m in rough_morphemes(suffix) if m.start > 0]
                text += suffix
                doc_id = store.insert_document(
                    uid=document_uid(text), title=text.split("\n", 1)[0], text=text, raw=None,
                    meta={"date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 09:00"}, source="synthetic",
                    encoding="utf-8", morphemes=pack_morphemes(pieces),
                    sentences=pack_sentences(sentences[:-1] + [(sentences[-1][0], len(text))]),
                )
                nouns = [m for m in morphemes if m.tag in ("NNG", "NNP")]
                store.insert_spans(_layers(doc_id, nouns, spans_per_annotator, labels, annotators, 0))
                if i < done_until:
                    for name in annotators:
                        store.write_status(Status(doc_id, name, "done"))
        if progress:
            progress(min(first + batch, documents))
    store.conn.execute("PRAGMA synchronous = FULL")
