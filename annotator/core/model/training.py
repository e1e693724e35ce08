"""Training the model on the project's finished work, and measuring it held out.

1. Every document with finished work (``examples``) is read once; its
   sentences go to CRFsuite with the document's group (documents are dealt
   into groups after a seeded shuffle, so the sentences of one document, and
   its layers, never straddle training and test).
2. Small sets (up to ``LARGE_CHARACTERS`` of text, some 600 articles):
   k-fold. For each fold, a model trained on the other folds (L-BFGS) tags the
   fold's documents; strict span matches (start, end, label) against each
   complete layer, pooled over the folds, give per-label precision, recall and
   F1: the figures the gate reads. The model kept is then trained on everything.
3. Large sets: a sample of ``HELD_OUT_SAMPLE`` documents (at most a fifth) is
   held out; the model is trained on all the others (by stochastic gradient
   descent) and scored on the sample, so the figures are the kept model's own,
   and 10,000 articles train in under two minutes.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from typing import Callable

from annotator.core.errors import AnnotatorError
from annotator.core.store.store import now
from annotator.core.store import model as model_store
from annotator.core.model.crf import CrfModel, Trainer
from annotator.core.model.examples import TrainingDocument, finished_work, load_documents, no_hits, training_span_counts
from annotator.core.model.model_files import LabelScore, ModelInfo

MIN_DOCUMENTS = 2
LARGE_CHARACTERS = 450_000
HELD_OUT_SAMPLE = 500
TRAINING, HELD_OUT = 0, 1  # the groups of a large set
COUNTED = ("misaligned_spans", "skipped_sentences", "overlapping_spans", "negative_sentences", "heldout_documents")


class ModelError(AnnotatorError):
    """The model cannot be trained (too little finished work) or was stopped."""


def train_model(project, *, rule_features: bool = True, folds: int | None = None, seed: int = 0,
                progress: Callable[[int, int], None] | None = None, phase: Callable[[str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[bytes, ModelInfo]:
    """Train on ``project`` 's finished work: (model bytes, description). ``phase`` is told
    "reading", "scoring" and (small sets) "training"; ``progress(done, total)`` counts documents
    read, folds scored, and passes of the optimiser (total 0: not known in advance)."""
    started = time.perf_counter()
    tell = phase or (lambda _key: None)
    report = progress or (lambda _done, _total: None)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ModelError("training stopped")

    works = finished_work(project.store, project.schema)
    complete = [w.doc_id for w in works if w.complete]
    if len(complete) < MIN_DOCUMENTS:
        raise ModelError(f"{project.folder}: the model needs at least {MIN_DOCUMENTS} finished documents "
                         f"(adjudicated, or marked done by an annotator); there are {len(complete)}")
    order = sorted(complete)
    random.Random(seed).shuffle(order)
    large = model_store.total_characters(project.store, complete) > LARGE_CHARACTERS
    if large:
        sample = set(order[:min(HELD_OUT_SAMPLE, len(order) // 5)])
        group_of = {doc_id: HELD_OUT if doc_id in sample else TRAINING for doc_id in order}
        k = 1
    else:
        k = min(folds or project.schema.model.folds, len(complete))
        group_of = {doc_id: i % k for i, doc_id in enumerate(order)}  # rejections only: group k, never held out

    hits_of = project.suggester.rule_candidates if rule_features else no_hits
    counts: Counter = Counter()
    spans: dict[int, Counter] = {}
    trainer = Trainer(iteration=lambda n: report(n, 0))
    tell("reading")
    for done, document in enumerate(load_documents(project.store, works, hits_of, counts), start=1):
        group = group_of.get(document.doc_id, k)
        for first, last, tags in document.sequences:
            trainer.append(document.features[first:last], tags, group)
            counts["sentences"] += 1
            counts["tokens"] += last - first
        spans.setdefault(group, Counter()).update(training_span_counts(document))
        report(done, len(works))
        check()
    if not counts["sentences"]:
        raise ModelError(f"{project.folder}: the finished documents have no sentence the model can learn from")

    tallies: dict[str, Counter] = {label: Counter() for label in project.schema.label_names}
    tell("scoring")
    if large:
        trainer.use_sgd()
        data = trainer.fit(holdout=HELD_OUT)
        held_out = [w for w in works if group_of.get(w.doc_id) == HELD_OUT]
        _score_documents(project, CrfModel(data), held_out, hits_of, tallies)
        trained_spans = spans.get(TRAINING, Counter())
        counts["heldout_documents"] = len(held_out)
    else:
        for fold in range(k):
            report(fold, k)
            fold_model = CrfModel(trainer.fit(holdout=fold))
            check()
            _score_documents(project, fold_model, [w for w in works if group_of.get(w.doc_id) == fold], hits_of,
                             tallies)
        tell("training")
        data = trainer.fit()
        trained_spans = sum(spans.values(), Counter())
    info = ModelInfo(
        trained_at=now(), documents=len(complete), layers=counts["layers"], sentences=counts["sentences"],
        tokens=counts["tokens"], folds=k, scores=_scores(tallies, trained_spans),
        seconds=round(time.perf_counter() - started, 2), algorithm=trainer.algorithm, rule_features=rule_features,
        counts={key: counts[key] for key in COUNTED},
    )
    return data, info


def _score_documents(project, model: CrfModel, works, hits_of, tallies: dict[str, Counter]) -> None:
    for document in load_documents(project.store, works, hits_of, Counter()):
        _score(model, document, tallies)


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
