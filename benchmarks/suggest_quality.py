"""Suggestion quality on the held-out evaluation set (benchmarks/eval/articles.jsonl).

Imports the articles into a temporary project, runs the suggesters of the
default schema, and prints strict precision, recall and F1 (exact start, end
and label) per label and overall.

    python benchmarks/suggest_quality.py [--eval FILE] [--errors] [--json]
                                         [--without RECOGNISER ...] [--learn-from N]

``--without`` switches recognisers off (to see what each contributes);
``--learn-from N`` stores the gold spans of the first N articles as a layer
first and scores the other articles, so the ``learned`` recogniser has
something to learn from.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import Project  # noqa: E402
from annotator.core.operations import AddSpans  # noqa: E402
from annotator.core.records import SpanDraft  # noqa: E402
from annotator.core.suggest import Suggester  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval" / "articles.jsonl"


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(gold_articles: list[dict], folder: Path, without: frozenset[str] = frozenset(),
             learn_from: int = 0) -> tuple[dict, list[tuple[str, str, str, str]]]:
    """Per-label counts {label: Counter(tp, fp, fn)} and the errors (kind, id, label, text)."""
    bare = folder / "articles.jsonl"
    bare.write_text("".join(json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) + "\n"
                            for a in gold_articles), encoding="utf-8")
    project = Project.create(folder / "project")
    try:
        report = project.import_paths([bare], clean=False)
        assert report.ok, report.rejected
        by_text = {d.text: d for d in project.documents()}
        for article in gold_articles[:learn_from]:
            doc_id = by_text[article["text"]].id
            project.apply(AddSpans([SpanDraft(doc_id, "teacher", s["start"], s["end"], s["label"])
                                    for s in article["spans"]]))
        schema = dataclasses.replace(project.schema, labels=tuple(
            dataclasses.replace(label, recognisers=tuple(r for r in label.recognisers if r not in without))
            for label in project.schema.labels))
        suggester = Suggester(schema, project.gazetteer_files, project.suggester._learned)
        counts: dict[str, Counter] = {label: Counter() for label in project.schema.label_names}
        errors = []
        for article in gold_articles[learn_from:]:
            document = by_text[article["text"]]
            gold = {(s["start"], s["end"], s["label"]) for s in article["spans"]}
            found = {(s.start, s.end, s.label) for s in suggester.suggest(document.text, project.morphemes(document.id))}
            for start, end, label in found | gold:
                kind = "tp" if (start, end, label) in gold and (start, end, label) in found else (
                    "fp" if (start, end, label) in found else "fn")
                counts[label][kind] += 1
                if kind != "tp":
                    errors.append((kind, article["id"], label, article["text"][start:end]))
        return counts, errors
    finally:
        project.close()


def scores(counter: Counter) -> dict[str, float]:
    tp, fp, fn = counter["tp"], counter["fp"], counter["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": tp + fn, "suggested": tp + fp}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--without", action="append", default=[], metavar="RECOGNISER",
                        help="switch a recogniser off (repeatable)")
    parser.add_argument("--learn-from", type=int, default=0, metavar="N",
                        help="store the gold of the first N articles as a layer, score the rest")
    args = parser.parse_args(argv)
    articles = load_gold(args.eval)
    with tempfile.TemporaryDirectory() as tmp:
        counts, errors = evaluate(articles, Path(tmp), frozenset(args.without), args.learn_from)
    table = {label: scores(c) for label, c in counts.items()}
    table["overall"] = scores(sum(counts.values(), Counter()))
    if args.json:
        print(json.dumps(table, indent=2))
    else:
        scored = len(articles) - args.learn_from
        print(f"{scored} articles, strict match (exact start, end, label)"
              + (f", without {', '.join(args.without)}" if args.without else "")
              + (f", learned from the first {args.learn_from}" if args.learn_from else "") + "\n")
        print(f"| label | gold | suggested | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|")
        for label, s in table.items():
            print(f"| {label} | {s['gold']} | {s['suggested']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    if args.errors:
        for kind, ident, label, text in sorted(errors, key=lambda e: (e[2], e[0], e[1])):
            print(f"{kind} {label:8} {ident:36} {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
