"""A small project for the export tests: Kiwi-analysed articles (written for these
tests) with gold and annotator layers, overlaps, raw spans, a span crossing a
sentence and a line, emoji before spans, and attributes."""

from __future__ import annotations

from pathlib import Path

from annotator import Project
from annotator.core.paths import default_schema_path

from ..conftest import write

ARTICLES = {
    "a_emoji.txt": "😀🇰🇷 행정안전부는 올해 디지털트윈 사업에 국비 35억 원을 투입한다. 세종시가 사업을 맡았다.\n"
                   "새 플랫폼은 내년에 문을 연다.\n",
    "b_overlap.txt": "과학기술정보통신부와 대전시는 인공지능 반도체 실증에 2조3,000억원을 배정했다고 밝혔다. "
                     "대전시는 연구소와 협력했다.\n",
    "c_unlabelled.txt": "이 기사에는 아직 아무도 표시하지 않았다. 검토가 필요하다.\n",
    "d_adjudicated_empty.txt": "오늘은 특별한 발표가 없었다. 다음 주에 다시 확인한다.\n",
    "e_crossing.txt": "스마트 항만 실증사업. 부산항만공사가 주관한다. 울산시도 참여한다.\n",
}


def find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def build_project(folder: Path, server: str | None = None) -> Project:
    schema = default_schema_path().read_text(encoding="utf-8").replace('overlap = "forbid"', 'overlap = "allow"')
    schema_file = write(folder / "schema.toml", schema)
    project = Project.create(folder / "proj", schema_file, server=server)
    for name, text in ARTICLES.items():
        write(folder / "articles" / name, text)
    report = project.import_paths([folder / "articles"], clean=False)
    assert report.ok and report.documents_added == len(ARTICLES), report.rejected
    docs = {d.source.rsplit("/", 1)[-1]: d for d in project.documents()}

    def add(doc_name, word, label, layer="gold", nth=0, snap=True, attrs=None, end_word=None):
        doc = docs[doc_name]
        start, end = find(doc.text, word, nth)
        if end_word:
            end = find(doc.text, end_word)[1]
        return project.add_span(doc.id, start, end, label, layer, snap=snap, attrs=attrs)

    add("a_emoji.txt", "행정안전부", "AGENCY")
    add("a_emoji.txt", "디지털트윈", "TECH")
    add("a_emoji.txt", "35억 원", "BUDGET", attrs={"amount": "3500000000", "currency": "KRW"})
    add("a_emoji.txt", "세종시", "AGENCY")
    add("a_emoji.txt", "맡았다", "PROGRAM", snap=False, end_word="새 플랫폼")  # crosses a line break
    add("b_overlap.txt", "과학기술정보통신부", "AGENCY")
    add("b_overlap.txt", "인공지능 반도체", "TECH")
    add("b_overlap.txt", "인공지능", "TECH")  # overlaps the longer span: dropped by flat formats
    add("b_overlap.txt", "2조3,000억원", "BUDGET")
    add("b_overlap.txt", "전시", "AGENCY", nth=1, snap=False)  # inside the token 대전시: the token is cut
    add("e_crossing.txt", "실증사업", "PROGRAM", snap=False, end_word="부산항만공사")  # crosses a sentence
    add("e_crossing.txt", "울산시", "AGENCY")
    for adjudicated in ("a_emoji.txt", "b_overlap.txt", "d_adjudicated_empty.txt", "e_crossing.txt"):
        project.set_status(docs[adjudicated].id, "gold", "adjudicated")
    add("a_emoji.txt", "세종시", "AGENCY", layer="kim")
    add("b_overlap.txt", "대전시", "AGENCY", layer="kim")
    project.set_status(docs["b_overlap.txt"].id, "kim", "done")
    return project


def gold_by_uid(project: Project, layer: str = "gold") -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for doc in project.documents():
        found = [(s.start, s.end, s.label) for s in project.spans(doc.id, layer)]
        if found:
            spans[doc.uid] = sorted(found)
    return spans
