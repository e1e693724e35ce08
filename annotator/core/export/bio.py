"""BIO text formats: KLUE-NER character TSV and CoNLL-2003 style morpheme tokens.

KLUE-NER (klue-ner-v1.1_*.tsv) starts with five ``##`` comment lines, then for
each sentence ``## <id><TAB><sentence with <entity:TAG> markup>``, one
``char<TAB>tag`` line per character (a space is the line `` <TAB>O``) and a
blank line. Line breaks and tabs inside a sentence (only when a span crossed
a line and joined two) are written as spaces so the layout holds.
"""

from __future__ import annotations

import re

from .document import ExportDocument
from .flat import Flat, token_tags
from .formats import PartFiles
from .tagging import entity_prefixes

KLUE_PREAMBLE = (
    "## 토큰, 레이블 구분자 : \\t\n"
    "## 토큰 구분자 : \\n\n"
    "## 문장 구분자 : \\n\\n\n"
    "## 주석 : ##\n"
    "## 컬럼명 : CHAR\tNE_TAG\n"
)
# Characters that would break a line-per-character TSV: written as a space.
_LINE_BREAKING = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class _BioWriter(PartFiles):
    pass


def klue_text(text: str) -> str:
    """The text as KLUE lines show it: line breaks and tabs as spaces (same length, same offsets)."""
    return _LINE_BREAKING.sub(" ", text)


def klue_block(sentence_id: str, text: str, start: int, end: int, spans, scheme: str = "bio") -> str:
    """One KLUE-NER sentence block for ``text[start:end]`` (a ``klue_text``) with ``spans`` inside it, ordered."""
    plain = text[start:end]
    markup: list[str] = []
    lines: list[str] = []
    position = 0
    for span in spans:
        s, e = span.start - start, span.end - start
        gap, inside = plain[position:s], plain[s:e]
        if gap:
            markup.append(gap)
            lines.append("\tO\n".join(gap) + "\tO\n")
        markup.append(f"<{inside}:{span.label}>")
        prefixes = entity_prefixes(len(inside), scheme)
        lines.extend(f"{char}\t{prefix}-{span.label}\n" for char, prefix in zip(inside, prefixes))
        position = e
    rest = plain[position:]
    if rest:
        markup.append(rest)
        lines.append("\tO\n".join(rest) + "\tO\n")
    return f"## {sentence_id}\t{''.join(markup)}\n{''.join(lines)}\n"


class KlueWriter(_BioWriter):
    extension = ".tsv"
    preamble = KLUE_PREAMBLE

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = klue_text(document.text)
        spans = flat.spans
        blocks = []
        index = 0
        for number, (start, end) in enumerate(flat.segments):
            first = index
            while index < len(spans) and spans[index].start < end:
                index += 1
            blocks.append(klue_block(f"{document.uid}_{number}", text, start, end, spans[first:index],
                                     self.context.scheme))
        self.files[part].write("".join(blocks))


class ConllWriter(_BioWriter):
    """``token<TAB>tag`` lines, a blank line after each sentence, ``-DOCSTART-`` before each document."""

    extension = ".conll"

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        tags = token_tags(flat, self.context.scheme)
        tokens = flat.tokens
        out = ["-DOCSTART-\tO\n\n"]
        index = 0
        for _, end in flat.segments:
            while index < len(tokens) and tokens[index][1] <= end:
                start, stop = tokens[index]
                out.append(f"{text[start:stop]}\t{tags[index]}\n")
                index += 1
            out.append("\n")
        self.files[part].write("".join(out))
