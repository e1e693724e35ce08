"""Naver NLP Challenge NER layout: ``index<TAB>eojeol<TAB>TAG``, a blank line after each sentence.

The unit is the eojeol (a whitespace-separated word), so a span is widened to
the eojeols it touches, particles included (원주시 → 원주시가), and listed as
widened; two spans that end up in one eojeol cannot both be written (the
first is kept, the other reported). Tags are ``LABEL_B``/``LABEL_I`` (with
``--scheme iobes`` also ``_E``/``_S``, bilou ``_L``/``_U``) and ``-`` outside.
Sentences are Kiwi's, cut at line breaks. ``annotator import --format naver``
strips the particles again with the stored morphemes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat
from annotator.core.export.formats import PartFiles
from annotator.core.export.report import SpanNote
from annotator.core.export.tagging import entity_prefixes

_WORD = re.compile(r"\S+")
OUTSIDE = "-"


class NaverWriter(PartFiles):
    extension = ".tsv"

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text, report = document.text, self.context.report
        lines = []
        index = 0
        for start, end in flat.segments:
            words = [m.span() for m in _WORD.finditer(text, start, end)]
            tags = [OUTSIDE] * len(words)
            word_starts, word_ends = [w[0] for w in words], [w[1] for w in words]
            while index < len(flat.spans) and flat.spans[index].start < end:
                span = flat.spans[index]
                index += 1
                first, last = bisect_right(word_ends, span.start), bisect_left(word_starts, span.end) - 1
                if first > last or any(tag != OUTSIDE for tag in tags[first:last + 1]):
                    report.dropped.append(SpanNote(document.uid, span.start, span.end, span.label,
                                                   text[span.start:span.end], "shares an eojeol with another span"))
                    report.spans_by_label[span.label] -= 1
                    continue
                widened = (word_starts[first], word_ends[last])
                if widened != (span.start, span.end):
                    report.widened.append(SpanNote(
                        document.uid, span.start, span.end, span.label, text[span.start:span.end],
                        f"widened to whole eojeols “{text[widened[0]:widened[1]]}” (particles included, as "
                        "the Naver corpus tags them)", widened))
                prefixes = entity_prefixes(last - first + 1, self.context.scheme)
                tags[first:last + 1] = [f"{span.label}_{prefix}" for prefix in prefixes]
            lines.extend(f"{number}\t{text[s:e]}\t{tag}\n" for number, ((s, e), tag) in enumerate(zip(words, tags), 1))
            lines.append("\n")
        self.put(part, "".join(lines))
