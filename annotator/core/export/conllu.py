"""CoNLL-U over Kiwi morpheme tokens, entities in MISC as ``NE=B-AGENCY``.

``# newdoc id = <uid>`` before each document, ``# sent_id`` and ``# text``
before each sentence (Kiwi's, cut at line breaks; ``# text`` shows
whitespace as single spaces), then ten columns a token: ID, FORM, LEMMA
``_``, UPOS (from the Kiwi tag), XPOS (the Kiwi tags of the token, ``+``
joined), FEATS, HEAD, DEPREL, DEPS ``_`` (no syntax), MISC. MISC holds ``NE=``
(every token; ``O`` outside) and the spacing: ``SpaceAfter=No``, or
``SpacesAfter``/``SpacesBefore`` (UDPipe's escapes) where the gap is not the
reader's default (a space inside a sentence, a line break between
sentences), so ``annotator import --format conllu`` rebuilds the text
exactly. spaCy's ``conllu`` converter reads the ``NE=`` tags (BIO, BILOU).
"""

from __future__ import annotations

import re

from annotator.core.ingest.conllu import escape_spaces
from annotator.core.text.morphemes import base_tag
from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, token_morpheme_tags, token_tags
from annotator.core.export.formats import PartFiles

_SPACES = re.compile(r"\s+")
UPOS = {
    "NNG": "NOUN", "NNB": "NOUN", "NNP": "PROPN", "NR": "NUM", "NP": "PRON", "VV": "VERB", "VA": "ADJ",
    "VX": "AUX", "VCP": "AUX", "VCN": "AUX", "MM": "DET", "MAG": "ADV", "MAJ": "CCONJ", "IC": "INTJ",
    "SN": "NUM", "SL": "X", "SH": "X", "SF": "PUNCT", "SP": "PUNCT", "SS": "PUNCT", "SSO": "PUNCT",
    "SSC": "PUNCT", "SE": "PUNCT", "SO": "PUNCT", "SW": "SYM", "XR": "NOUN",
}


def _upos(tag: str) -> str:
    tag = base_tag(tag)
    if tag.startswith("J"):
        return "ADP"
    if tag.startswith(("E", "XS", "XP")):
        return "PART"
    return UPOS.get(tag, "X")


class ConlluWriter(PartFiles):
    extension = ".conllu"

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text, tokens = document.text, flat.tokens
        tags = token_tags(flat, self.context.scheme)
        token_morphemes = token_morpheme_tags(tokens, document.morphemes)
        out = [f"# newdoc id = {document.uid}\n"]
        index = 0
        for number, (start, end) in enumerate(flat.segments, start=1):
            out.append(f"# sent_id = {document.uid}-{number}\n# text = {_SPACES.sub(' ', text[start:end])}\n")
            first = index
            while index < len(tokens) and tokens[index][1] <= end:
                index += 1
            for position in range(first, index):
                token_start, token_end = tokens[position]
                inside = token_morphemes[position]
                misc = [f"NE={tags[position]}"]
                if position == 0 and token_start > 0:
                    misc.append(f"SpacesBefore={escape_spaces(text[:token_start])}")
                following = tokens[position + 1][0] if position + 1 < len(tokens) else len(text)
                gap = text[token_end:following]
                default = "" if position + 1 == len(tokens) else "\n" if position + 1 == index else " "
                if gap != default:
                    misc.append("SpaceAfter=No" if gap == "" else f"SpacesAfter={escape_spaces(gap)}")
                out.append("\t".join((
                    str(position - first + 1), text[token_start:token_end], "_",
                    _upos(inside[0]) if inside else "X", "+".join(inside) or "_", "_", "_", "_", "_",
                    "|".join(misc))) + "\n")
            out.append("\n")
        self.put(part, "".join(out))
