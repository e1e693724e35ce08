"""Small labelled projects for the model's tests, built through the store without Kiwi.

Morphemes come from a rough analyser (Hangul, Latin, number and symbol runs;
a trailing particle split off a Hangul run), enough for the CRF's tokens.
"""

from __future__ import annotations

import random
import re

from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.operations import AddSpans
from annotator.core.records import SpanDraft
from annotator.core.text.normalize import document_uid

_PIECE = re.compile(r"[가-힣]+|[A-Za-z]+|[0-9][0-9,.]*|\S")
PARTICLES = ("에서", "으로", "은", "는", "이", "가", "을", "를", "에", "의", "와", "과", "도", "로")
NAMES = ["김민수", "이서연", "박지훈", "최영희", "정다민", "강태호", "윤하늘", "조성민", "한지우", "오세린",
         "임도현", "신유나", "배준호", "송아름", "홍석진", "문채원"]
AGENCIES = ["원주시", "대구시", "환경부", "국토교통부", "과기정통부", "식약처", "부산시", "해양수산부"]
TITLES = ["장관", "시장", "원장", "교수", "과장", "대표"]


def rough_morphemes(text: str) -> list[Morpheme]:
    found = []
    for match in _PIECE.finditer(text):
        piece, start = match.group(), match.start()
        if "가" <= piece[0] <= "힣":
            particle = next((p for p in PARTICLES if piece.endswith(p) and len(piece) > len(p) + 1), None)
            if particle:
                cut = start + len(piece) - len(particle)
                found += [Morpheme(start, cut, "NNP"), Morpheme(cut, match.end(), "JKS")]
                continue
            found.append(Morpheme(start, match.end(), "NNG"))
        elif piece[0].isdigit():
            found.append(Morpheme(start, match.end(), "SN"))
        elif piece.isascii() and piece.isalpha():
            found.append(Morpheme(start, match.end(), "SL"))
        else:
            found.append(Morpheme(start, match.end(), "SF" if piece in ".?!" else "SW"))
    return found


def store_document(project, text: str) -> int:
    with project.store.transaction():
        return project.store.insert_document(
            uid=document_uid(text), title=text.split("\n", 1)[0], text=text, raw=None, meta={}, source="test",
            encoding="utf-8", morphemes=pack_morphemes(rough_morphemes(text)),
            sentences=pack_sentences([(0, len(text))]))


def person_article(rng: random.Random, number: int) -> tuple[str, list[tuple[int, int, str]]]:
    """A short article naming people (PERSON) and agencies (AGENCY): (text, spans)."""
    text, spans = f"정책 소식 {number}\n", []

    def add(*parts) -> None:
        nonlocal text
        for part in parts:
            if isinstance(part, tuple):
                spans.append((len(text), len(text) + len(part[0]), part[1]))
                part = part[0]
            text += part

    for _ in range(4):
        name, agency, title = (rng.choice(NAMES), "PERSON"), (rng.choice(AGENCIES), "AGENCY"), rng.choice(TITLES)
        pattern = rng.randrange(3)
        if pattern == 0:
            add(agency, "는 ", name, f" {title}이 새 계획을 발표했다고 밝혔다.\n")
        elif pattern == 1:
            add(name, f" {title}은 ", agency, "에서 열린 회의에 참석했다.\n")
        else:
            add("이날 ", agency, "의 ", name, f" {title}도 의견을 냈다.\n")
    return text, spans


def labelled_project(project, documents: int, annotator: str = "kim", seed: int = 3, done: bool = True) -> list[int]:
    """``documents`` person articles labelled in ``annotator`` 's layer (marked done): their ids."""
    rng = random.Random(seed)
    ids = []
    for number in range(documents):
        text, spans = person_article(rng, number)
        doc_id = store_document(project, text)
        project.apply(AddSpans([SpanDraft(doc_id, annotator, s, e, label) for s, e, label in spans]))
        if done:
            project.set_status(doc_id, annotator, "done")
        ids.append(doc_id)
    return ids
