"""Moving a span's edges by one morpheme or one character."""

from annotator.core.text.boundaries import END, START, MorphemeStops, move_edge
from annotator.core.text.morphemes import Morpheme

TEXT = "국비 120억 원을 확보"
STOPS = MorphemeStops([
    Morpheme(0, 2, "NNG"), Morpheme(3, 6, "SN"), Morpheme(6, 7, "NR"), Morpheme(8, 9, "NNB"),
    Morpheme(9, 10, "JKO"), Morpheme(11, 13, "NNG"),
])


def test_morpheme_steps():
    assert move_edge(TEXT, STOPS, 3, 9, END, 1) == (3, 10)  # takes the particle
    assert move_edge(TEXT, STOPS, 3, 9, END, -1) == (3, 7)
    assert move_edge(TEXT, STOPS, 3, 9, START, -1) == (0, 9)
    assert move_edge(TEXT, STOPS, 3, 9, START, 1) == (6, 9)
    assert move_edge(TEXT, STOPS, 3, 7, END, -1) == (3, 6)
    assert move_edge(TEXT, STOPS, 3, 6, END, -1) == (3, 6)  # would be empty
    assert move_edge(TEXT, STOPS, 11, 13, END, 1) == (11, 13)  # nothing further


def test_character_steps_skip_whitespace():
    assert move_edge(TEXT, STOPS, 3, 9, END, -1, by_character=True) == (3, 7)  # over the space: 120억
    assert move_edge(TEXT, STOPS, 3, 7, END, 1, by_character=True) == (3, 9)
    assert move_edge(TEXT, STOPS, 3, 9, START, -1, by_character=True) == (1, 9)  # over the space: 비
    assert move_edge(TEXT, STOPS, 0, 9, START, 1, by_character=True) == (1, 9)
    assert move_edge(TEXT, STOPS, 0, 1, END, -1, by_character=True) == (0, 1)
    assert move_edge(TEXT, STOPS, 0, 2, START, -1, by_character=True) == (0, 2)
