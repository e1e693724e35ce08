"""Public bodies that no gazetteer lists: one word's noun compound ending in an
institutional head (…진흥원, …재단, …테크노파크, …대학교, …연구원, …청, 횡성군 …).

Precision rules, from the AGENCY guideline:
- A title is not an agency: a name glued to the noun after it (원주시장,
  식약처장, 충북도지사, 서울시민) is not suggested. The noun compound must end
  the word's noun part (only a particle or punctuation may follow).
- Heads that are also ordinary words need evidence that the compound is a
  name: 연구원 (a researcher), 센터, 공사 (construction), 병원, 위원회 need a
  proper noun or a known region/national prefix (한국, 국립, 강원 …); 청, 처, 부
  need the prefix (every central ministry and agency is in the gazetteer), so
  바우처 and 요청 never match. A head after one generic word (진흥재단,
  연구센터) is an anaphoric mention, not a name.
- 시/군/구 end only proper nouns of three or more characters (원주시, 횡성군),
  so 도시, 지시 and 시도 never match; 도 is left to the gazetteer (독도, 제주도).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from annotator.core.suggest.analysed_text import AnalysedText
from annotator.core.suggest.suggestion import Suggestion

# Heads that mark an institution whatever precedes them (two characters at least before the head).
STRONG_HEADS = (
    "진흥원", "평가원", "개발원", "관리원", "정보원", "교육원", "기술원", "과학원", "시험원", "연수원", "인증원",
    "안전원", "보건원", "의료원", "진흥공단", "공단", "재단", "테크노파크", "테크노밸리", "대학교", "교육청",
    "경찰청", "진흥회", "과학관", "박물관",
)
# Heads that are also common nouns: they need a proper noun or a region/national prefix.
WEAK_HEADS = (
    "연구원", "연구소", "연구센터", "센터", "공사", "병원", "대학", "대학원", "위원회", "사업단", "의회", "청", "처", "부",
)
LOCAL_HEADS = ("시", "군", "구")
# Proper nouns ending in 시/구 that name zones, not governments (대덕연구개발특구, 시범운행지구, 혁신도시).
NOT_LOCAL = ("특구", "지구", "연구", "도시", "구역", "지역구")
NOT_AGENCY = ("부처", "본부", "지부", "내부", "외부", "일부", "전부")  # generic words ending in a head
NATIONAL_PREFIXES = ("한국", "국립", "국가", "대한", "국민", "국제")
# Nouns glued after a name that make it part of something else: titles, residents, councils.
TITLE_WORDS = (
    "장", "청장", "지사", "군수", "구청장", "차관", "총장", "의원", "대변인", "처장", "원장", "사장", "교육감",
    "부시장", "부지사", "위원장", "이사장", "실장", "국장", "과장", "본부장", "센터장", "소장", "단장",
)
_NAME_TAGS = frozenset({"NNP", "SL", "SH"})
# A head after only one of these is an anaphoric mention (진흥재단, 연구센터), not a name.
GENERIC_STEMS = frozenset({
    "진흥", "연구", "지원", "관리", "산업", "기술", "정보", "교육", "평가", "개발", "혁신", "창업", "지역", "공공",
    "협력", "전문", "종합", "거점", "실증", "시험", "운영", "사업", "전담", "주관", "참여", "해당", "관계",
})


def followed_by_attached_noun(analysed: AnalysedText, end: int) -> bool:
    """A noun or title is glued to ``end`` (원주시장, 서울시민, 과기정통부장관): the name is part of it."""
    if not analysed.attached_after(end):
        return False
    if analysed.text.startswith(TITLE_WORDS, end):
        return True
    index = analysed.index_at(end)
    return index is not None and analysed.tag(index) in ("NNG", "NNP", "NNB", "XSN", "SL")


# A whole title after a name (원주시장, 충북도지사, 과기정통부장관): the person, not the body. Exact words,
# unlike TITLE_WORDS' prefixes: 원주시장애인복지관 is a body.
TITLES = frozenset(TITLE_WORDS) | {"장관", "부장관", "의장", "부의장", "회장", "대표", "총리"}


def titled_name(text: str, end: int, stop: int) -> bool:
    """``text[end:stop]`` is a title glued to the name that ends at ``end``."""
    return 0 < end < stop and not text[end - 1].isspace() and text[end:stop] in TITLES


def region_prefixes(agency_surfaces: Iterable[str]) -> tuple[str, ...]:
    """Stems of local-government names (강원 of 강원특별자치도, 원주 of 원주시) and national prefixes."""
    stems = set(NATIONAL_PREFIXES)
    for name in agency_surfaces:
        for suffix in ("특별자치시", "특별자치도", "특별시", "광역시", "자치도", "도", "시", "군", "구"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stems.add(name[: -len(suffix)])
                break
    return tuple(sorted(stems, key=len, reverse=True))


def agency_pattern(analysed: AnalysedText, label: str, prefixes: tuple[str, ...]) -> Iterator[Suggestion]:
    text, morphemes = analysed.text, analysed.morphemes
    for first, last in analysed.noun_runs:
        start = morphemes[first].start
        end = max(m.end for m in morphemes[first:last + 1])
        name = text[start:end]
        if _is_agency_name(analysed, first, last, name, prefixes):
            yield Suggestion(start, end, label, name, {}, "agency-pattern")


def _is_agency_name(analysed: AnalysedText, first: int, last: int, name: str, prefixes: tuple[str, ...]) -> bool:
    if len(name) < 3 or not name[0].isalnum() or name[0].isdigit() or name.endswith(NOT_AGENCY):
        return False
    tags = [analysed.tag(i) for i in range(first, last + 1)]
    last_piece, last_tag = analysed.piece(last), tags[-1]
    has_name = any(tag in _NAME_TAGS for tag in tags)
    prefixed = name.startswith(prefixes)
    for head in STRONG_HEADS:
        if name.endswith(head):
            return len(name) - len(head) >= 2 and name[: -len(head)] not in GENERIC_STEMS
    for head in WEAK_HEADS:
        if name.endswith(head):
            if len(head) == 1:  # 청, 처, 부: every central one is in the gazetteer; others carry a region
                return prefixed and len(name) >= 4
            return len(name) - len(head) >= 2 and (has_name or prefixed) and name[: -len(head)] not in GENERIC_STEMS
    for head in LOCAL_HEADS:
        if name.endswith(head) and not name.endswith(NOT_LOCAL):
            if last_tag == "NNP" and len(last_piece) >= 3:
                return True
            return last_piece == head and len(tags) >= 2 and tags[-2] == "NNP" and len(analysed.piece(last - 1)) >= 2
    return False
