"""Refining lexicon (TECH) matches by the guideline: technology names and product categories.

- A term naming an industry is not a technology: 반도체 산업, 의료기기산업 (followed by
  산업, 업계 or 업종) is skipped.
- A term followed by a product noun names a product category: AI 의료기기,
  mRNA 백신, 자율주행 차량 become one span.
- A prefix glued before the term belongs to it: 초소형 위성, not 소형 위성.
"""

from __future__ import annotations

from annotator.core.suggest.analysed_text import AnalysedText

INDUSTRY_WORDS = ("산업", "업계", "업종")
PRODUCT_HEADS = (
    "의료기기", "치료기기", "진단기기", "반도체", "칩", "로봇", "백신", "치료제", "신약", "센서", "카메라", "드론",
    "위성", "자동차", "차량", "선박", "배터리", "기기", "디바이스", "단말기", "스피커",
)


def is_industry(term: str) -> bool:
    """A labelled string that names an industry (의료기기산업, 반도체 산업), not a technology."""
    return term.endswith(INDUSTRY_WORDS)


def names_industry(text: str, end: int) -> bool:
    if text.startswith(INDUSTRY_WORDS, end):
        return True
    return text[end:end + 1] == " " and text.startswith(INDUSTRY_WORDS, end + 1)


def with_product_head(analysed: AnalysedText, end: int) -> tuple[int, str] | None:
    """(new end, head) when a product noun follows the term, glued or after one space."""
    text = analysed.text
    at = end + 1 if text[end:end + 1] == " " else end
    if at not in analysed.starts:
        return None
    for head in PRODUCT_HEADS:
        if text.startswith(head, at) and analysed.can_end(at + len(head)):
            return at + len(head), head
    return None


def with_glued_prefix(analysed: AnalysedText, start: int) -> int:
    """The start of a prefix (XPN) glued before ``start`` (초소형 → 초), else ``start``."""
    index = analysed.index_ending_at(start)
    if index is not None and analysed.tag(index) == "XPN" and not analysed.text[start - 1].isspace():
        return analysed.morphemes[index].start
    return start
