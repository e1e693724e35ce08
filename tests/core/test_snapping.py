import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import snap_span
from annotator.core.text.kiwi import analyse
from annotator.core.text.morphemes import is_functional

TEXT = (
    "😀🇰🇷 원주의료기기테크노밸리가 ‘디지털트윈 융합 의료혁신 선도사업’은 인공지능(AI)으로 "
    "11조5,600억원)에 국비 120억 원을 확보했다. 증가율 3.5%를 “AI”는 21.2억달러(한화 2조5,400억원)이다."
)
MORPHEMES = analyse(TEXT).morphemes


@pytest.mark.parametrize(
    "selected, expected",
    [
        ("원주의료기기테크노밸리가", "원주의료기기테크노밸리"),
        ("‘디지털트윈 융합 의료혁신 선도사업’은", "디지털트윈 융합 의료혁신 선도사업"),
        ("(AI)으로", "AI"),
        ("11조5,600억원)에", "11조5,600억원"),
        ("120억 원을", "120억 원"),
        ("인공지능(AI)으로", "인공지능(AI)"),
        ("3.5%를", "3.5%"),
        ("“AI”는", "AI"),
        ("확보했다.", "확보"),  # 했 = 하 + 었: both suffixes go, the shared character with them
        ("21.2억달러(", "21.2억달러"),
        (" 원주의료기기테크노밸리가 ‘", "원주의료기기테크노밸리"),
        ("지털", "디지털"),  # widened to the morpheme it touches
    ],
)
def test_snapping_table(selected, expected):
    start = TEXT.index(selected)
    s, e = snap_span(TEXT, start, start + len(selected), MORPHEMES)
    assert TEXT[s:e] == expected


def test_snapping_without_morphemes_uses_kiwi():
    text = "🇰🇷 원주시가 발표했다"
    s, e = snap_span(text, 3, 7)
    assert text[s:e] == "원주시"


def test_only_a_particle_snaps_to_nothing():
    start = TEXT.index("가 ‘")
    s, e = snap_span(TEXT, start, start + 1, MORPHEMES)
    assert s == e


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_snapping_properties(a, b):
    start, end = min(a, b), max(a, b)
    s, e = snap_span(TEXT, start, end, MORPHEMES)
    assert 0 <= s <= e <= len(TEXT)
    assert snap_span(TEXT, s, e, MORPHEMES) == (s, e)  # idempotent
    if e > s:
        assert not TEXT[s].isspace() and not TEXT[e - 1].isspace()
        last = [m for m in MORPHEMES if m.end == e and m.start >= s]
        assert last and not all(is_functional(m.tag) for m in last)
