"""Small exact corpora for the export consumer tests, stored without Kiwi.

A template marks morpheme boundaries with ``/`` and spans with
``[text|LABEL]``; sentences end at ``". "``. Every piece between spaces,
``/`` and span edges is one stored morpheme, so particles are morphemes of
their own (``[세종시|AGENCY]/가`` → 세종시 + 가), as Kiwi gives them.
"""

from __future__ import annotations

import dataclasses
import re

from annotator import Project
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.paths import default_schema_path
from annotator.core.records import GOLD, SpanDraft, Status
from annotator.core.review.merged_view import ADJUDICATED
from annotator.core.schema import load_schema
from annotator.core.text.normalize import document_uid

_MARK = re.compile(r"\[([^|\]]+)\|([A-Z]+)\]|/|([^\[/]+)")

AGENCIES = ("행정안전부", "세종시", "대전시", "식약처", "교육부", "원주시")
TECHS = ("인공지능", "디지털트윈", "자율주행", "양자컴퓨터")
PROGRAMS = ("스마트 항만 실증사업", "지역 디지털 혁신 프로젝트", "재난 예측 플랫폼 구축사업")


def parse(template: str):
    """(text, morphemes, spans, sentences) of a template."""
    text, cuts, spans = "", [0], []
    for match in _MARK.finditer(template):
        inside, label, plain = match.groups()
        if inside is not None:
            start = len(text)
            for number, piece in enumerate(inside.split("/")):
                if number:
                    cuts.append(len(text))
                text += piece
            spans.append((start, len(text), label))
            cuts += [start, len(text)]
        elif plain is not None:
            text += plain
        else:
            cuts.append(len(text))
    cuts.append(len(text))
    morphemes = []
    points = sorted(set(cuts))
    for start, end in zip(points, points[1:]):
        morphemes += [Morpheme(start + m.start(), start + m.end(), "NNG") for m in re.finditer(r"\S+", text[start:end])]
    sentences, start = [], 0
    for match in re.finditer(r"\. ", text):
        sentences.append((start, match.start() + 1))
        start = match.end()
    sentences.append((start, len(text)))
    return text, morphemes, spans, sentences


def store_templates(project: Project, templates, adjudicated: bool = True) -> None:
    with project.store.transaction():
        for template in templates:
            text, morphemes, spans, sentences = parse(template)
            doc_id = project.store.insert_document(
                uid=document_uid(text), title=text[:20], text=text, raw=None, meta={}, source="test",
                encoding="utf-8", morphemes=pack_morphemes(morphemes), sentences=pack_sentences(sentences))
            project.store.insert_spans([SpanDraft(doc_id, "gold", s, e, label) for s, e, label in spans])
            if adjudicated:  # gold a reviewer finished
                project.store.write_status(Status(doc_id, GOLD, ADJUDICATED))


def policy_sentences(count: int) -> list[str]:
    """``count`` invented two-sentence articles with an agency, a technology, an amount and a programme."""
    return [f"[{AGENCIES[n % 6]}|AGENCY]/는 올해 [{TECHS[n % 4]}|TECH] 사업/에 국비 [{n + 2}/억 원|BUDGET]/을 "
            f"투입/한다/. [{AGENCIES[(n + 1) % 6]}|AGENCY]/도 [{PROGRAMS[n % 3]}|PROGRAM]/에 참여/했/다/."
            for n in range(count)]


def corpus_project(templates, overlap: str = "forbid", adjudicated: bool = True) -> Project:
    schema = dataclasses.replace(load_schema(default_schema_path()), overlap=overlap)
    project = Project.in_memory(schema)
    store_templates(project, templates, adjudicated)
    return project
