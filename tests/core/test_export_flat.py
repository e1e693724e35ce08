"""Flat labelling for BIO formats: tokens, overlaps, sentences (no Kiwi: synthetic morphemes)."""

from annotator.core.export.document import ExportDocument, ExportSpan
from annotator.core.export.flat import (flatten, resolve_overlaps, sentences, spacy_pieces, split_at,
                                        token_morpheme_tags, token_tags, tokenize)
from annotator.core.export.split import Split
from annotator.core.store.export import ExportRow
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator import AnnotatorError


def test_tokens_merge_shared_characters_and_cover_every_character_once():
    text = "보고했다  ☃x y"
    # 보고 | 하+었 share 했 | 다 ; "☃x" not analysed ; y analysed
    morphemes = [Morpheme(0, 2, "NNG"), Morpheme(2, 3, "XSV"), Morpheme(2, 3, "EP"), Morpheme(3, 4, "EF"),
                 Morpheme(10, 11, "SL")]
    tokens = tokenize(text, pack_morphemes(morphemes))
    assert [text[s:e] for s, e in tokens] == ["보고", "했", "다", "☃x", "y"]
    assert all(a[1] <= b[0] for a, b in zip(tokens, tokens[1:]))  # never overlapping
    assert "".join(text[s:e] for s, e in tokens) == "".join(text.split())


def test_a_morpheme_spanning_whitespace_is_cut_into_tokens():
    text = "디지털 치료기기"
    assert tokenize(text, pack_morphemes([Morpheme(0, 8, "NNP")])) == [(0, 3), (4, 8)]


def test_overlaps_keep_the_longer_then_the_earlier():
    spans = [ExportSpan(0, 4, "TECH", {}), ExportSpan(0, 8, "TECH", {}), ExportSpan(6, 10, "AGENCY", {}),
             ExportSpan(10, 12, "BUDGET", {}), ExportSpan(11, 13, "BUDGET", {})]
    kept, dropped = resolve_overlaps(spans)
    assert [spans[i][:3] for i in kept] == [(0, 8, "TECH"), (10, 12, "BUDGET")]
    assert sorted(i for i, _ in dropped) == [0, 2, 4]
    assert dict(dropped)[2] == "overlaps TECH [0, 8)"


def test_sentences_are_joined_when_a_span_crosses_them_and_cut_at_line_breaks():
    text = "첫 문장. 둘째 문장.\n셋째 줄\n\n넷째"
    stored = pack_sentences([(0, 5), (6, 17)])  # Kiwi put two lines in one sentence and missed the last
    segments, joined = sentences(text, stored, [])
    assert [text[s:e] for s, e in segments] == ["첫 문장.", "둘째 문장.", "셋째 줄", "넷째"]
    assert joined == 0
    segments, joined = sentences(text, stored, [(3, 8)])  # 문장. 둘째
    assert [text[s:e] for s, e in segments] == ["첫 문장. 둘째 문장.", "셋째 줄", "넷째"]
    assert joined == 1


def _document(text, spans, morphemes, sentence_ranges):
    row = ExportRow(1, "u1", "", text, "{}", None, [(s, e, label, "{}") for s, e, label in spans],
                    pack_morphemes(morphemes), pack_sentences(sentence_ranges))
    return ExportDocument(row)


def test_flatten_resolves_overlaps_then_cuts_tokens_at_span_edges():
    text = "대전시는 원주시  광역시도"
    morphemes = [Morpheme(0, 3, "NNP"), Morpheme(3, 4, "JX"), Morpheme(5, 8, "NNP"), Morpheme(10, 14, "NNP")]
    spans = [(1, 3, "AGENCY"), (2, 4, "TECH"), (4, 8, "AGENCY"), (10, 13, "AGENCY")]  # (4, 8): a space first
    document = _document(text, spans, morphemes, [(0, 14)])
    flat = flatten(document, "token")
    assert [(s.start, s.end, s.label) for s in flat.spans] == [(1, 3, "AGENCY"), (5, 8, "AGENCY"), (10, 13, "AGENCY")]
    assert [text[s:e] for s, e in flat.tokens] == ["대", "전시", "는", "원주시", "광역시", "도"]
    assert flat.split == 2  # 대전시 → 대 + 전시, 광역시도 → 광역시 + 도
    assert [(before.start, before.end, after.start) for before, after in flat.widened] == [(4, 8, 5)]  # trimmed
    # The TECH span overlaps the longer AGENCY span and is lost; it is reported as stored.
    assert [(s.start, s.end, s.label) for s, _ in flat.dropped] == [(2, 4, "TECH")]
    assert token_tags(flat) == ["O", "B-AGENCY", "O", "B-AGENCY", "B-AGENCY", "O"]
    character_level = flatten(document, "char")
    assert [(s.start, s.end) for s in character_level.spans] == [(1, 3), (4, 8), (10, 13)]  # raw offsets kept
    assert character_level.tokens == [] and character_level.split == 0


def test_split_is_deterministic_proportional_and_seeded():
    split = Split.parse("80/10/10", seed=7)
    uids = [f"{i:016x}" for i in range(5000)]
    parts = [split.part(u) for u in uids]
    assert parts == [Split.parse("80/10/10", seed=7).part(u) for u in uids]
    assert 0.77 < parts.count("train") / 5000 < 0.83 and parts.count("dev") > 350 and parts.count("test") > 350
    assert parts != [Split.parse("80/10/10", seed=8).part(u) for u in uids]
    assert Split.parse("90/10").names == ("train", "test")
    for bad in ("80/10", "80/10/5", "a/b/c", "100", "50/-10/60"):
        with pytest.raises(AnnotatorError, match="--split"):
            Split.parse(bad)


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet="가나다 \n\t\u00a0\u3000x", min_size=1, max_size=30))
    spans = draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).filter(
        lambda pair: pair[0] < pair[1]), max_size=4))
    return text, spans


@given(texts_and_spans())
@settings(max_examples=200, deadline=None)
def test_spacy_pieces_rebuild_the_text_and_put_every_span_edge_on_a_piece(case):
    text, spans = case
    tokens = split_at(tokenize(text, b""), sorted({offset for span in spans for offset in span}))
    pieces = spacy_pieces(text, tokens, spans)
    assert "".join(text[p.start:p.end] + " " * p.ws for p in pieces) == text
    assert all(p.end > p.start and (p.is_space == text[p.start:p.end].isspace()) for p in pieces)
    assert all(not p.ws or text[p.end] == " " for p in pieces)
    starts, ends = {p.start for p in pieces}, {p.end for p in pieces}
    assert all(start in starts and end in ends for start, end in spans)


def test_spacy_pieces_follow_spacy_on_line_breaks_and_runs_of_spaces():
    spacy = pytest.importorskip("spacy")
    text = " 원주시는  국비를\n\n받았다 \n 끝 "
    pieces = spacy_pieces(text, tokenize(text, b""))
    doc = spacy.blank("xx").make_doc(text)  # spaCy's own whitespace handling on words without punctuation
    assert [(text[p.start:p.end], p.ws) for p in pieces] == [(t.text, bool(t.whitespace_)) for t in doc]


def test_token_morpheme_tags_follow_merged_and_cut_morphemes():
    text = "보고했다 디지털 치료기기 ☃"
    morphemes = [Morpheme(0, 2, "NNG"), Morpheme(2, 3, "XSV"), Morpheme(2, 3, "EP"), Morpheme(3, 4, "EF"),
                 Morpheme(5, 13, "NNP")]  # a dictionary entry with a space inside
    tokens = tokenize(text, pack_morphemes(morphemes))
    assert [text[s:e] for s, e in tokens] == ["보고", "했", "다", "디지털", "치료기기", "☃"]
    assert token_morpheme_tags(tokens, pack_morphemes(morphemes)) == [
        ["NNG"], ["XSV", "EP"], ["EF"], ["NNP"], ["NNP"], []]
