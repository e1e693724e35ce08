"""Render the README's screenshots from the bundled samples in a temporary project, at 1280×800.

docs/screenshot.png: the first paragraphs of the first article labelled by
"kim" (suggestions accepted, then a few terms; the rest shows suggestions)
and some statuses set. docs/review.png (``--review``): kim and lee labelled
every article from the suggestions, lee differently here and there (a span
left out, an amount without its unit, another label), both marked the first
ten done, and lee flagged the eleventh (⚑ in the list); review mode opens the
first one ready.

    DISPLAY=:99 python scripts/readme_screenshot.py [OUT.png] [--lang en] [--review]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.errors import SpanError  # noqa: E402
from annotator.core.project import Project  # noqa: E402
from annotator.core.suggest import accept_operation  # noqa: E402
from annotator.gui.window.launch import launch  # noqa: E402

TERMS = [
    ("강원특별자치도", "AGENCY"), ("원주시가", "AGENCY"), ("과학기술정보통신부가", "AGENCY"), ("과기정통부는", "AGENCY"),
    ("강원테크노파크가", "AGENCY"), ("정보통신산업진흥원이", "AGENCY"), ("식약처", "AGENCY"),
    ("120억 원", "BUDGET"), ("300억 원", "BUDGET"), ("5천만 원의", "BUDGET"),
    ("디지털트윈", "TECH"), ("인공지능(AI)과", "TECH"), ("소프트웨어 의료기기", "TECH"), ("MRI", "TECH"), ("CT로", "TECH"),
    ("‘ICT 지역재창조 프로젝트’의", "PROGRAM"), ("‘원주 의료기기 디지털 전환 지원사업’을", "PROGRAM"),
]
LABELLED_UNTIL = "핵심은"  # from here on the article shows suggestions


def label_first_article(project: Project, annotator: str) -> int:
    document = project.document(project.store.document_ids()[0])
    until = document.text.find(LABELLED_UNTIL)
    accepted = [s for s in project.suggest(document.id, annotator) if s.end <= until]
    project.apply(accept_operation(accepted, document.id, annotator))  # with their amounts and canonical names
    added = len(accepted)
    for term, label in TERMS:
        start = document.text.find(term)
        while 0 <= start < until:
            try:
                project.add_span(document.id, start, start + len(term), label, annotator)
                added += 1
            except SpanError:
                pass  # already labelled inside a longer span
            start = document.text.find(term, start + len(term))
    return added


OTHER_LABEL = {"AGENCY": "PROGRAM", "TECH": "AGENCY", "PROGRAM": "TECH", "BUDGET": "BUDGET"}


def lee_differs(index: int, suggestion):
    """lee's version of a suggestion kim accepted as it was: the same, or left out, cut short, relabelled."""
    if index % 6 == 1:
        return None
    if index % 6 == 3 and suggestion.label == "BUDGET" and " " in suggestion.text:
        return suggestion.__class__(suggestion.start, suggestion.start + suggestion.text.rindex(" "),
                                    "BUDGET", suggestion.text[:suggestion.text.rindex(" ")])
    if index % 6 == 4:
        return suggestion.as_label(OTHER_LABEL[suggestion.label])
    return suggestion


def two_annotators(project: Project) -> None:
    ids = project.store.document_ids()
    for doc_id in ids:
        suggestions = project.suggest(doc_id, "kim")
        project.apply(accept_operation(suggestions, doc_id, "kim"))
        lee = [s for s in (lee_differs(i, s) for i, s in enumerate(suggestions)) if s is not None]
        project.apply(accept_operation(lee, doc_id, "lee"))
    for doc_id in ids[:10]:
        for name in ("kim", "lee"):
            project.set_status(doc_id, name, "done")
    project.set_status(ids[10], "lee", "flagged", "제목의 지명이 본문과 달라요")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?")
    parser.add_argument("--lang", default="ko")
    parser.add_argument("--review", action="store_true", help="two annotators, in review mode (docs/review.png)")
    args = parser.parse_args()
    out = args.out or str(ROOT / "docs" / ("review.png" if args.review else "screenshot.png"))
    with tempfile.TemporaryDirectory() as tmp:
        if args.review:
            with Project.create(Path(tmp) / "team") as project:
                project.import_samples()
                two_annotators(project)
            return launch(Path(tmp) / "team", annotator="kim", screenshot=out, lang=args.lang, review=True)
        with Project.create(Path(tmp) / "korean-policy") as project:
            project.import_samples()
            label_first_article(project, "kim")
            ids = project.store.document_ids()
            project.set_status(ids[0], "kim", "in_progress")
            for doc_id, status in zip(ids[3:8], ("done", "done", "skipped", "done", "flagged")):
                project.set_status(doc_id, "kim", status, "제목과 본문이 다름" if status == "flagged" else "")
        return launch(Path(tmp) / "korean-policy", annotator="kim", screenshot=out, lang=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
