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
