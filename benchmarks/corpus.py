"""A generated corpus for benchmarks: the bundled sample articles, recombined and made distinct."""

from __future__ import annotations

import random
from pathlib import Path

from annotator.core.ingest.news import clean_article
from annotator.core.paths import sample_articles_dir
from annotator.core.text.normalize import normalize_text


def sample_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(sample_articles_dir().glob("*.txt")):
        body = clean_article(normalize_text(path.read_text(encoding="utf-8"))).text
        paragraphs.extend(p for p in body.split("\n\n")[1:] if len(p) > 40)
    return paragraphs


def generate_articles(count: int, seed: int = 7, paragraphs_per_article: int = 4) -> list[str]:
    """``count`` distinct articles of about 750 characters (title line, blank, paragraphs)."""
    rng = random.Random(seed)
    pool = sample_paragraphs()
    articles = []
    for i in range(count):
        chosen = rng.sample(pool, paragraphs_per_article)
        articles.append(f"정책 브리핑 {i:06d}호\n\n" + "\n\n".join(chosen) + f"\n\n(관리번호 {i:06d})\n")
    return articles


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(generate_articles(count, seed)):
        path = folder / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
