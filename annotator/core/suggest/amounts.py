"""Monetary amounts in Korean text: 120억 원, 11조5,600억원, 오백억 원, $120만, 500여억 원.

An amount is a number (Arabic with commas and decimals, or Hangul numerals
일…구/십/백/천), scale words 만/억/조/경, and a currency (원, 달러, 엔, 위안,
유로, or a leading $, US$, ₩, €, ¥). Values are exact decimals (``decimal.Decimal``, never float).

Span boundaries follow the BUDGET guideline: the span covers number, scale and
currency only. A marker of approximation before or after it (약, 가량, 이상,
남짓 …) stays outside and sets ``approximate``; 여 inside (500여억 원) stays
inside. Percentages and counts (100여 명) have no currency and are not money;
a bare number with a scale word (국비 500억을) counts only right after a
funding word such as 국비 or 예산.

With the document's stored morphemes the matcher also checks that an amount
starts and ends on morpheme boundaries and that Hangul numerals are tagged NR
(so 사천시 or 구조 never start an amount). Without morphemes it falls back to
character rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Sequence

from annotator.core.text.morphemes import Morpheme, base_tag

_ARABIC = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
HANGUL_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9}
SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
BIG_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

# Currency words after the number, longest first; 화 (엔화) may follow, outside the span.
CURRENCY_WORDS = {
    "홍콩달러": "HKD", "호주달러": "AUD", "캐나다달러": "CAD", "싱가포르달러": "SGD", "대만달러": "TWD",
    "달러": "USD", "불": "USD", "원": "KRW", "엔": "JPY", "위안": "CNY", "유로": "EUR", "파운드": "GBP",
    "USD": "USD", "KRW": "KRW", "JPY": "JPY", "CNY": "CNY", "EUR": "EUR", "GBP": "GBP",
}
CURRENCY_SYMBOLS = {
    "US$": "USD", "US $": "USD", "USD": "USD", "KRW": "KRW", "EUR": "EUR", "JPY": "JPY", "CNY": "CNY",
    "$": "USD", "＄": "USD", "₩": "KRW", "￦": "KRW", "€": "EUR", "¥": "JPY", "￥": "JPY", "£": "GBP",
}
_SUFFIXES = sorted(CURRENCY_WORDS, key=len, reverse=True)
_PREFIXES = sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
_SUFFIXES_TUPLE = tuple(_SUFFIXES)
_ENGLISH = re.compile(r" ?(thousand|million|billion|trillion)\b")

APPROXIMATE_BEFORE = ("약", "대략", "얼추", "어림잡아")
APPROXIMATE_AFTER = ("가량", "이상", "남짓", "내외", "안팎", "정도", "이하", "미만", "초과", "쯤")
APPROXIMATE_ATTACHED = ("대", "여")  # 2조 원대, 100억원여: only right after the currency
RANGE_MARKS = "~∼〜～-–"
# Words after which a number with a scale word but no currency is still money (국비 500억을).
FUNDING_WORDS = (
    "예산", "예산안", "국비", "도비", "시비", "군비", "구비", "지방비", "민자", "자부담", "사업비", "총사업비",
    "투자", "투자액", "투자비", "기금", "매출", "매출액", "수출액", "수입액", "지원금", "보조금", "출연금",
    "재원", "금액", "비용", "운영비", "연구비", "건설비", "공사비", "예산액", "세수", "부채",
)
_SKIPPABLE_BEFORE = ("약", "총", "최대", "최소", "무려", "연간", "매년", "각각", "모두")
_PARTICLES = ("을", "를", "이", "가", "은", "는", "의", "에", "으로", "로", "과", "와", "도", "만", "까지",
              "부터", "씩", "보다", "인", "였", "에서")
# What may follow an amount when there is no morpheme analysis: particles, markers, 화 (엔화), 짜리, 권.
_FOLLOWERS = _PARTICLES + ("화", "짜리", "권") + APPROXIMATE_AFTER + APPROXIMATE_ATTACHED
_COUNTERS = ("명", "개", "곳", "건", "대", "톤", "가구", "회", "배", "년", "세", "마리", "채", "평", "주", "일", "시간")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: Decimal | None  # None when the number is vague (수십억 원)
    currency: str
    approximate: bool = False

    def attrs(self) -> dict:
        """Span attributes: value as a decimal string, currency, and approximate when set."""
        attrs: dict = {}
        if self.value is not None:
            attrs["value"] = decimal_string(self.value)
        attrs["currency"] = self.currency
        if self.approximate:
            attrs["approximate"] = True
        return attrs


def decimal_string(value: Decimal) -> str:
    """Plain positional notation, no exponent and no trailing zeros: 1.2E+10 → '12000000000'."""
    return format(value.normalize(), "f")


@dataclass
class _Quantity:
    start: int
    end: int
    value: Decimal
    vague: bool = False
    approximate: bool = False
    largest_unit: int = 1
    hangul: bool = False  # starts with a Hangul numeral


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


class _Reader:
    """Reads quantities and currencies at positions of one text."""

    def __init__(self, text: str, morphemes: Sequence[Morpheme] | None):
        self.text = text
        self.starts: set[int] | None = None
        self.ends: set[int] | None = None
        self.tag_at: dict[int, str] = {}
        if morphemes:
            self.starts = {m.start for m in morphemes}
            self.ends = {m.end for m in morphemes}
            for m in morphemes:
                for i in range(m.start, m.end):
                    self.tag_at.setdefault(i, base_tag(m.tag))

    # -- numbers ----------------------------------------------------------------

    def _coefficient(self, i: int) -> tuple[Decimal, int, bool] | None:
        """An Arabic number or a Hangul digit at ``i``: (value, end, is_hangul)."""
        match = _ARABIC.match(self.text, i)
        if match:
            try:
                return Decimal(match.group().replace(",", "")), match.end(), False
            except InvalidOperation:  # pragma: no cover - the pattern only admits valid numbers
                return None
        ch = self.text[i:i + 1]
        if ch in HANGUL_DIGITS:
            return Decimal(HANGUL_DIGITS[ch]), i + 1, True
        return None

    def _section(self, i: int) -> tuple[Decimal, int, bool, bool] | None:
        """A number below 10,000: 5,600 / 2천 / 이백오십 / 천 / 수십 (vague).

        Returns (value, end, vague, has_unit)."""
        text, total, vague, has_unit, start = self.text, Decimal(0), False, False, i
        while i < len(text):
            if i == start and text[i] == "수" and text[i + 1:i + 2] in SMALL_UNITS:
                vague, coefficient, j = True, None, i + 1
            else:
                found = self._coefficient(i)
                coefficient, j = (found[0], found[1]) if found else (None, i)
            unit = SMALL_UNITS.get(text[j:j + 1])
            if unit is not None:
                total += (coefficient if coefficient is not None else 1) * unit
                has_unit, i = True, j + 1
                continue
            if coefficient is not None:
                total += coefficient
                i = j
            break
        if i == start:
            return None
        return total, i, vague, has_unit

    def quantity(self, start: int) -> _Quantity | None:
        """Groups with decreasing scale words (3조2천억, 1억 2,500만) and a final section (3만5천)."""
        text = self.text
        total, largest, vague, approximate, has_unit = Decimal(0), 1, False, False, False
        i, previous_unit = start, None
        while True:
            section = self._section(i)
            if section is None and not (i == start and text[i:i + 1] == "만"):
                break
            value, j, section_vague, section_unit = section or (Decimal(1), i, False, False)
            k = j + 1 if text[j:j + 1] == "여" and text[j + 1:j + 2] in BIG_UNITS else j
            unit = BIG_UNITS.get(text[k:k + 1])
            if unit is None or (previous_unit is not None and unit >= previous_unit):
                if section is not None:  # the final section of 3만5천
                    total += value
                    vague |= section_vague
                    has_unit |= section_unit
                    i = j
                break
            total += value * unit
            vague |= section_vague
            approximate |= k != j
            has_unit, largest, previous_unit, i = True, max(largest, unit), unit, k + 1
            if text[i:i + 1] == "여" and self._ends_number(i + 1):
                approximate, i = True, i + 1  # 10억여 원
                break
            if text[i:i + 1] == " " and self._continues_with_group(i + 1, unit):
                i += 1  # 1억 2천만
                continue
            if not (text[i:i + 1].isdigit() or text[i:i + 1] in HANGUL_DIGITS or text[i:i + 1] in SMALL_UNITS):
                break
        if i == start:
            return None
        hangul = not text[start].isdigit()
        if hangul and not has_unit:
            return None  # 이, 오 alone are not numbers
        if largest == 1 and not hangul:
            english = _ENGLISH.match(text, i)
            if english:
                scale = ENGLISH_SCALES[english.group(1)]
                total, largest, i = total * scale, scale, english.end()
            elif text[i:i + 1] == "여" and self._ends_number(i + 1):
                approximate, i = True, i + 1  # 100여 원
        return _Quantity(start, i, total, vague, approximate, largest, hangul)

    def _ends_number(self, i: int) -> bool:
        """Nothing numeric continues at ``i``: a space, the end, punctuation or a currency word."""
        text = self.text
        if i >= len(text) or not _is_hangul(text[i]):
            return not text[i:i + 1].isdigit()
        return text.startswith(_SUFFIXES_TUPLE, i)

    def _continues_with_group(self, i: int, previous_unit: int) -> bool:
        section = self._section(i)
        if section is None:
            return False
        j = section[1] + (1 if self.text[section[1]:section[1] + 1] == "여" else 0)
        unit = BIG_UNITS.get(self.text[j:j + 1])
        return unit is not None and unit < previous_unit

    # -- currencies and boundaries --------------------------------------------------

    def currency_after(self, i: int) -> tuple[str, int] | None:
        text = self.text
        j = i + 1 if text[i:i + 1] in (" ", "\u00a0") else i
        for word in _SUFFIXES:
            if text.startswith(word, j):
                end = j + len(word)
                if word.isascii() and end < len(text) and text[end].isalpha() and text[end].isascii():
                    continue
                return CURRENCY_WORDS[word], end
        return None

    def currency_before(self, i: int) -> tuple[str, int] | None:
        """A leading symbol (US$, ₩, €) whose number starts at ``i`` (one space allowed)."""
        text = self.text
        for symbol in _PREFIXES:
            for gap in (0, 1):
                begin = i - gap - len(symbol)
                if begin < 0 or (gap and text[i - 1] != " "):
                    continue
                if text.startswith(symbol, begin):
                    if symbol[0].isalpha() and begin > 0 and text[begin - 1].isalnum():
                        continue
                    return CURRENCY_SYMBOLS[symbol], begin
        return None

    def starts_cleanly(self, q: _Quantity) -> bool:
        text, i = self.text, q.start
        before = text[i - 1] if i else " "
        if before.isdigit() or before in ".," or (before.isascii() and before.isalpha()):
            return False
        if self.starts is not None:
            if i not in self.starts:
                return False
            if q.hangul and self.tag_at.get(i) not in ("NR", "SN"):
                return False
        elif q.hangul and _is_hangul(before):
            return False
        return True

    def ends_cleanly(self, end: int) -> bool:
        """The amount may end at ``end``: a morpheme boundary, or (without morphemes) a particle follows."""
        text = self.text
        if self.ends is not None:
            # 엔화/위안화 may be one morpheme; the span still ends at the currency word
            return end in self.ends or end == len(text) or (text[end] == "화" and end + 1 in self.ends)
        if end >= len(text) or not text[end].isalnum():
            return True
        return _is_hangul(text[end]) and text.startswith(_FOLLOWERS, end)

    def approximate_around(self, start: int, end: int) -> bool:
        text = self.text
        before = text[max(0, start - 6):start].rstrip()
        for word in APPROXIMATE_BEFORE:
            if before.endswith(word):
                at = len(before) - len(word)
                if at == 0 or not _is_hangul(before[at - 1]):
                    return True
        if text.startswith(APPROXIMATE_ATTACHED, end):
            return True
        after = text[end:end + 1 + max(map(len, APPROXIMATE_AFTER))].lstrip(" ")
        return after.startswith(APPROXIMATE_AFTER)

    def after_funding_word(self, start: int) -> bool:
        words = self.text[max(0, start - 24):start].split()
        while words and words[-1] in _SKIPPABLE_BEFORE:
            words.pop()
        return bool(words) and words[-1].endswith(FUNDING_WORDS)

    def particle_follows(self, end: int) -> bool:
        """Nothing but a particle, punctuation or a space follows (국비 500억을, not 500억 명)."""
        text = self.text
        if end >= len(text) or not text[end].isalnum():
            if text[end:end + 1] == " ":
                return not text[end + 1:end + 2].isalnum() or not text.startswith(_COUNTERS, end + 1)
            return True
        if self.tag_at:
            return self.tag_at.get(end, "").startswith("J")
        return text.startswith(_PARTICLES, end)


def find_amounts(text: str, morphemes: Sequence[Morpheme] | None = None) -> list[Amount]:
    """Every monetary amount in ``text``, in order and non-overlapping.

    ``morphemes`` (the document's stored analysis) make boundaries exact; without
    them, character rules decide.
    """
    reader = _Reader(text, morphemes)
    found: list[Amount] = []
    pending: _Quantity | None = None  # 100억 of 100억~200억 원 waits for the currency after 200억
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if not (ch.isdigit() or ch in HANGUL_DIGITS or ch in SMALL_UNITS or ch in "수만"):
            i += 1
            continue
        q = reader.quantity(i)
        if q is None or not reader.starts_cleanly(q):
            i = _skip_number(text, i)
            continue
        amount = _amount_from(reader, q)
        if amount is None:
            pending = q if q.largest_unit >= 10**4 and text[q.end:q.end + 1] in RANGE_MARKS else None
            i = max(q.end, i + 1)
            continue
        if pending is not None and text[pending.end:amount.start].strip() in tuple(RANGE_MARKS):
            found.append(_make(reader, pending, pending.start, pending.end, amount.currency))
        found.append(amount)
        pending = None
        i = amount.end
    return found


def _skip_number(text: str, i: int) -> int:
    if text[i].isdigit():
        match = _ARABIC.match(text, i)
        return match.end() if match else i + 1
    return i + 1


def _make(reader: _Reader, q: _Quantity, start: int, end: int, currency: str) -> Amount:
    approximate = q.approximate or q.vague or reader.approximate_around(start, end)
    return Amount(start, end, None if q.vague else q.value, currency, approximate)


def _amount_from(reader: _Reader, q: _Quantity) -> Amount | None:
    prefix = reader.currency_before(q.start) if not q.hangul else None
    if prefix is not None and reader.starts is not None and prefix[1] not in reader.starts:
        prefix = None
    suffix = reader.currency_after(q.end)
    if suffix is not None and reader.ends_cleanly(suffix[1]):
        start = prefix[1] if prefix else q.start  # ₩5,000원: the symbol and the word
        return _make(reader, q, start, suffix[1], suffix[0])
    if prefix is not None and reader.ends_cleanly(q.end):
        return _make(reader, q, prefix[1], q.end, prefix[0])
    if q.largest_unit >= 10**8 and not q.hangul and reader.after_funding_word(q.start) \
            and reader.particle_follows(q.end):
        return _make(reader, q, q.start, q.end, "KRW")
    return None
