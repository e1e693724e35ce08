"""The amount parser on a table of forms, with and without the morphemes Kiwi stores."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggest.amounts import find_amounts

# (text, [(span text, value or None, currency, approximate)])
TABLE = [
    # DESIGN.md examples
    ("국비 120억 원을 확보했다", [("120억 원", "12000000000", "KRW", False)]),
    ("11조5,600억원)에 이를", [("11조5,600억원", "11560000000000", "KRW", False)]),
    ("2026년 96.4억달러로 커진다", [("96.4억달러", "9640000000", "USD", False)]),
    ("21.2억달러(한화 2조5,400억원)에서", [("21.2억달러", "2120000000", "USD", False),
                                    ("2조5,400억원", "2540000000000", "KRW", False)]),
    # Arabic numerals, commas, decimals, scale words
    ("3조2천억 원을 투입", [("3조2천억 원", "3200000000000", "KRW", False)]),
    ("2억 5천만 원이 들었다", [("2억 5천만 원", "250000000", "KRW", False)]),
    ("1억2천만 엔 규모", [("1억2천만 엔", "120000000", "JPY", False)]),
    ("최대 5천만 원의 바우처", [("5천만 원", "50000000", "KRW", False)]),
    ("5000만원을 받는다", [("5000만원", "50000000", "KRW", False)]),
    ("12,000,000원이다", [("12,000,000원", "12000000", "KRW", False)]),
    ("3만5천원짜리", [("3만5천원", "35000", "KRW", False)]),
    ("1.5조 원 규모", [("1.5조 원", "1500000000000", "KRW", False)]),
    ("300만원씩 준다", [("300만원", "3000000", "KRW", False)]),
    ("요금은 1,500원이며", [("1,500원", "1500", "KRW", False)]),
    # Hangul numerals
    ("사업비는 오백억 원으로", [("오백억 원", "50000000000", "KRW", False)]),
    ("이백오십억원을 들여", [("이백오십억원", "25000000000", "KRW", False)]),
    ("구십억 원이 필요하다", [("구십억 원", "9000000000", "KRW", False)]),
    ("일천만원을 기부", [("일천만원", "10000000", "KRW", False)]),
    ("만 원권 지폐", [("만 원", "10000", "KRW", False)]),
    ("천 원짜리 커피", [("천 원", "1000", "KRW", False)]),
    # currencies
    ("5억 위안을 투자", [("5억 위안", "500000000", "CNY", False)]),
    ("3천만 유로를 들여", [("3천만 유로", "30000000", "EUR", False)]),
    ("120억 엔화로 환산", [("120억 엔", "12000000000", "JPY", False)]),
    ("50만 달러를 지원", [("50만 달러", "500000", "USD", False)]),
    ("1,200만 달러 규모", [("1,200만 달러", "12000000", "USD", False)]),
    ("투자사로부터 US$ 3억의 투자를", [("US$ 3억", "300000000", "USD", False)]),
    ("$120만을 모았다", [("$120만", "1200000", "USD", False)]),
    ("₩5,000원 할인", [("₩5,000원", "5000", "KRW", False)]),
    ("€300만 규모", [("€300만", "3000000", "EUR", False)]),
    ("US$ 3.5 billion", [("US$ 3.5 billion", "3500000000", "USD", False)]),
    # approximate: 약 and markers after stay outside the span; 여 inside stays inside
    ("총사업비는 약 300억 원 규모", [("300억 원", "30000000000", "KRW", True)]),
    ("약300억원을", [("300억원", "30000000000", "KRW", True)]),
    ("500여억 원 규모", [("500여억 원", "50000000000", "KRW", True)]),
    ("180여억 원을 지원", [("180여억 원", "18000000000", "KRW", True)]),
    ("120억여 원을 들여", [("120억여 원", "12000000000", "KRW", True)]),
    ("삼천억 원 가량이다", [("삼천억 원", "300000000000", "KRW", True)]),
    ("1조 원 이상을 유치", [("1조 원", "1000000000000", "KRW", True)]),
    ("20억 원대 사업", [("20억 원", "2000000000", "KRW", True)]),
    ("수십억 원 규모의 예산", [("수십억 원", None, "KRW", True)]),
    # ranges and bare amounts after a funding word
    ("100억~200억 원이다", [("100억", "10000000000", "KRW", False), ("200억 원", "20000000000", "KRW", False)]),
    ("국비 500억을 확보", [("500억", "50000000000", "KRW", False)]),
    # not money
    ("100여 명이 참석", []),
    ("비용이 30%까지 절감", []),
    ("교원 3만여 명의 연수", []),
    ("5조 1,000개 기업", []),
    ("인구 5천만을 넘었다", []),
    ("(2020.8.)", []),
    ("사천시는 이 원칙을", []),
    ("14일 밝혔다", []),
    ("제2조 원칙", []),
    ("축구장 2천 개 넓이", []),
    ("2028년까지 2,000곳을", []),
]


def _expected(text, rows):
    out = []
    for piece, value, currency, approximate in rows:
        attrs = {"currency": currency}
        if value is not None:
            attrs["value"] = value
        if approximate:
            attrs["approximate"] = True
        out.append((piece, attrs))
    return out


def _found(text, morphemes=None):
    return [(text[a.start:a.end], a.attrs()) for a in find_amounts(text, morphemes)]


def test_the_table_is_large():
    assert len(TABLE) >= 40


@pytest.mark.parametrize("text, rows", TABLE, ids=[t for t, _ in TABLE])
def test_amount_forms_without_morphemes(text, rows):
    assert _found(text) == _expected(text, rows)


def test_amount_forms_with_stored_morphemes():
    """The same table through Kiwi's analysis (what documents carry after import)."""
    from annotator.core.text.kiwi import analyse

    for text, rows in TABLE:
        assert _found(text, analyse(text).morphemes) == _expected(text, rows), text


def test_hangul_numerals_need_number_morphemes():
    from annotator.core.text.morphemes import Morpheme

    text = "오백억 원"
    as_numbers = [Morpheme(0, 1, "NR"), Morpheme(1, 3, "NR"), Morpheme(4, 5, "NNB")]
    as_words = [Morpheme(0, 3, "NNG"), Morpheme(4, 5, "NNB")]
    assert _found(text, as_numbers) == [("오백억 원", {"value": "50000000000", "currency": "KRW"})]
    assert _found(text, as_words) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.억조만천백십원달러엔약여 $₩~가량이상명%일이삼오수US")), max_size=40)
       | st.text(max_size=40))
def test_random_text_never_crashes_and_values_are_decimals(text):
    for amount in find_amounts(text):
        assert 0 <= amount.start < amount.end <= len(text)
        attrs = amount.attrs()
        if "value" in attrs:
            value = Decimal(attrs["value"])
            assert value.is_finite() and value >= 0
            assert "E" not in attrs["value"] and "e" not in attrs["value"]
        assert attrs["currency"] in {"KRW", "USD", "JPY", "CNY", "EUR", "GBP", "HKD", "AUD", "CAD", "SGD", "TWD"}
