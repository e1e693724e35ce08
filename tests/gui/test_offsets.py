"""Qt positions (UTF-16) and stored offsets (code points) convert in one place, correctly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text.normalize import codepoint_to_utf16, utf16_to_codepoint
from annotator.gui.text.offsets import OffsetMap

TEXT = "😀🇰🇷 원주의료기기테크노밸리에서 𝔸 120억 원"


def test_emoji_before_a_span():
    offsets = OffsetMap(TEXT)
    start = TEXT.index("원주")
    assert offsets.to_qt(start) == start + 3  # 😀, 🇰 and 🇷 take two units each
    assert offsets.from_qt(start + 3) == start
    assert offsets.qt_length == len(TEXT.encode("utf-16-le")) // 2
    assert offsets.range_from_qt(1, 2) == (0, 1)  # inside 😀's surrogate pair: the whole character


@given(st.text(alphabet=st.sampled_from("가a 😀🇰\n𝔸")))
def test_agrees_with_the_core_helpers(text):
    offsets = OffsetMap(text)
    for offset in range(len(text) + 1):
        qt = offsets.to_qt(offset)
        assert qt == codepoint_to_utf16(text, offset)
        assert offsets.from_qt(qt) == offset == utf16_to_codepoint(text, qt)
