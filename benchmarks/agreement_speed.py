"""How fast are agreement figures, review states and auto-merge on a big project?

Builds a synthetic project (default 10,000 documents of ~1,500 characters,
~700 morphemes each, 3 annotators with ~15 spans a document and realistic
disagreement) straight through the store with packed fake morphemes (no
Kiwi), then prints the median time of several runs. Results: docs/performance.md.

    python benchmarks/agreement_speed.py [--documents N] [--runs R] [--keep DIR]

``--keep DIR`` builds the project in DIR and keeps it; run again with the same
DIR to measure without rebuilding (auto-merge is undone after timing it).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator import Project  # noqa: E402
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences  # noqa: E402
from annotator.core.records import SpanDraft, Status  # noqa: E402
from annotator.core.text.normalize import document_uid  # noqa: E402

ANNOTATORS = ("kim", "lee", "park")
LABELS = ("BUDGET", "AGENCY", "TECH", "PROGRAM")


def synthetic_document(rng: random.Random, characters: int) -> tuple[str, list[Morpheme], list[tuple[int, int]]]:
    """Random Hangul words; each word is one to three morphemes (a stem and particle-sized pieces)."""
    parts, morphemes, position = [], [], 0
    while position < characters:
        word = "".join(chr(rng.randrange(0xAC00, 0xD7A4)) for _ in range(rng.randint(2, 6)))
        cut = sorted(rng.sample(range(1, len(word)), min(len(word) - 1, rng.randint(0, 2))))
        for start, end in zip([0, *cut], [*cut, len(word)]):
            morphemes.append(Morpheme(position + start, position + end, "NNG"))
        parts.append(word)
        position += len(word)
        separator = "\n" if rng.random() < 0.03 else " "
        parts.append(separator)
        position += 1
    text = "".join(parts).rstrip()
    morphemes = [m for m in morphemes if m.end <= len(text)]
    return text, morphemes, [(0, len(text))]


def annotator_layers(rng: random.Random, doc_id: int, morphemes: list[Morpheme], entities: int):
    """Gold-like entities each annotator marks with some misses, label flips and boundary slips."""
    picks = sorted(rng.sample(range(0, len(morphemes) - 4, 5), entities))
    truth = []
    for i in picks:
        length = rng.randint(1, 3)
        truth.append((morphemes[i].start, morphemes[i + length - 1].end, rng.choice(LABELS), i, length))
    drafts = []
    for name in ANNOTATORS:
        for start, end, label, i, length in truth:
            roll = rng.random()
            if roll < 0.08:
                continue  # missed
            if roll < 0.13:
                label = rng.choice(LABELS)
            elif roll < 0.18:
                end = morphemes[i + length].end if rng.random() < 0.5 else morphemes[i].end
            drafts.append(SpanDraft(doc_id, name, start, end, label))
    return drafts


def build(folder: Path, documents: int, seed: int = 7) -> Project:
    rng = random.Random(seed)
    project = Project.create(folder)
    store = project.store
    with store.transaction():
        for n in range(documents):
            text, morphemes, sentences = synthetic_document(rng, 1500)
            doc_id = store.insert_document(uid=document_uid(f"{n}:{text}"), title=f"synthetic {n}", text=text,
                                           raw=None, meta={}, source="benchmark", encoding="utf-8",
                                           morphemes=pack_morphemes(morphemes), sentences=pack_sentences(sentences))
            store.insert_spans(annotator_layers(rng, doc_id, morphemes, 15))
            for name in ANNOTATORS:
                store.write_status(Status(doc_id, name, "done"))
    return project


def timed(function, runs: int) -> tuple[str, object]:
    """Median wall-clock and CPU seconds (CPU time shows the cost on a busy, shared machine)."""
    wall, cpu, result = [], [], None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return f"median {statistics.median(wall):.2f} s wall, {statistics.median(cpu):.2f} s CPU of {runs} runs", result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the project in this folder and keep it (or reuse it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "bench"
        started = time.perf_counter()
        if (folder / "project.toml").exists():
            project = Project.open(folder)
        else:
            project = build(folder, args.documents)
        stats = project.stats()
        print(f"project of {stats['documents']} documents, {stats['spans']} spans, "
              f"{stats['characters']} characters in {time.perf_counter() - started:.1f} s")

        took, report = timed(project.agreement, args.runs)
        figures = report.to_dict()
        print(f"agreement: {took} (mean κ {figures['overall']['kappa']:.3f}, α {figures['alpha']:.3f}, "
              f"{figures['alpha_units']} morpheme units)")
        took, _ = timed(project.review_states, args.runs)
        print(f"review states (document list): {took}")
        took, _ = timed(lambda: project.review_candidates(1), args.runs)
        print(f"merged view of one document: {took}")
        took, result = timed(lambda: project.adjudicate(min_agree=2), 1)
        print(f"auto-merge K=2 of 3: {took}; {len(result.merged)} spans into gold, "
              f"{sum(result.remaining.values())} candidates in disagreement left")
        took, undo = timed(lambda: project.apply(result.change.inverse), 1)
        print(f"undo of the auto-merge: {took}; {len(undo.removed)} spans removed")
        project.close()


if __name__ == "__main__":
    main()
