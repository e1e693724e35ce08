"""Cleaning scraped news pages: title, byline, date and outlet out; site clutter off.

The annotated body keeps the title (first line) and the article; the byline,
share buttons and breadcrumb lines before it and everything from the
copyright line on (comment boxes, related-news teasers, polls, ads) are cut,
and so are photo captions and credits (``▲ …`` lines, ``<사진> …`` lines,
``[사진=…]``, ``(그래픽=…)``): they repeat the article, attract suggestions
and would be training examples twice. The importer keeps the page as it came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DATE = re.compile(r"(20\d\d|19\d\d)[-./년]\s?(\d{1,2})[-./월]\s?(\d{1,2})일?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?")
_BYLINE = re.compile(r"(기자|특파원|입력|기사승인|등록|수정|발행|승인)\s*[:：]?")
_REPORTER = re.compile(r"([가-힣]{2,4})\s*(?:기자|특파원)")
_OUTLET_LEAD = re.compile(r"^\s*[\[【]([^\]】]{2,30}?)(?:\s+[가-힣]{2,4}\s*(?:기자|특파원))?[\]】]")
_COPYRIGHT = re.compile(r"(저작권자|무단\s*전재|무단전재|재배포\s*금지|Copyright|ⓒ|©|All rights reserved)", re.I)
_CLUTTER_LINE = re.compile(
    r"^\s*(?:[•·▶▷■□◆◇\-+]\s*)*(?:[-+]|인쇄|공유|스크랩|글자\s*크기|페이스북|트위터|카카오|네이버 밴드|"
    r"(?:\S+\s+보내기\s*)+|Home\s*>.*|홈\s*>.*|HOME\s*>.*|기사\s*듣기|좋아요|댓글)?\s*$"
)
_MEDIA = r"(?:사진|그래픽|이미지|일러스트|자료\s*사진|영상|인포그래픽)"
# A credit in brackets, anywhere in a line: [사진=원주시 제공], (사진 제공: 연합뉴스), <그래픽=김그림 기자>
_CREDIT = re.compile(r"\s*[\[(【<]\s*" + _MEDIA + r"(?:\s*(?:제공|출처))?\s*[=:：][^\])】>\n]*[\])】>]")
# A caption line: "▲ 횡성군청 전경" (one triangle: several are a list), "<사진> 현장을 둘러보는 군수"
_CAPTION_LINE = re.compile(r"^\s*(?:[▲△](?!.*[▲△])|[\[(【<]\s*" + _MEDIA + r"\s*[\])】>])")
_SIGNATURE = re.compile(r"^\s*[\[(<]?\s*[가-힣]{2,4}\s*(?:기자|특파원)\s*(?:\(?[\w.+-]+@[\w.-]+\)?)?\s*[\])>]?\s*$")


@dataclass
class CleanedArticle:
    title: str
    text: str
    meta: dict = field(default_factory=dict)


def _is_clutter(line: str) -> bool:
    return bool(_CLUTTER_LINE.match(line)) or line.count("보내기") >= 2


def _without_captions(lines: list[str]) -> list[str]:
    """Drop caption lines and bracketed credits; a caption between two blank lines leaves one."""
    kept: list[str] = []
    after_blank = False  # a line was dropped right after a blank one: the next blank line is one too many
    for line in lines:
        if _CREDIT.search(line):
            line = _CREDIT.sub("", line).rstrip()
            if not line.strip():
                after_blank = after_blank or bool(kept) and not kept[-1].strip()
                continue
        if _CAPTION_LINE.match(line):
            after_blank = after_blank or bool(kept) and not kept[-1].strip()
            continue
        if not line.strip() and after_blank:
            after_blank = False
            continue
        after_blank = False
        kept.append(line)
    return kept


def _is_byline(line: str) -> bool:
    return len(line) < 120 and bool(_DATE.search(line)) and bool(_BYLINE.search(line) or "|" in line)


def clean_article(text: str) -> CleanedArticle:
    """Split a scraped page into title, body and metadata. ``text`` is normalised (LF)."""
    lines = text.split("\n")
    meta: dict = {}
    index = 0
    # Title: the first non-empty line that is not navigation clutter.
    while index < len(lines) and (not lines[index].strip() or _is_clutter(lines[index])):
        index += 1
    if index == len(lines):
        return CleanedArticle("", text.strip(), meta)
    title = lines[index].strip()
    body_lines = [title, ""]
    index += 1
    # Header zone: byline, share buttons, blank lines, right after the title.
    header_end = min(len(lines), index + 12)
    for j in range(index, header_end):
        line = lines[j]
        if _is_byline(line):
            date = _DATE.search(line)
            meta["date"] = "{}-{:0>2}-{:0>2}".format(*date.groups()[:3]) + (f" {date.group(4)}" if date.group(4) else "")
            meta["byline"] = line.replace("\xa0", " ").strip(" |\t")
            reporter = _REPORTER.search(line)
            if reporter:
                meta["reporter"] = reporter.group(1)
            index = j + 1
            break
    body: list[str] = []
    for line in lines[index:]:
        if _COPYRIGHT.search(line) and len(line) < 200:
            meta.setdefault("outlet", _outlet_from_copyright(line))
            break
        body.append(line)
    body = _without_captions(body)
    # Clutter directly before the article (share buttons, "인쇄", bullets).
    while body and (not body[0].strip() or _is_clutter(body[0])):
        body.pop(0)
    while body and (not body[-1].strip() or _SIGNATURE.match(body[-1]) or _is_clutter(body[-1])):
        body.pop()
    for line in body:
        match = _OUTLET_LEAD.match(line)
        if match:
            meta["outlet"] = match.group(1).strip()
            reporter = _REPORTER.search(match.group(0))
            if reporter and "reporter" not in meta:
                meta["reporter"] = reporter.group(1)
            break
    if not meta.get("outlet"):
        meta.pop("outlet", None)
    cleaned = "\n".join(body_lines + body).strip("\n")
    return CleanedArticle(title, cleaned, meta)


def _outlet_from_copyright(line: str) -> str:
    match = re.search(r"(?:저작권자\s*[:ⓒ©]?\s*|ⓒ\s*|©\s*)([가-힣A-Za-z0-9]+(?:\s?[가-힣A-Za-z0-9]+)?)", line)
    return match.group(1).strip() if match else ""
