import unicodedata

from annotator.core.text.normalize import (
    codepoint_to_utf16, document_uid, normalize_text, normalized_offset, utf16_to_codepoint,
)


def test_normalize_makes_nfc_and_lf():
    nfd = unicodedata.normalize("NFD", "원주시가\r\n과기정통부\r끝")
    assert normalize_text(nfd) == "원주시가\n과기정통부\n끝"
    assert unicodedata.is_normalized("NFC", normalize_text(nfd))


def test_normalized_offset_maps_into_nfc_text():
    raw = unicodedata.normalize("NFD", "가나 원주시") + "\r\n"
    i = raw.index(unicodedata.normalize("NFD", "원주시"))
    assert normalize_text(raw)[normalized_offset(raw, i):].startswith("원주시")


def test_utf16_roundtrip_with_astral_characters():
    text = "😀🇰🇷 원주시"
    cp = text.index("원")
    u16 = codepoint_to_utf16(text, cp)
    assert u16 == cp + 3  # 😀 and the two regional indicators are surrogate pairs
    assert utf16_to_codepoint(text, u16) == cp
    assert utf16_to_codepoint("원주시", 2) == 2


def test_uid_depends_on_stored_text_only():
    assert document_uid("가") == document_uid("가")
    assert document_uid("가") != document_uid("나")
