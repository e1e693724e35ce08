"""Tag schemes of the tagged exports (``--scheme``): BIO, IOBES and BILOU.

BIO marks the first unit of an entity ``B-`` and the rest ``I-``. IOBES also
marks the last unit ``E-`` and a one-unit entity ``S-``; BILOU is the same
with ``L-`` and ``U-``. Every tagged format writes the scheme asked for, and
every tagged reader of ``annotator import`` reads all three; other readers
do not (``READERS``), and the export says so when the scheme asked for is one
that a format's usual reader misreads.
"""

from __future__ import annotations

from annotator.core.errors import AnnotatorError

SCHEMES = ("bio", "iobes", "bilou")
_LAST = {"bio": "I", "iobes": "E", "bilou": "L"}
_SINGLE = {"bio": "B", "iobes": "S", "bilou": "U"}


def check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise AnnotatorError(f"--scheme takes {', '.join(SCHEMES)}, not {scheme!r}")
    return scheme


def entity_prefixes(length: int, scheme: str = "bio") -> list[str]:
    """The prefixes of an entity ``length`` units long: ``B I I`` (bio), ``B I E`` (iobes), ``U`` (bilou, one unit)."""
    if length == 1:
        return [_SINGLE[scheme]]
    return ["B"] + ["I"] * (length - 2) + [_LAST[scheme]]


def entity_tags(label: str, length: int, scheme: str = "bio") -> list[str]:
    return [f"{prefix}-{label}" for prefix in entity_prefixes(length, scheme)]


def tag_names(label_names, scheme: str = "bio") -> list[str]:
    """``O`` then every tag of each label, in schema order: the tag vocabulary."""
    prefixes = {"bio": "BI", "iobes": "BIES", "bilou": "BILU"}[scheme]
    return ["O"] + [f"{prefix}-{label}" for label in label_names for prefix in prefixes]


# The usual readers of each tagged format and the schemes they read right (checked with each reader).
# spaCy's converters turn B-/I- and BILOU into entities but take each E- of IOBES for an entity of its
# own, and drop S- (conllu): no error, wrong entities.
READERS = {
    "conll": [("spaCy's `spacy convert -c ner`", {"bio", "bilou"})],
    "conll2003": [("spaCy's `spacy convert -c ner`", {"bio", "bilou"})],
    "conllu": [("spaCy's `spacy convert -c conllu`", {"bio", "bilou"})],
    "klue": [("KLUE-baseline's reader (KLUE's 13 BIO tags)", {"bio"})],
    "naver": [("a Naver NER reader (LABEL_B, LABEL_I)", {"bio"})],
}


def scheme_notes(fmt: str, scheme: str) -> list[str]:
    """What to tell the user when ``fmt``'s usual readers misread ``scheme``."""
    notes = []
    for reader, schemes in READERS.get(fmt, ()):
        if scheme not in schemes:
            fits = " or ".join(f"--scheme {name}" for name in SCHEMES if name in schemes)
            notes.append(f"{reader} misreads {scheme.upper()} tags (no error, wrong entities): export with {fits} for it"
                         + (" (BILOU is IOBES with L-/U- for E-/S-)" if scheme == "iobes" and "bilou" in schemes
                            else "") + "; `annotator import` reads every scheme")
    return notes
