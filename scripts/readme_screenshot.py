"""Render docs/screenshot.png: the bundled samples in a temporary project, with
the first paragraphs of the first article labelled by "kim" (suggestions
accepted, then a few terms; the rest shows suggestions) and some statuses set, at 1280×800.

    DISPLAY=:99 python scripts/readme_screenshot.py [OUT.png] [--lang en]
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
from annotator.gui.launch import launch  # noqa: E402

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--lang", default="ko")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "korean-policy") as project:
            project.import_samples()
            label_first_article(project, "kim")
            ids = project.store.document_ids()
            project.set_status(ids[0], "kim", "in_progress")
            for doc_id, status in zip(ids[3:8], ("done", "done", "skipped", "done", "flagged")):
                project.set_status(doc_id, "kim", status, "제목과 본문이 다름" if status == "flagged" else "")
        return launch(Path(tmp) / "korean-policy", annotator="kim", screenshot=args.out, lang=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
