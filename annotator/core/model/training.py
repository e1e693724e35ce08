"""Training the model on the project's finished work, and measuring it held out.

1. Every document with finished work (``examples``) is read once; its
   sentences go to CRFsuite with the document's fold as their group
   (documents are dealt into k folds after a seeded shuffle, so the sentences
   of one document, and its layers, never straddle training and test).
2. For each fold, a model trained on the other folds tags the fold's
   documents; strict span matches (start, end, label) against each complete
   layer give per-label precision, recall and F1: the figures the gate reads.
3. The final model is trained on everything and written with its description.

Large training sets (over ``LARGE_TOKENS`` tokens) train by stochastic
gradient descent instead of L-BFGS, are scored on two of the folds, and score
at most ``SCORED_PER_FOLD`` documents of each: enough for a stable figure and
under two minutes for 10,000 articles.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from typing import Callable

from ..errors import AnnotatorError
from ..store import now
from . import model_store
from .crf import SGD_PARAMS, CrfModel, Trainer
from .examples import TrainingDocument, finished_work, load_documents, no_hits, training_span_counts
from .model_files import LabelScore, ModelInfo

MIN_DOCUMENTS = 2
LARGE_TOKENS = 300_000
SCORED_PER_FOLD = 500


class ModelError(AnnotatorError):
    """The model cannot be trained (too little finished work) or was stopped."""


def train_model(project, *, rule_features: bool = True, folds: int | None = None, seed: int = 0,
                progress: Callable[[int, int], None] | None = None, phase: Callable[[str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[bytes, ModelInfo]:
    """Train on ``project`` 's finished work: (model bytes, description). ``phase`` is told
    "reading", "scoring" and "training"; ``progress(done, total)`` counts documents read, folds
    scored, and passes of the optimiser (total 0: not known in advance)."""
    started = time.perf_counter()
    tell = phase or (lambda _key: None)
    report = progress or (lambda _done, _total: None)
    stop = cancelled or (lambda: False)
    works = finished_work(project.store, project.schema)
    complete = [w.doc_id for w in works if w.complete]
    if len(complete) < MIN_DOCUMENTS:
        raise ModelError(f"{project.folder}: the model needs at least {MIN_DOCUMENTS} finished documents "
                         f"(adjudicated, or marked done by an annotator); there are {len(complete)}")
    k = min(folds or project.schema.model.folds, len(complete))
    order = sorted(complete)
    random.Random(seed).shuffle(order)
    fold_of = {doc_id: i % k for i, doc_id in enumerate(order)}  # documents with rejections only: group k

    hits_of = project.suggester.rule_candidates if rule_features else no_hits
    counts: Counter = Counter()
    spans: Counter = Counter()
    trainer = Trainer(iteration=lambda n: report(n, 0))
    tell("reading")
    documents = 0
    for documents, document in enumerate(load_documents(project.store, works, hits_of, counts), start=1):
        group = fold_of.get(document.doc_id, k)
        for first, last, tags in document.sequences:
            trainer.append(document.features[first:last], tags, group)
            counts["sentences"] += 1
            counts["tokens"] += last - first
        spans.update(training_span_counts(document))
        report(documents, len(works))
        if stop():
            raise ModelError("training stopped")
    if not counts["sentences"]:
        raise ModelError(f"{project.folder}: the finished documents have no sentence the model can learn from")

    large = counts["tokens"] > LARGE_TOKENS
    if large:
        trainer = _switch_to_sgd(trainer)
    scored_folds = range(min(k, 2)) if large else range(k)
    tallies: dict[str, Counter] = {label: Counter() for label in project.schema.label_names}
    tell("scoring")
    for fold in scored_folds:
        report(fold, len(scored_folds))
        fold_model = CrfModel(trainer.fit(holdout=fold))
        if stop():
            raise ModelError("training stopped")
        held_out = [w for w in works if fold_of.get(w.doc_id) == fold][:SCORED_PER_FOLD if large else None]
        for document in load_documents(project.store, held_out, hits_of, Counter()):
            _score(fold_model, document, tallies)
    tell("training")
    data = trainer.fit()
    info = ModelInfo(
        trained_at=now(), documents=len(complete), layers=counts["layers"], sentences=counts["sentences"],
        tokens=counts["tokens"], folds=len(scored_folds), scores=_scores(tallies, spans),
        seconds=round(time.perf_counter() - started, 2), algorithm=trainer.algorithm, rule_features=rule_features,
        counts={key: counts[key] for key in ("misaligned_spans", "skipped_sentences", "overlapping_spans",
                                             "negative_sentences")},
    )
    return data, info


def _switch_to_sgd(trainer: Trainer) -> Trainer:
    """The same appended data, trained by SGD (the data stays; only the algorithm changes)."""
    trainer.select("l2sgd")
    trainer.set_params(SGD_PARAMS)
    trainer.algorithm = "l2sgd"
    return trainer


def _score(model: CrfModel, document: TrainingDocument, tallies: dict[str, Counter]) -> None:
    """Strict span matches of the model's tags against each complete layer of the document."""
    if not document.references:
        return
    tagged = model.tag_features(document.text, document.tokens, document.features)
    predicted = {(s.start, s.end, s.label) for s in tagged.spans}
    for reference in document.references:
        gold = set(reference)
        for start, end, label in predicted | gold:
            if label not in tallies:
                continue
            kind = "tp" if (start, end, label) in gold and (start, end, label) in predicted else (
                "fp" if (start, end, label) in predicted else "fn")
            tallies[label][kind] += 1


def _scores(tallies: dict[str, Counter], training_spans: Counter) -> dict[str, LabelScore]:
    scores = {}
    for label, tally in tallies.items():
        tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = (2 * precision * recall / (precision + recall) if precision and recall else 0.0) \
            if tp + fn else None
        scores[label] = LabelScore(_round(f1), _round(precision), _round(recall), training_spans[label], tp + fn)
    return scores


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def retraining_due(project, info: ModelInfo | None) -> bool:
    """True when ``retrain_every`` more documents were finished since the model was trained
    (or, with no model yet, once that many are finished)."""
    finished = model_store.finished_document_count(project.store)
    trained_on = info.documents if info is not None else 0
    return finished >= MIN_DOCUMENTS and finished - trained_on >= project.schema.model.retrain_every
