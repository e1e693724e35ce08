"""Named programmes, projects, strategies, plans and guidelines (PROGRAM).

Two rules, both ending in a head noun (…사업, …프로젝트, …전략, …계획,
…가이드라인, …로드맵, …방안 …):

- Quoted: the text inside ‘…’, “…”, 「…」, 『…』, '…', "…" when it ends in a
  head (the span excludes the quotes). Quoted speech never ends in a bare noun
  head, and a verb right before the head (…할 계획) rules it out.
- Unquoted: the noun phrase before a head, across spaces, when it is specific
  enough: at least two nouns before the head, one of them not generic, and
  either three nouns or a Latin word, number or proper noun among them. It
  stops at particles, verbs, determiners (이번, 해당, 관련 …) and funding
  words (국비 …). So 공모사업, 이번 2단계 사업 and 육성계획 are not suggested;
  ICT 지역재창조 프로젝트 and 지역혁신 선도기업 육성사업 are.
"""

from __future__ import annotations

from typing import Iterator

from annotator.core.suggest.analysed_text import AnalysedText
from annotator.core.suggest.suggestion import Suggestion

HEADS = (
    "사업", "프로젝트", "전략", "계획", "가이드라인", "로드맵", "방안", "프로그램", "대책", "이니셔티브", "플랜",
    "지침", "정책", "챌린지",
)
QUOTES = {"‘": "’‘'", "“": "”“\"", "「": "」", "『": "』", "'": "'’", "\"": "\"”", "《": "》", "〈": "〉", "<": ">"}
MAX_QUOTED = 60
MAX_PHRASE = 40
# Words that open or qualify a mention rather than name a programme; the phrase stops before them.
STOP_WORDS = frozenset({
    "이번", "해당", "관련", "신규", "기존", "각종", "주요", "올해", "내년", "지난해", "작년", "금년", "향후", "후속",
    "본", "동", "총", "전체", "모든", "여러", "국비", "도비", "시비", "지방비", "민자", "정부", "공모", "일부", "등",
    "이", "그", "저", "각", "별도", "추가", "전", "현", "당초", "당해", "연차", "기본", "세부", "단계", "차년도",
})
# Nouns too general to make a phrase specific on their own.
GENERIC = frozenset({
    "지역", "산업", "육성", "지원", "추진", "개발", "기업", "연구", "기술", "분야", "발전", "활성화", "강화", "조성",
    "구축", "확대", "혁신", "중장기", "장기", "단기", "종합", "실행", "시행", "운영", "관리", "단계", "연도", "년도",
    "계획", "사업", "정책", "방안", "전략", "추진", "업무", "중점", "핵심", "협력", "공동", "국가", "정부", "시범",
    "기반", "체계", "마련", "개선", "대응", "지속", "연계", "통합", "도입", "보급", "개", "년", "차", "제",
    "미래", "확보", "주도", "주도권", "경쟁력", "역량", "생태계", "성장", "환경", "효율화", "고도화", "경쟁", "대책",
})
_PHRASE_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "SN", "XPN", "XSN", "XR"})
_SPECIFIC_TAGS = frozenset({"SL", "SH", "NNP"})
_JOINERS = frozenset("·ㆍ-")
_OPENING_TAGS = frozenset({"SSO", "SS"})


def quoted_programs(analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
    text = analysed.text
    for i, ch in enumerate(text):
        closers = QUOTES.get(ch)
        if not closers:
            continue
        limit = min(len(text), i + 1 + MAX_QUOTED)
        j = next((k for k in range(i + 1, limit) if text[k] in closers or text[k] == "\n"), None)
        if j is None or text[j] == "\n":
            continue
        start, end = i + 1, j
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        inner = text[start:end]
        head = next((h for h in HEADS if inner.endswith(h)), None)
        if head is None or len(inner) - len(head) < 2 or end not in analysed.ends:
            continue
        head_index = analysed.index_ending_at(end)
        if head_index is None or head_index == 0 or analysed.tag(head_index - 1).startswith(("E", "V", "J")):
            continue  # …할 계획, …에 대한 방안: a clause, not a name
        yield Suggestion(start, end, label, inner, {}, "program-pattern")


def unquoted_programs(analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
    text = analysed.text
    for index, m in enumerate(analysed.morphemes):
        piece = text[m.start:m.end]
        if not piece.endswith(HEADS) or analysed.tag(index) not in ("NNG", "NNP"):
            continue
        head = next((h for h in HEADS if piece.endswith(h)), None)
        if head is None or _glued_noun_follows(analysed, index):
            continue
        phrase = _phrase_before(analysed, index)
        if phrase is None:
            continue
        first, content = phrase
        if len(piece) > len(head):
            content.append(piece[: -len(head)])
        if _specific(analysed, first, index, content):
            start = analysed.morphemes[first].start
            yield Suggestion(start, m.end, label, text[start:m.end], {}, "program-pattern")


def _glued_noun_follows(analysed: AnalysedText, index: int) -> bool:
    """사업비, 계획서, 사업단: the head is not the end of the compound."""
    nxt = index + 1
    return nxt < len(analysed.morphemes) and analysed.attached(nxt) and analysed.tag(nxt) in _PHRASE_TAGS


def _phrase_before(analysed: AnalysedText, head_index: int) -> tuple[int, list[str]] | None:
    """(first morpheme index, content words) of the noun phrase ending at the head."""
    text, morphemes = analysed.text, analysed.morphemes
    first, content = head_index, []
    index = head_index - 1
    while index >= 0:
        m = morphemes[index]
        gap = text[m.end:morphemes[index + 1].start]
        piece = text[m.start:m.end]
        tag = analysed.tag(index)
        if gap not in ("", " ") or morphemes[head_index].end - m.start > MAX_PHRASE:
            break
        if piece in _JOINERS and gap == "" and index > 0 and analysed.attached(index):
            index -= 1
            continue
        if tag not in _PHRASE_TAGS or piece in STOP_WORDS:
            if gap == "" and tag not in ("SS", "SSO", "SSC", "SP", "SO", "SW", "SF"):
                return None  # the phrase would start inside a word
            break
        if gap == " " and not _word_is_nouns(analysed, index):
            break
        content.append(piece)
        first = index
        index -= 1
    if first == head_index:
        return None
    while first < head_index and text[morphemes[first].start] in _JOINERS:
        first += 1
    return first, content


def _word_is_nouns(analysed: AnalysedText, last: int) -> bool:
    """The word ending with morpheme ``last`` consists of nouns only (no particle or ending)."""
    index = last
    while True:
        if index < last and analysed.tag(index) in _OPENING_TAGS:
            return True  # the word starts after an opening quote or bracket
        if analysed.tag(index) not in _PHRASE_TAGS and analysed.piece(index) not in _JOINERS:
            return False
        if analysed.piece(index) in STOP_WORDS:
            return False
        if not analysed.attached(index):
            return True
        index -= 1


def _specific(analysed: AnalysedText, first: int, head_index: int, content: list[str]) -> bool:
    words = [w for w in content if w not in _JOINERS]
    if len(words) < 2:
        return False
    tags = {analysed.tag(i) for i in range(first, head_index)}
    distinctive = [w for w in words if w not in GENERIC and len(w) >= 2 and not w.isdigit()]
    if not distinctive:
        return False
    return len(words) >= 3 or bool(tags & _SPECIFIC_TAGS)
