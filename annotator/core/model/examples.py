"""What the model learns from: the project's finished work, as tagged sentences.

- The gold layer of every adjudicated document, and every annotator layer
  marked done in a document that is not adjudicated (there gold speaks).
  Everything such a layer leaves unlabelled is a negative example (``O``).
- Rejected suggestions: in a document an annotator has not finished, the
  sentences holding a suggestion they rejected are learned from as well, with
  that annotator's spans in them and ``O`` elsewhere, the rejected span
  included. Whoever read a sentence closely enough to turn a suggestion down
  labelled what it holds; the rest of an unfinished document is left out.
  (In finished layers a rejected suggestion is ``O`` anyway, unless labelled.)
- Spans are tagged BIO over the morpheme tokens. A span whose edge falls
  inside a token (a raw character selection) cannot be expressed: its
  sentence is left out and counted (``misaligned_spans``,
  ``skipped_sentences``). Of overlapping spans in one layer (a nested or
  overlapping schema) the longer is kept (``overlapping_spans`` counts the others).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotator.core.text.morphemes import unpack_morphemes
from annotator.core.records import GOLD
from annotator.core.schema import Schema
from annotator.core.store import model as model_store
from annotator.core.model.crf import bio_tags
from annotator.core.model.features import Token, document_features, sentence_ranges, tokens_of


@dataclass
class Work:
    """The finished work of one document: complete layers, and partial ones (rejections)."""

    doc_id: int
    complete: list[list[tuple[int, int, str]]] = field(default_factory=list)
    partial: list[tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]] = field(default_factory=list)


@dataclass
class TrainingDocument:
    doc_id: int
    text: str
    tokens: list[Token]
    features: list[list[str]]
    sequences: list[tuple[int, int, list[str]]]  # (first token, last token + 1, tags)
    references: list[list[tuple[int, int, str]]]  # the complete layers' aligned spans, for scoring


def finished_work(store, schema: Schema) -> list[Work]:
    """Every document with finished work (or rejections), in id order, spans of schema labels only."""
    labels = set(schema.label_names)
    complete = model_store.finished_layers(store)
    finished = set(complete)
    adjudicated = {doc_id for doc_id, layer in complete if layer == GOLD}
    rejections = {key: spans for key, spans in model_store.annotator_rejections(store).items()
                  if key not in finished and key[0] not in adjudicated}
    spans = model_store.layer_spans(store, [*complete, *rejections])
    works: dict[int, Work] = {}
    for key in complete:
        works.setdefault(key[0], Work(key[0])).complete.append([s for s in spans[key] if s[2] in labels])
    for key, rejected in rejections.items():
        works.setdefault(key[0], Work(key[0])).partial.append(([s for s in spans[key] if s[2] in labels], rejected))
    return [works[doc_id] for doc_id in sorted(works)]


def load_documents(store, works: list[Work], hits_of, counts: Counter):
    """``TrainingDocument`` s for ``works``, one at a time (features are large: the caller consumes
    each before the next is built). ``hits_of(text, morphemes)`` gives the rule hits (or none)."""
    by_id = {work.doc_id: work for work in works}
    for doc_id, text, blob in model_store.analysed_documents(store, by_id):
        morphemes = unpack_morphemes(blob)
        tokens = tokens_of(text, morphemes)
        features = document_features(text, tokens, hits_of(text, morphemes))
        yield labelled_document(doc_id, text, tokens, features, by_id[doc_id], counts)


def labelled_document(doc_id: int, text: str, tokens: list[Token], features: list[list[str]], work: Work,
                      counts: Counter) -> TrainingDocument:
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    sequences, references = [], []
    for spans in work.complete:
        aligned, tagged = _layer_sequences(text, tokens, spans, starts, ends, counts)
        references.append(aligned)
        sequences += tagged
        counts["layers"] += 1
    for spans, rejected in work.partial:
        _, tagged = _layer_sequences(text, tokens, spans, starts, ends, counts, wanted=rejected)
        counts["negative_sentences"] += len(tagged)
        sequences += tagged
    return TrainingDocument(doc_id, text, tokens, features, sequences, references)


def _layer_sequences(text, tokens, spans, starts, ends, counts: Counter, wanted=None):
    """The layer's aligned spans and its tagged sentences (only those overlapping a ``wanted``
    range, when given); sentences holding a span that cannot be aligned are left out."""
    kept = _without_overlaps(spans, counts)
    misaligned = [s for s in kept if s[0] not in starts or s[1] not in ends]
    aligned = [s for s in kept if s[0] in starts and s[1] in ends]
    counts["misaligned_spans"] += len(misaligned)
    tags = bio_tags(tokens, aligned)
    sequences = []
    for first, last in sentence_ranges(text, tokens, [(s, e) for s, e, _ in kept]):
        begin, end = tokens[first].start, tokens[last - 1].end
        if wanted is not None and not any(s < end and begin < e for s, e, _ in wanted):
            continue
        if any(s < end and begin < e for s, e, _ in misaligned):
            counts["skipped_sentences"] += 1
            continue
        sequences.append((first, last, tags[first:last]))
    return aligned, sequences


def _without_overlaps(spans, counts: Counter) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if any(span[0] < e and s < span[1] for s, e, _ in kept):
            counts["overlapping_spans"] += 1
        else:
            kept.append(span)
    return sorted(kept)


def training_span_counts(document: TrainingDocument) -> Counter:
    """Spans per label in the document's tagged sentences."""
    found: Counter = Counter()
    for _, _, tags in document.sequences:
        found.update(tag[2:] for tag in tags if tag.startswith("B-"))
    return found


def no_hits(_text, _morphemes) -> list:
    return []
