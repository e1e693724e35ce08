"""The held-out evaluation set is well formed (benchmarks/eval/articles.jsonl)."""

import json
import unicodedata

import pytest

from ..conftest import ROOT

EVAL = ROOT / "benchmarks" / "eval"


@pytest.mark.parametrize("name, at_least", [("articles.jsonl", 10), ("late-check.jsonl", 4)])
def test_eval_articles_and_offsets(name, at_least):
    articles = [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(articles) >= at_least
    assert len({a["id"] for a in articles}) == len(articles)
    labels = set()
    for article in articles:
        text = article["text"]
        assert 400 <= len(text) <= 900, article["id"]
        assert unicodedata.normalize("NFC", text) == text
        previous_end = 0
        for span in sorted(article["spans"], key=lambda s: s["start"]):
            assert text[span["start"]:span["end"]] == span["text"], (article["id"], span)
            assert span["start"] >= previous_end, (article["id"], span)  # no overlaps
            assert span["text"] == span["text"].strip()
            previous_end = span["end"]
            labels.add(span["label"])
    assert labels == {"BUDGET", "AGENCY", "TECH", "PROGRAM"}


@pytest.mark.parametrize("name, count", [("model-train.jsonl", 28), ("model-heldout.jsonl", 14)])
def test_model_articles_are_well_formed_and_apart_from_the_rules_set(name, count):
    """The model's training and held-out articles (benchmarks/model_curve.py): five labels, PERSON
    among them, and no text shared with each other or with the set the rules were tuned on."""
    def read(file):
        return [json.loads(line) for line in (EVAL / file).read_text(encoding="utf-8").splitlines() if line.strip()]

    articles = read(name)
    assert len(articles) == count and len({a["id"] for a in articles}) == count
    for article in articles:
        text = article["text"]
        assert 300 <= len(text) <= 900 and unicodedata.normalize("NFC", text) == text, article["id"]
        previous_end = 0
        for span in sorted(article["spans"], key=lambda s: s["start"]):
            assert text[span["start"]:span["end"]] == span["text"] == span["text"].strip(), (article["id"], span)
            assert span["start"] >= previous_end, (article["id"], span)
            previous_end = span["end"]
    assert {s["label"] for a in articles for s in a["spans"]} == {"BUDGET", "AGENCY", "TECH", "PROGRAM", "PERSON"}
    others = {a["text"] for file in ("articles.jsonl", "late-check.jsonl", "model-train.jsonl", "model-heldout.jsonl")
              if file != name for a in read(file)}
    assert not {a["text"] for a in articles} & others
