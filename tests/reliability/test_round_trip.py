"""Property: any text and any non-overlapping spans survive export → import unchanged
(doccano's UTF-16 offsets, Prodigy's and our own code points), emoji and all."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences
from annotator.core.operations import AddSpans
from annotator.core.records import GOLD, SpanDraft
from annotator.core.text.normalize import document_uid, normalize_text

PIECES = ["원주시", "가", " ", "\n", "😀", "🇰🇷", "120억 원", "AI", "(", ")", "‘", "’", "과기정통부", "x", "é"]


@st.composite
def documents(draw):
    text = normalize_text("".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))))
    if not text.strip():
        text = "원주시" + text
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))) | {0, len(text)})
    spans = []
    for start, end in zip(cuts, cuts[1:]):
        if end > start and text[start:end].strip() and draw(st.booleans()):
            spans.append((start, end, draw(st.sampled_from(["BUDGET", "AGENCY", "TECH", "PROGRAM"]))))
    return text, spans


def stored_project(folder, text, spans) -> Project:
    project = Project.create(folder)
    with project.store.transaction():
        doc_id = project.store.insert_document(
            uid=document_uid(text), title="t", text=text, raw=None, meta={}, source="", encoding="utf-8",
            morphemes=pack_morphemes([Morpheme(i, i + 1, "NNG") for i in range(len(text)) if not text[i].isspace()]),
            sentences=pack_sentences([(0, len(text))]))
    project.apply(AddSpans([SpanDraft(doc_id, GOLD, s, e, label) for s, e, label in spans]))
    project.mark_adjudicated(doc_id)
    return project


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(document=documents())
def test_export_then_import_gives_back_the_same_spans(tmp_path_factory, document):
    text, spans = document
    folder = tmp_path_factory.mktemp("rt")
    with stored_project(folder / "p", text, spans) as project:
        for fmt in ("doccano", "prodigy", "jsonl"):
            out = folder / f"{fmt}.jsonl"
            project.export(fmt, out, source=GOLD)
            if not spans:
                continue  # an adjudicated document without spans is written; nothing to read back
            with Project.create(folder / f"back-{fmt}") as back:
                report = back.import_paths([out], fmt=fmt, annotator="back")
                assert report.ok, report.rejected
                [doc] = list(back.documents())
                assert doc.text == text
                assert [(s.start, s.end, s.label) for s in back.spans(doc.id, "back")] == sorted(spans)
