"""BIO text formats: KLUE-NER character TSV and CoNLL-2003 style morpheme tokens.

KLUE-NER (klue-ner-v1.1_*.tsv) starts with five ``##`` comment lines, then for
each sentence ``## <id><TAB><sentence with <entity:TAG> markup>``, one
``char<TAB>tag`` line per character (a space is the line `` <TAB>O``) and a
blank line.

The KLUE-baseline reader joins the characters and splits words on ``" "``
only, then aligns BERT's word pieces to the characters, so a character BERT
treats differently shifts every later label. In the exported characters
(offsets stay in the master ``jsonl``) every whitespace character (line break,
tab, no-break space, U+3000, …) is therefore written as a space, and the
characters BERT's text cleaning deletes (control and format characters: zero
width space and joiners, BOM, soft hyphen, bidi marks; U+FFFD) are left out.
In the ``##`` markup line a literal ``<``, ``>`` or ``\\`` of the text is
written ``\\<``, ``\\>``, ``\\\\``, so ``<속보>`` cannot be read as an entity.

CoNLL comes in two layouts: ``conll``, ``token<TAB>tag`` with
``-DOCSTART-<TAB>O``; and ``conll2003``, the four space-separated columns of
CoNLL-2003 (``token POS chunk tag``, the POS being the Kiwi tags of the
token's morphemes joined by ``+``, the chunk ``O``) with the
``-DOCSTART- -X- O O`` line that ``spacy convert -c ner`` takes as a document
break.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, token_morpheme_tags, token_tags
from annotator.core.export.formats import PartFiles
from annotator.core.export.report import SpanNote
from annotator.core.export.tagging import entity_prefixes

KLUE_PREAMBLE = (
    "## 토큰, 레이블 구분자 : \\t\n"
    "## 토큰 구분자 : \\n\n"
    "## 문장 구분자 : \\n\\n\n"
    "## 주석 : ##\n"
    "## 컬럼명 : CHAR\tNE_TAG\n"
)
_OTHER_WHITESPACE = re.compile(r"[^\S ]")  # every whitespace character but the space itself
_MARKUP_SPECIAL = re.compile(r"[\\<>]")


@functools.cache
def _deleted_by_bert() -> re.Pattern:
    """The characters BERT's text cleaning deletes (categories Cc and Cf, and U+FFFD) that are not whitespace."""
    chars = [c for c in map(chr, range(sys.maxunicode + 1))
             if unicodedata.category(c) in ("Cc", "Cf") and not c.isspace()]
    return re.compile("[" + "".join(re.escape(c) for c in chars + ["\ufffd"]) + "]")


def escape_markup(text: str) -> str:
    return _MARKUP_SPECIAL.sub(r"\\\g<0>", text)


class KlueText:
    """A document's text as KLUE lines hold it: whitespace as spaces (same offsets), and pieces cut from it
    without the characters BERT deletes. Most documents have none of those and no ``<>\\``: they skip the work."""

    def __init__(self, text: str):
        self.text = _OTHER_WHITESPACE.sub(" ", text)
        self.deletes = _deleted_by_bert().search(self.text) is not None
        self.escapes = _MARKUP_SPECIAL.search(self.text) is not None

    def chars(self, start: int, end: int) -> str:
        piece = self.text[start:end]
        return _deleted_by_bert().sub("", piece) if self.deletes else piece

    def markup(self, piece: str) -> str:
        return escape_markup(piece) if self.escapes else piece


def klue_block(sentence_id: str, text: KlueText, start: int, end: int, spans, scheme: str = "bio") -> str:
    """One KLUE-NER sentence block for ``text[start:end]`` with ``spans`` inside it, ordered; each span
    must keep a character in ``text.chars``. Empty when the sentence keeps no character."""
    markup: list[str] = []
    lines: list[str] = []
    position = start

    def outside(piece: str) -> None:
        if piece:
            markup.append(text.markup(piece))
            lines.append("\tO\n".join(piece) + "\tO\n")

    for span in spans:
        outside(text.chars(position, span.start))
        inside = text.chars(span.start, span.end)
        markup.append(f"<{text.markup(inside)}:{span.label}>")
        prefixes = entity_prefixes(len(inside), scheme)
        lines.extend(f"{char}\t{prefix}-{span.label}\n" for char, prefix in zip(inside, prefixes))
        position = span.end
    outside(text.chars(position, end))
    if not "".join(markup).strip():
        return ""
    return f"## {sentence_id}\t{''.join(markup)}\n{''.join(lines)}\n"


class KlueWriter(PartFiles):
    extension = ".tsv"
    preamble = KLUE_PREAMBLE

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = KlueText(document.text)
        spans = flat.spans
        if text.deletes:
            spans = [span for span in spans if text.chars(span.start, span.end) or self._drop(document, span)]
        blocks = []
        index = 0
        for number, (start, end) in enumerate(flat.segments):
            first = index
            while index < len(spans) and spans[index].start < end:
                index += 1
            blocks.append(klue_block(f"{document.uid}_{number}", text, start, end, spans[first:index],
                                     self.context.scheme))
        self.put(part, "".join(blocks))

    def _drop(self, document: ExportDocument, span) -> bool:
        self.context.report.dropped.append(SpanNote(
            document.uid, span.start, span.end, span.label, document.text[span.start:span.end],
            "only characters KLUE readers delete (control or zero-width)"))
        self.context.report.spans_by_label[span.label] -= 1
        return False


class ConllWriter(PartFiles):
    """``token<TAB>tag`` lines, a blank line after each sentence, ``-DOCSTART-`` before each document."""

    extension = ".conll"
    docstart = "-DOCSTART-\tO\n\n"

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        tags = token_tags(flat, self.context.scheme)
        tokens = flat.tokens
        columns = self.columns(document, tokens)
        out = [self.docstart]
        index = 0
        for _, end in flat.segments:
            while index < len(tokens) and tokens[index][1] <= end:
                start, stop = tokens[index]
                out.append(self.line(text[start:stop], columns[index] if columns else None, tags[index]))
                index += 1
            out.append("\n")
        self.put(part, "".join(out))

    def columns(self, document: ExportDocument, tokens: list[tuple[int, int]]) -> list[str] | None:
        return None

    def line(self, token: str, middle: str | None, tag: str) -> str:
        return f"{token}\t{tag}\n"


class Conll2003Writer(ConllWriter):
    """``token POS O tag`` lines (space-separated), ``-DOCSTART- -X- O O`` before each document."""

    docstart = "-DOCSTART- -X- O O\n\n"

    def columns(self, document: ExportDocument, tokens: list[tuple[int, int]]) -> list[str]:
        return ["+".join(tags) or "-X-" for tags in token_morpheme_tags(tokens, document.morphemes)]

    def line(self, token: str, middle: str | None, tag: str) -> str:
        return f"{token} {middle} O {tag}\n"
