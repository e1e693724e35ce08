"""Tag schemes of the tagged exports (``--scheme``): BIO, IOBES and BILOU.

BIO marks the first unit of an entity ``B-`` and the rest ``I-``. IOBES also
marks the last unit ``E-`` and a one-unit entity ``S-``; BILOU is the same
with ``L-`` and ``U-``. Every tagged format writes the scheme asked for, and
every tagged reader of ``annotator import`` reads all three.
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
