"""How long does the model take to train, how much memory, and how fast does it suggest?

Training: a generated corpus (``corpus.py``: the bundled samples' paragraphs
recombined into distinct ~750-character articles) of N documents is imported
(Kiwi's morphemes, as in a real project), each document labelled by the rule
recognisers in layer ``kim`` and marked done, and trained in a fresh process
(as the workbench does), which reports its wall time, its CPU time (the
wall clock of a shared machine swings with other jobs), the CPU time of each
phase and its peak memory (``ru_maxrss``).

Suggesting: the bundled samples analysed by Kiwi, labelled by the rules and
marked done, train a model; then a 5,000-character article (sample paragraphs
joined) is suggested for with the caches emptied each time (a document just
opened), median and 95th percentile of ``--runs``, rules alone against rules
and model, interleaved in the same run.

    python benchmarks/model_speed.py                     # 1,000 and 10,000 documents, and the latency
    python benchmarks/model_speed.py --documents 1000 --no-latency

Results are recorded in docs/performance.md ("The model") and docs/suggestions.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from annotator import Project  # noqa: E402
from annotator.core.records import SpanDraft, Status  # noqa: E402


def label_with_rules(project: Project, annotator: str = "kim") -> int:
    """Every document not yet done labelled with the rules' suggestions and marked done (so an
    interrupted build goes on where it stopped); returns the spans stored."""
    store, spans = project.store, 0
    doc_ids = [d for d in store.document_ids() if store.status(d, annotator).status != "done"]
    with project.suggester.batch_learning(annotator):  # learned strings read once, not after every write
        for first in range(0, len(doc_ids), 1000):
            with store.transaction():
                drafts = []
                for doc_id in doc_ids[first:first + 1000]:
                    suggestions = project.suggester.suggest(project.document(doc_id).text, project.morphemes(doc_id))
                    drafts += [SpanDraft(doc_id, annotator, s.start, s.end, s.label) for s in suggestions]
                    store.write_status(Status(doc_id, annotator, "done"))
                store.insert_spans(drafts)
                spans += len(drafts)
    return spans


def train_here(folder: Path) -> dict:
    """Train once in this process (run as a child): times, peak memory, what was trained."""
    phases: dict[str, float] = {}  # CPU seconds of each phase
    last = [time.process_time(), None]

    def phase(key: str) -> None:
        now = time.process_time()
        if last[1] is not None:
            phases[last[1]] = phases.get(last[1], 0.0) + now - last[0]
        last[:] = [now, key]

    started = time.perf_counter()
    with Project.open(folder, backup=False) as project:
        info = project.train(phase=phase)
    phase("")
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time(), "phases": phases,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "documents": info.documents,
            "tokens": info.tokens, "sentences": info.sentences, "algorithm": info.algorithm, "folds": info.folds,
            "f1": {label: score.f1 for label, score in info.scores.items()}}


def training_figures(documents: int, keep: Path | None) -> dict:
    from corpus import write_corpus

    work = keep or Path(tempfile.mkdtemp(prefix="model-bench-"))
    folder = work / f"corpus-{documents}"
    try:
        started = time.perf_counter()
        if not (folder / "project.toml").exists():
            Project.create(folder).close()
        with Project.open(folder, backup=False) as project:
            if project.document_count() < documents:
                project.import_paths(write_corpus(work / f"texts-{documents}", documents))
            spans = label_with_rules(project)
        if spans:
            print(f"built {documents:,} documents with {spans:,} rule spans in {time.perf_counter() - started:.0f} s")
        (folder / "model.json").unlink(missing_ok=True)
        result = subprocess.run([sys.executable, __file__, "--train-here", str(folder)], capture_output=True,
                                text=True, check=True)
        return json.loads(result.stdout.splitlines()[-1])
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def latency_figures(runs: int) -> dict:
    from corpus import sample_paragraphs

    from annotator.core.paths import sample_articles_dir
    from annotator.core.suggest import Suggester

    work = Path(tempfile.mkdtemp(prefix="model-latency-"))
    try:
        paragraphs, body = sample_paragraphs(), []
        while sum(len(p) + 2 for p in body) < 5000:
            body.append(paragraphs[len(body) % len(paragraphs)])
        article = ("긴 기사: 지역 정책 모음\n\n" + "\n\n".join(body))[:5000].rstrip() + "\n"
        (work / "long").mkdir()
        (work / "long" / "long.txt").write_text(article, encoding="utf-8")
        with Project.create(work / "project") as project:
            project.import_paths([sample_articles_dir()])
            label_with_rules(project)
            project.import_paths([work / "long"], clean=False)
            long_id = max(project.store.document_ids())
            info = project.train()
            text, morphemes = project.document(long_id).text, project.morphemes(long_id)
            with_model = project.suggester
            rules_only = Suggester(project.schema, project.gazetteer_files, with_model._learned)

            def cold(suggester) -> tuple[float, float]:
                """(wall, CPU) seconds of suggesting for a document just opened."""
                suggester._last_fixed = suggester._last_model = None
                started, cpu = time.perf_counter(), time.process_time()
                suggester.suggest(text, morphemes)
                return time.perf_counter() - started, time.process_time() - cpu

            cold(with_model)  # the model is opened once per version
            rules, model = [], []
            for _ in range(runs):  # interleaved, so both meet the same load on a shared machine
                rules.append(cold(rules_only))
                model.append(cold(with_model))
            found = with_model.suggest(text, morphemes)
            return {"characters": len(text), "tokens": len(morphemes), "trained_on": info.documents,
                    "live": sorted(s for s in info.scores if info.scores[s].f1 and info.scores[s].f1 >= 0.7),
                    "rules_ms": _summary([t[0] for t in rules]), "rules_and_model_ms": _summary([t[0] for t in model]),
                    "rules_cpu_ms": _summary([t[1] for t in rules]),
                    "rules_and_model_cpu_ms": _summary([t[1] for t in model]),
                    "model_suggestions": sum(1 for s in found if s.source == "model"),
                    "with_confidence": sum(1 for s in found if s.confidence is not None)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"median": statistics.median(times) * 1e3, "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1e3}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument("--keep", type=Path, metavar="FOLDER", help="build the projects here (and reuse them)")
    parser.add_argument("--train-here", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.train_here:
        print(json.dumps(train_here(args.train_here)))
        return 0
    for documents in args.documents:
        figures = training_figures(documents, args.keep)
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in figures["phases"].items())
        print(f"train {documents:>6,} documents ({figures['tokens']:,} tokens, {figures['sentences']:,} sentences): "
              f"wall {figures['seconds']:.1f} s, CPU {figures['cpu']:.1f} s ({phases}), peak {figures['peak_mb']:.0f} MB, "
              f"{figures['algorithm']}, {figures['folds']} fold(s); F1 {json.dumps(figures['f1'])}")
    if not args.no_latency:
        figures = latency_figures(args.runs)
        print(f"suggest a {figures['characters']:,}-character article ({figures['tokens']:,} morphemes), "
              f"model trained on {figures['trained_on']} documents, live {figures['live']}: "
              f"rules {figures['rules_ms']['median']:.1f} ms (p95 {figures['rules_ms']['p95']:.1f}), "
              f"rules + model {figures['rules_and_model_ms']['median']:.1f} ms "
              f"(p95 {figures['rules_and_model_ms']['p95']:.1f}); CPU median: rules "
              f"{figures['rules_cpu_ms']['median']:.1f} ms, rules + model {figures['rules_and_model_cpu_ms']['median']:.1f} ms; "
              f"{figures['model_suggestions']} model-only "
              f"suggestions, {figures['with_confidence']} with a confidence")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
