"""The model's learning curve on a held-out set, with the rules off and on, and a label no rule knows.

Training pool: ``eval/model-train.jsonl`` (28 articles written for the model,
labelled BUDGET, AGENCY, TECH, PROGRAM and PERSON) and the 16 articles of
``eval/articles.jsonl`` and ``eval/late-check.jsonl`` (no person is named in
them). Held out: ``eval/model-heldout.jsonl`` (14 articles written with the
training articles and never trained on or tuned against).

For each training size (5, 10, 20, 40 documents) and each of ``--draws``
seeded draws from the pool, the drawn articles are stored as a layer marked
done in a project whose schema adds PERSON (recognisers: ``model`` only), and
scored strictly (exact start, end, label) on the held-out articles:

- rules: the rule recognisers as they work today, ``learned`` included (it
  learns the strings of the drawn articles);
- model (rule features off): the CRF alone, trained without the rules' hits;
- model (rule features on): the CRF alone, with the rules' hits as features;
- rules + model: what the workbench suggests, the model gated per label
  by its k-fold F1 (threshold 0.7) and merged with the rules.

Figures are means over the draws.

    python benchmarks/model_curve.py [--sizes 5 10 20 40] [--draws 3] [--json]

Results are recorded in docs/suggestions.md ("The model").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from suggest_quality import load_gold, scores  # noqa: E402

from annotator import Project  # noqa: E402
from annotator.core.model.features import tokens_of  # noqa: E402
from annotator.core.operations import AddSpans  # noqa: E402
from annotator.core.paths import default_schema_path  # noqa: E402
from annotator.core.records import SpanDraft  # noqa: E402
from annotator.core.suggest import Suggester  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"
LABELS = ("BUDGET", "AGENCY", "TECH", "PROGRAM", "PERSON")
PERSON = '\n[[labels]]\nname = "PERSON"\nkey = "5"\nkorean = "인물"\ncolor = "#9b5de5"\nrecognisers = ["model"]\n'
DEFAULT = "overall without PERSON"
METHODS = ("rules", "model, rule features off", "model, rule features on", "rules + model")


def pool_and_held_out() -> tuple[list[dict], list[dict]]:
    pool = load_gold(EVAL / "model-train.jsonl") + load_gold(EVAL / "articles.jsonl") + load_gold(
        EVAL / "late-check.jsonl")
    return pool, load_gold(EVAL / "model-heldout.jsonl")


def imported_project(folder: Path, articles: list[dict]) -> tuple[Project, dict[str, int]]:
    schema = folder / "schema.toml"
    schema.write_text(default_schema_path().read_text(encoding="utf-8") + PERSON, encoding="utf-8")
    bare = folder / "articles.jsonl"
    bare.write_text("".join(json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) + "\n"
                            for a in articles), encoding="utf-8")
    project = Project.create(folder / "project", schema)
    report = project.import_paths([bare], clean=False)
    assert report.ok, report.rejected
    by_text = {d.text: d.id for d in project.documents()}
    return project, {a["id"]: by_text[a["text"]] for a in articles}


def tally(counts: dict[str, Counter], gold: set, found: set) -> None:
    for start, end, label in found | gold:
        if label in counts:
            kind = "tp" if (start, end, label) in gold and (start, end, label) in found else (
                "fp" if (start, end, label) in found else "fn")
            counts[label][kind] += 1


def run(training: list[dict], held_out: list[dict], work: Path) -> dict[str, dict[str, Counter]]:
    """Counts per method and label for one draw."""
    project, ids = imported_project(work, training + held_out)
    try:
        for article in training:
            doc_id = ids[article["id"]]
            project.apply(AddSpans([SpanDraft(doc_id, "teacher", s["start"], s["end"], s["label"])
                                    for s in article["spans"]]))
            project.set_status(doc_id, "teacher", "done")
        counts = {method: {label: Counter() for label in LABELS} for method in METHODS}
        rules = Suggester(project.schema, project.gazetteer_files, project.suggester._learned)
        for article in held_out:
            doc_id = ids[article["id"]]
            text, morphemes = article["text"], project.morphemes(doc_id)
            gold = {(s["start"], s["end"], s["label"]) for s in article["spans"]}
            tally(counts["rules"], gold, {(s.start, s.end, s.label) for s in rules.suggest(text, morphemes)})
        for rule_features, method in ((False, METHODS[1]), (True, METHODS[2])):
            project.train(rule_features=rule_features)
            crf = project.model_files.current().crf
            for article in held_out:
                doc_id = ids[article["id"]]
                text, morphemes = article["text"], project.morphemes(doc_id)
                hits = project.suggester.rule_candidates(text, morphemes) if rule_features else ()
                gold = {(s["start"], s["end"], s["label"]) for s in article["spans"]}
                tagged = crf.tag(text, tokens_of(text, morphemes), hits)
                tally(counts[method], gold, {(s.start, s.end, s.label) for s in tagged.spans})
        for article in held_out:  # the last model trained (rule features on), gated, with the rules
            doc_id = ids[article["id"]]
            gold = {(s["start"], s["end"], s["label"]) for s in article["spans"]}
            tally(counts["rules + model"], gold, {(s.start, s.end, s.label) for s in project.suggest(doc_id)})
        return counts
    finally:
        project.close()


def curve(sizes: list[int], draws: int, pool: list[dict], held_out: list[dict],
          restrict: list[dict] | None = None) -> dict:
    """{size: {method: {label: mean F1}}} over ``draws`` seeded draws (from ``restrict`` if given)."""
    source = restrict or pool
    results = {}
    for size in sizes:
        per_method: dict[str, dict[str, list[float]]] = {m: {label: [] for label in LABELS + ("overall", DEFAULT)}
                                                          for m in METHODS}
        for draw in range(draws):
            training = random.Random(f"{size}:{draw}").sample(source, size)
            with tempfile.TemporaryDirectory() as tmp:
                counts = run(training, held_out, Path(tmp))
            for method, by_label in counts.items():
                for label, counter in by_label.items():
                    per_method[method][label].append(scores(counter)["f1"])
                per_method[method]["overall"].append(scores(sum(by_label.values(), Counter()))["f1"])
                per_method[method][DEFAULT].append(
                    scores(sum((c for label, c in by_label.items() if label != "PERSON"), Counter()))["f1"])
            print(f"  {size} documents, draw {draw + 1}: " + ", ".join(
                f"{m} {per_method[m]['overall'][-1]:.3f}" for m in METHODS), file=sys.stderr)
        results[size] = {m: {label: sum(v) / len(v) for label, v in by_label.items()}
                         for m, by_label in per_method.items()}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5, 10, 20, 40])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pool, held_out = pool_and_held_out()
    results = {"curve": curve(args.sizes, args.draws, pool, held_out),
               "person_after_20_new_articles": curve([20], args.draws, pool, held_out,
                                                     restrict=load_gold(EVAL / "model-train.jsonl"))[20]}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    gold = Counter(s["label"] for a in held_out for s in a["spans"])
    print(f"held out: {len(held_out)} articles, {sum(gold.values())} spans ({dict(gold)}); "
          f"strict F1, mean of {args.draws} draws\n")
    print("| documents | method | " + " | ".join(LABELS) + " | overall | without PERSON |\n|---|---|"
          + "---:|" * (len(LABELS) + 2))
    for size, by_method in results["curve"].items():
        for method, row in by_method.items():
            print(f"| {size} | {method} | " + " | ".join(f"{row[label]:.3f}" for label in LABELS)
                  + f" | {row['overall']:.3f} | {row[DEFAULT]:.3f} |")
    person = results["person_after_20_new_articles"]
    print(f"\nPERSON after 20 of the new articles: model (rule features on) "
          f"{person['model, rule features on']['PERSON']:.3f}, off {person['model, rule features off']['PERSON']:.3f}, "
          f"rules + model {person['rules + model']['PERSON']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
