"""Agreement figures against hand-worked examples and against scikit-learn and ``krippendorff``."""

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.review.agreement import AlphaTally, cohen_kappa

from .synthetic import Words, numbered_text
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)

LABELS = ("BUDGET", "AGENCY", "TECH", "PROGRAM")


@pytest.fixture
def pair(project):
    """Ten one-morpheme words; A and B mark:
        word:  0     1  2     3     4  5  6     7  8     9
        A:     B-AG  O  B-BU  I-BU  O  O  B-TE  O  O     O
        B:     B-AG  O  B-BU  O     O  O  B-PR  O  B-TE  O
    """
    w = Words(project, numbered_text(10))
    w.mark("a", 0, 0, "AGENCY")
    w.mark("a", 2, 3, "BUDGET")
    w.mark("a", 6, 6, "TECH")
    w.mark("b", 0, 0, "AGENCY")
    w.mark("b", 2, 2, "BUDGET")
    w.mark("b", 6, 6, "PROGRAM")
    w.mark("b", 8, 8, "TECH")
    for name in "ab":
        project.set_status(w.doc_id, name, "done")
    return w


def test_hand_worked_pair(project, pair):
    report = project.agreement().to_dict()
    [p] = report["pairs"]
    assert (p["a"], p["b"], p["documents"], p["document_ids"]) == ("a", "b", 1, [pair.doc_id])
    # Strict: one exact match (w0 AGENCY) of 3 + 4 spans: 2·1 / 7.
    assert p["f1_strict"] == pytest.approx(2 / 7)
    # Lenient: A's w0 and w2–3 are overlapped by a same-label span of B (recall 2/3); B's w0 and w2 by A's
    # (precision 2/4). F1 = 2·(1/2)(2/3) / (1/2 + 2/3) = 4/7.
    assert p["f1_lenient"] == pytest.approx(4 / 7)
    # κ over 10 morphemes: 7 agree (w0 w1 w2 w4 w5 w7 w9), po = 0.7.
    # Marginals A: B-AG 1, O 6, B-BU 1, I-BU 1, B-TE 1; B: B-AG 1, O 6, B-BU 1, B-PR 1, B-TE 1.
    # pe = (1·1 + 6·6 + 1·1 + 1·0 + 1·1 + 0·1) / 100 = 0.39; κ = (0.7 − 0.39) / 0.61.
    assert p["kappa"] == pytest.approx(0.31 / 0.61)
    assert p["units"] == 10
    # α: 10 units × 2 coders, n = 20. Marginals O 12, B-AG 2, B-BU 2, I-BU 1, B-TE 2, B-PR 1 → Σn² = 158.
    # Diagonal of the coincidences: 2 per agreeing unit = 14. α = 1 − 19·(20 − 14) / (400 − 158) = 128/242.
    assert report["alpha"] == pytest.approx(128 / 242)
    assert p["labels"]["AGENCY"] == {"f1_strict": 1.0, "f1_lenient": 1.0, "spans_a": 1, "spans_b": 1, "exact": 1}
    assert p["labels"]["TECH"]["f1_strict"] == 0.0 and p["labels"]["PROGRAM"]["spans_a"] == 0
    # Pooled per label over pairs (one pair here) and spans per annotator for the dashboard.
    assert report["labels"]["BUDGET"]["f1_lenient"] == 1.0
    assert report["labels"]["TECH"]["spans"] == {"a": 1, "b": 1}
    assert report["progress"]["b"] == {"done": 1, "statuses": {"done": 1}, "spans": 4,
                                       "labels": {"AGENCY": 1, "BUDGET": 1, "PROGRAM": 1, "TECH": 1}}


def test_label_filter_and_unfinished_documents(project, pair):
    report = project.agreement(label="BUDGET").to_dict()
    [p] = report["pairs"]
    assert (p["spans_a"], p["spans_b"], p["f1_strict"], p["f1_lenient"]) == (1, 1, 0.0, 1.0)
    # BIO with BUDGET only: A = B-BU I-BU on w2–3, B = B-BU on w2: 9 of 10 agree.
    # pe = (8·9 + 1·1 + 1·0) / 100 = 0.73; κ = (0.9 − 0.73) / 0.27.
    assert p["kappa"] == pytest.approx(0.17 / 0.27)
    other = Words(project, numbered_text(5, "z"))
    other.mark("a", 0, 0, "TECH")
    project.set_status(other.doc_id, "a", "done")
    project.set_status(other.doc_id, "b", "in_progress")
    assert project.agreement().to_dict()["pairs"][0]["document_ids"] == [pair.doc_id]
    everything = project.agreement(all_documents=True).to_dict()
    assert everything["pairs"][0]["document_ids"] == [pair.doc_id, other.doc_id]
    assert everything["basis"] == "all documents" and everything["documents_counted"] == 2


def test_label_counts_come_from_the_compared_documents(project, pair):
    """Issue 12, bug 8: F1 over the compared documents was shown beside span counts over all documents."""
    unfinished = Words(project, numbered_text(6, "u"))
    for word in range(5):
        unfinished.mark("a", word, word, "BUDGET")  # a is still working on it: not compared
    unfinished.mark("b", 5, 5, "BUDGET")
    project.set_status(unfinished.doc_id, "b", "done")
    report = project.agreement().to_dict()
    [p] = report["pairs"]
    for label, row in report["labels"].items():
        assert row["spans"] == {"a": p["labels"].get(label, {}).get("spans_a", 0),
                                "b": p["labels"].get(label, {}).get("spans_b", 0)}, label
    assert report["labels"]["BUDGET"]["spans"] == {"a": 1, "b": 1}
    assert report["progress"]["a"]["labels"]["BUDGET"] == 6  # progress still counts the whole project
    everything = project.agreement(all_documents=True).to_dict()
    assert everything["labels"]["BUDGET"]["spans"] == {"a": 6, "b": 2}


def test_nothing_to_compare(project):
    w = Words(project, numbered_text(3))
    w.mark("a", 0, 0, "TECH")
    report = project.agreement().to_dict()
    assert report["pairs"] == [] and report["alpha"] is None and report["progress"]["a"]["spans"] == 1
    assert cohen_kappa({(0, 0): 5}) is None  # one tag only: chance agreement is total
    assert project.agreement(["a", "b"], all_documents=True).to_dict()["pairs"][0]["f1_strict"] == 0.0


def _random_project(project, rng, documents=6):
    """Random documents and three random layers; c skips some documents (missing values for α)."""
    truth = {}
    for d in range(documents):
        w = Words(project, numbered_text(rng.randint(8, 30), f"r{d}"))
        for name in ("a", "b", "c"):
            if name == "c" and d % 3 == 0:
                continue
            project.set_status(w.doc_id, name, "done")
            i = 0
            while i < len(w.bounds):
                if rng.random() < 0.35:
                    last = min(len(w.bounds) - 1, i + rng.randint(0, 2))
                    w.mark(name, i, last, rng.choice(LABELS))
                    i = last + 1
                i += 1
        truth[w.doc_id] = w
    return truth


def _bio(project, w, name):
    """Morpheme tags written the slow, obvious way: one morpheme per word here."""
    tags = ["O"] * len(w.bounds)
    for span in project.spans(w.doc_id, name):
        inside = [i for i, (s, e) in enumerate(w.bounds) if s < span.end and span.start < e]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + span.label
    return tags


@pytest.mark.parametrize("seed", range(4))
def test_kappa_and_alpha_match_reference_libraries(project, seed):
    docs = _random_project(project, random.Random(seed))
    report = project.agreement().to_dict()
    codes: dict[str, int] = {}
    rows = {name: [] for name in "abc"}
    for doc_id, w in docs.items():
        coders = [n for n in "abc" if project.status(doc_id, n).status == "done"]
        for name in "abc":
            tags = _bio(project, w, name) if name in coders else [None] * len(w.bounds)
            rows[name] += [np.nan if t is None else codes.setdefault(t, len(codes)) for t in tags]
    expected_alpha = krippendorff.alpha(reliability_data=np.array([rows[n] for n in "abc"], dtype=float),
                                        level_of_measurement="nominal")
    assert report["alpha"] == pytest.approx(expected_alpha, abs=1e-9)
    for p in report["pairs"]:
        a, b = np.array(rows[p["a"]]), np.array(rows[p["b"]])
        both = ~np.isnan(a) & ~np.isnan(b)
        assert p["units"] == both.sum()
        assert p["kappa"] == pytest.approx(cohen_kappa_score(a[both], b[both]), abs=1e-9)


def test_alpha_tally_matches_krippendorff_with_missing_values():
    rng = random.Random(11)
    data = [[rng.choice([0, 1, 2, None]) for _ in range(40)] for _ in range(4)]
    tally = AlphaTally()
    for unit in zip(*data):
        tally.add_unit([v for v in unit if v is not None])
    expected = krippendorff.alpha(reliability_data=np.array(
        [[math.nan if v is None else v for v in row] for row in data], dtype=float), level_of_measurement="nominal")
    assert tally.alpha == pytest.approx(expected, abs=1e-9)
