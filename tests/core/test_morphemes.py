"""The stored form of morphemes and sentences: compact varints, and the old uint32 rows still read."""

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text.morphemes import (
    MAGIC, TAG_INDEX, TAGS, Morpheme, morpheme_bounds, pack_morpheme_rows, pack_morphemes,
    pack_sentences, unpack_morphemes, unpack_sentences,
)


def old_morpheme_blob(morphemes) -> bytes:
    """What versions before the varint format stored: three little-endian uint32 a morpheme."""
    values = array("I")
    for m in morphemes:
        values.extend((m.start, m.end, TAG_INDEX[m.tag]))
    return values.tobytes()


def old_sentence_blob(sentences) -> bytes:
    values = array("I")
    for start, end in sentences:
        values.extend((start, end))
    return values.tobytes()


offsets = st.integers(min_value=0, max_value=2**31 - 2)
ranges = st.tuples(offsets, st.integers(min_value=0, max_value=70_000)).map(lambda p: (p[0], p[0] + p[1]))
morpheme_lists = st.lists(st.tuples(ranges, st.sampled_from(TAGS)).map(lambda p: Morpheme(*p[0], p[1])),
                          max_size=60)


@settings(max_examples=150, deadline=None)
@given(morpheme_lists)
def test_any_morphemes_come_back_as_they_went_in(morphemes):
    """In order as given, even unsorted or far apart (several-byte varints, negative differences)."""
    blob = pack_morphemes(morphemes)
    assert unpack_morphemes(blob) == morphemes
    starts, ends = morpheme_bounds(blob)
    assert (list(starts), list(ends)) == ([m.start for m in morphemes], [m.end for m in morphemes])


@settings(max_examples=100, deadline=None)
@given(st.lists(ranges, max_size=40))
def test_any_sentences_come_back_as_they_went_in(sentences):
    assert unpack_sentences(pack_sentences(sentences)) == sentences


@settings(max_examples=100, deadline=None)
@given(morpheme_lists, st.lists(ranges, max_size=20))
def test_blobs_written_by_earlier_versions_stay_readable(morphemes, sentences):
    assert unpack_morphemes(old_morpheme_blob(morphemes)) == morphemes
    assert unpack_sentences(old_sentence_blob(sentences)) == sentences
    starts, ends = morpheme_bounds(old_morpheme_blob(morphemes))
    assert list(zip(starts, ends)) == [(m.start, m.end) for m in morphemes]


def test_no_old_blob_can_begin_with_the_magic():
    """An old blob begins with the first start offset; SQLite stores no text of 2**31 characters."""
    assert int.from_bytes(MAGIC, "little") >= 2**31
    largest = old_morpheme_blob([Morpheme(2**31 - 1, 2**31 - 1, "NNG")])
    assert largest[:4] != MAGIC and unpack_morphemes(largest) == [Morpheme(2**31 - 1, 2**31 - 1, "NNG")]


def test_an_analysed_article_takes_about_three_bytes_a_morpheme():
    text = "과기정통부는 원주시에 국비 120억 원을 지원한다고 밝혔다. " * 40
    from annotator.core.text.kiwi import analyse

    morphemes = analyse(text).morphemes
    blob = pack_morphemes(morphemes)
    assert unpack_morphemes(blob) == morphemes
    assert len(blob) <= 3 * len(morphemes) + 12
    assert len(old_morpheme_blob(morphemes)) == 12 * len(morphemes)


def test_the_import_loop_packs_the_same_as_pack_morphemes():
    morphemes = [Morpheme(0, 3, "NNP"), Morpheme(3, 4, "JKS"), Morpheme(200, 450, "W_URL"), Morpheme(5, 6, "SF")]
    rows = array("I")
    for m in morphemes:
        rows.extend((m.start, m.end, TAG_INDEX[m.tag]))
    assert pack_morpheme_rows(rows) == pack_morphemes(morphemes)


def test_empty_analyses_are_empty():
    assert pack_morphemes([]) == b"" and unpack_morphemes(b"") == [] and unpack_morphemes(None) == []
    assert pack_sentences([]) == b"" and unpack_sentences(b"") == [] and unpack_sentences(None) == []


@pytest.mark.parametrize("damage", [
    lambda blob: blob[:-1],  # cut off
    lambda blob: blob[:-1] + b"\x80",  # a varint without its last byte
    lambda blob: blob + b"\x01",  # a value too many
    lambda blob: MAGIC,  # a header without the rest
])
def test_a_damaged_blob_is_refused_with_a_message(damage):
    blob = pack_morphemes([Morpheme(0, 3, "NNP"), Morpheme(3, 4, "JKS")])
    with pytest.raises(ValueError, match="damaged"):
        unpack_morphemes(damage(blob))
    with pytest.raises(ValueError, match="damaged"):
        unpack_sentences(damage(pack_sentences([(0, 3), (4, 9)])))


def test_a_damaged_old_blob_or_tag_is_refused_with_a_message():
    with pytest.raises(ValueError, match="damaged"):
        unpack_morphemes(old_morpheme_blob([Morpheme(0, 3, "NNP")])[:-2])
    with pytest.raises(ValueError, match="damaged"):
        unpack_morphemes(pack_morpheme_rows([0, 3, len(TAGS)]))


def test_a_range_that_ends_before_it_starts_is_not_stored():
    with pytest.raises(ValueError):
        pack_morphemes([Morpheme(5, 3, "NNG")])


def test_snapping_sees_the_same_morphemes_around_a_selection():
    """An API call snaps with only the morphemes around the selection: the same result as with all."""
    from annotator.core.text.kiwi import analyse
    from annotator.core.text.morphemes import morphemes_around
    from annotator.core.text.snapping import snap_to_morphemes

    text = "[정책일보] 과기정통부는 “디지털트윈 사업”에 국비 120억 원을 했다. 😀 원주시가 지원했다.\n(관리번호 7)"
    morphemes = analyse(text).morphemes
    blob = pack_morphemes(morphemes)
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 14) + 1):
            assert snap_to_morphemes(text, start, end, morphemes_around(blob, start, end)) == \
                snap_to_morphemes(text, start, end, morphemes), (start, end)


def test_blobs_from_another_copy_are_checked_in_either_format():
    from annotator.core.text.morphemes import morphemes_problem, sentences_problem

    morphemes = [Morpheme(0, 3, "NNP"), Morpheme(3, 4, "JKS")]
    for blob in (pack_morphemes(morphemes), old_morpheme_blob(morphemes)):
        assert morphemes_problem(blob, 4) is None
        assert "end past the text" in morphemes_problem(blob, 3)
    assert "damaged" in morphemes_problem(pack_morphemes(morphemes)[:-1], 4)
    assert "tag number" in morphemes_problem(pack_morpheme_rows([0, 3, len(TAGS)]), 4)
    assert "binary" in morphemes_problem("text", 4)
    assert "start before the text" in morphemes_problem(pack_morpheme_rows([2, 3, 0, -1, 1, 0]), 4)
    assert sentences_problem(pack_sentences([(0, 4)]), 4) is None
    assert "end past the text" in sentences_problem(pack_sentences([(0, 9)]), 4)
    assert sentences_problem(None, 4) is None and morphemes_problem(b"", 4) is None
