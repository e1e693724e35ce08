"""How fast does a large project export? jsonl and klue against a raw SELECT + json.dumps.

Builds a synthetic project (no Kiwi: fake one-morpheme-a-word analyses
packed with ``pack_morphemes``), then times, median of ``--runs``:

- raw: the same document and gold span rows read with two plain SELECTs and
  written as ``json.dumps(row)`` lines: the floor any exporter pays;
- ``Project.export("jsonl")`` and ``Project.export("klue")``.

    python benchmarks/export_speed.py                      # 100,000 documents, 1,000,000 spans
    python benchmarks/export_speed.py --documents 20000    # smaller
    python benchmarks/export_speed.py --keep /tmp/bench    # reuse the built project next time

Results are recorded in docs/performance.md ("Export").
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator import Project  # noqa: E402
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences  # noqa: E402
from annotator.core.records import GOLD, SpanDraft  # noqa: E402
from annotator.core.text.normalize import document_uid  # noqa: E402

# Invented vocabulary (not taken from any article).
WORDS = ("정부는", "올해", "지역", "산업", "육성을", "위해", "예산을", "편성했다", "기관이", "사업을", "맡는다",
         "새로운", "기술", "실증", "플랫폼을", "구축하고", "기업", "지원을", "늘린다", "연구", "센터가", "문을", "연다")
ENTITIES = (("BUDGET", "120억 원"), ("BUDGET", "3조2,000억원"), ("AGENCY", "행정안전부"), ("AGENCY", "세종시"),
            ("TECH", "인공지능"), ("TECH", "디지털트윈"), ("PROGRAM", "스마트 항만 실증사업"))


def synthetic_document(rng: random.Random, number: int, spans: int, words: int):
    """Text of ``words`` filler words with ``spans`` entities spread through it, 8 words a sentence."""
    pieces: list[tuple[str, str | None]] = [(rng.choice(WORDS), None) for _ in range(words)]
    for slot in rng.sample(range(words), spans):
        label, entity = rng.choice(ENTITIES)
        pieces[slot] = (entity, label)
    text_parts, morphemes, sentences, found = [], [], [], []
    position, sentence_start = 0, 0
    for index, (word, label) in enumerate(pieces):
        if label:
            found.append((position, position + len(word), label))
        for part in word.split(" "):
            morphemes.append(Morpheme(position, position + len(part), "NNG"))
            position += len(part) + 1
        end_of_sentence = index % 8 == 7 or index == len(pieces) - 1
        text_parts.append(word + ("." if end_of_sentence else ""))
        if end_of_sentence:
            morphemes.append(Morpheme(position - 1, position, "SF"))
            position += 1
            sentences.append((sentence_start, position - 1))
            sentence_start = position
    text = f"문서 {number}: " + " ".join(text_parts)
    shift = len(f"문서 {number}: ")
    return (text, [Morpheme(m.start + shift, m.end + shift, m.tag) for m in morphemes],
            [(s + shift, e + shift) for s, e in sentences], [(s + shift, e + shift, label) for s, e, label in found])


def build(folder: Path, documents: int, spans_per_document: int, words: int, seed: int) -> float:
    started = time.perf_counter()
    project = Project.create(folder)
    rng = random.Random(seed)
    store = project.store
    for first in range(0, documents, 5000):
        with store.transaction():
            drafts = []
            for number in range(first, min(first + 5000, documents)):
                text, morphemes, sentences, spans = synthetic_document(rng, number, spans_per_document, words)
                doc_id = store.insert_document(uid=document_uid(text), title=f"문서 {number}", text=text, raw=None,
                                               meta={"n": number}, source="benchmark", encoding="utf-8",
                                               morphemes=pack_morphemes(morphemes), sentences=pack_sentences(sentences))
                for start, end, label in spans:
                    attrs = {"amount": "12000000000", "currency": "KRW"} if label == "BUDGET" else {}
                    drafts.append(SpanDraft(doc_id, GOLD, start, end, label, attrs))
            store.insert_spans(drafts)
    project.close()
    return time.perf_counter() - started


def raw_baseline(project: Project, out: Path) -> None:
    """Plain SELECTs and json.dumps of the same rows: the floor (benchmark only; the app's SQL lives in stores)."""
    conn = project.store.conn
    with open(out, "w", encoding="utf-8") as handle:
        for row in conn.execute("SELECT id, uid, title, text, meta FROM documents ORDER BY id"):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        for row in conn.execute("SELECT doc_id, start, end, label, attrs FROM spans WHERE annotator = ?"
                                " ORDER BY doc_id, start", (GOLD,)):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def timed(function, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--spans-per-document", type=int, default=10)
    parser.add_argument("--words", type=int, default=60, help="words per document (about 5 characters each)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="FOLDER", help="build the project here (and reuse it if present)")
    args = parser.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="export-bench-"))
    folder = work / "project"
    try:
        if not (folder / "project.toml").exists():
            seconds = build(folder, args.documents, args.spans_per_document, args.words, args.seed)
            print(f"built {args.documents:,} documents, {args.documents * args.spans_per_document:,} spans "
                  f"in {seconds:.1f} s")
        with Project.open(folder) as project:
            counts = project.stats()
            print(f"project: {counts['documents']:,} documents, {counts['characters']:,} characters, "
                  f"{counts['spans']:,} spans; median of {args.runs} runs")
            raw, raw_times = timed(lambda: raw_baseline(project, work / "raw.jsonl"), args.runs)
            print(f"raw SELECT + json.dumps   {raw:7.2f} s  {[round(t, 2) for t in raw_times]}")
            for fmt, name in (("jsonl", "out.jsonl"), ("klue", "out.tsv")):  # the built gold is not adjudicated
                median, times = timed(lambda: project.export(fmt, work / name, status="all"), args.runs)
                size = (work / name).stat().st_size / 1e6
                print(f"export {fmt:<6}              {median:7.2f} s  {[round(t, 2) for t in times]}"
                      f"  {median / raw:4.2f}x raw  ({size:,.0f} MB)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
