"""Suggestion quality on the held-out evaluation set (benchmarks/eval/articles.jsonl).

Imports the articles into a temporary project, runs the suggesters of the
default schema, and prints strict precision, recall and F1 (exact start, end
and label) per label and overall.

    python benchmarks/suggest_quality.py [--eval FILE] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import Project  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval" / "articles.jsonl"


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(gold_articles: list[dict], folder: Path) -> tuple[dict, list[tuple[str, str, str, str]]]:
    """Per-label counts {label: Counter(tp, fp, fn)} and the errors (kind, id, label, text)."""
    bare = folder / "articles.jsonl"
    bare.write_text("".join(json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) + "\n"
                            for a in gold_articles), encoding="utf-8")
    project = Project.create(folder / "project")
    try:
        report = project.import_paths([bare], clean=False)
        assert report.ok, report.rejected
        by_text = {d.text: d for d in project.documents()}
        counts: dict[str, Counter] = {label: Counter() for label in project.schema.label_names}
        errors = []
        for article in gold_articles:
            document = by_text[article["text"]]
            gold = {(s["start"], s["end"], s["label"]) for s in article["spans"]}
            found = {(s.start, s.end, s.label) for s in project.suggest(document.id)}
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
    args = parser.parse_args(argv)
    articles = load_gold(args.eval)
    with tempfile.TemporaryDirectory() as tmp:
        counts, errors = evaluate(articles, Path(tmp))
    table = {label: scores(c) for label, c in counts.items()}
    table["overall"] = scores(sum(counts.values(), Counter()))
    if args.json:
        print(json.dumps(table, indent=2))
    else:
        print(f"{len(articles)} articles, strict match (exact start, end, label)\n")
        print(f"| label | gold | suggested | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|")
        for label, s in table.items():
            print(f"| {label} | {s['gold']} | {s['suggested']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    if args.errors:
        for kind, ident, label, text in sorted(errors, key=lambda e: (e[2], e[0], e[1])):
            print(f"{kind} {label:8} {ident:36} {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
