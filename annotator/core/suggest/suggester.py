"""Runs the recognisers the schema names for each label and resolves their overlaps.

``project.toml`` gives each label its ``recognisers``:

- ``amount``: monetary amounts with value and currency (``amounts.py``)
- ``gazetteer``: names from the gazetteer files, with ``canonical``; a name glued
  to a following noun (원주시장, 서울시민) is skipped
- ``lexicon``: terms from the gazetteer files, with ``canonical``, refined by
  ``terms.py`` (no industries; product categories such as AI 의료기기 kept whole)
- ``agency-pattern``: unlisted public bodies by their head noun (``agencies.py``)
- ``program-pattern``: quoted and specific named programmes (``programs.py``)
- ``learned``: strings labelled before in this project (``learned.py``)
- ``model``: the CRF trained on the project's finished work (``core.model``), for the
  labels whose held-out F1 reaches their threshold; each of its suggestions carries
  its marginal probability (``confidence``), and where a rule proposes the same span
  the two are one suggestion (the rule's, with the model's confidence)
- ``remote``: a service speaking Label Studio's ML-backend protocol, ``[remote]`` in
  ``project.toml`` (``remote.py``); its spans join the rules' the way the model's do, and a model
  span overlapping one of them goes

Gazetteer files are re-read when one of them changes on disk, so an edited
``PROJECT/gazetteers/*.tsv`` takes effect on the next suggestion.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from annotator.core.text.morphemes import Morpheme
from annotator.core.schema import RECOGNISER_ATTRIBUTES, RECOGNISERS, Schema
from annotator.core.suggest.agencies import agency_pattern, followed_by_attached_noun, region_prefixes, titled_name
from annotator.core.suggest.amounts import find_amounts
from annotator.core.suggest.analysed_text import AnalysedText
from annotator.core.suggest.gazetteer import Gazetteer
from annotator.core.suggest.learned import LearnedStrings
from annotator.core.suggest.programs import quoted_programs, unquoted_programs
from annotator.core.suggest.suggestion import Intervals, Suggestion, resolve_overlaps

if TYPE_CHECKING:
    from annotator.core.model.recogniser import ModelRecogniser
    from annotator.core.suggest.remote.recogniser import RemoteRecogniser

MODEL = "model"
REMOTE = "remote"
LEARNING = (MODEL, REMOTE)  # recognisers that learn, outside the rules' candidates
from annotator.core.suggest.terms import is_industry, names_industry, with_glued_prefix, with_product_head


class Suggester:
    def __init__(self, schema: Schema, gazetteer_files: Callable[[], list[Path]],
                 learned: LearnedStrings | None = None, model: ModelRecogniser | None = None,
                 remote: RemoteRecogniser | None = None):
        self.schema = schema
        self._gazetteer_files = gazetteer_files
        self._learned = learned
        self._model = model
        self.remote = remote
        self._gazetteer: Gazetteer | None = None
        self._pinning = False  # see pinned_gazetteer
        self._pinned: Gazetteer | None = None
        self._stamp: tuple = ()
        self._prefixes: dict[str, tuple[str, ...]] = {}
        self._last_fixed: tuple | None = None  # see _fixed_candidates
        self._last_model: tuple | None = None  # see _model_suggestions
        self._recognisers: dict[str, Callable[[AnalysedText, str], Iterable[Suggestion]]] = {
            "amount": self._amounts,
            "gazetteer": self._names,
            "lexicon": self._terms,
            "agency-pattern": self._agency_pattern,
            "program-pattern": self._programs,
            "learned": self._learned_strings,
        }
        assert set(self._recognisers) | set(LEARNING) == set(RECOGNISERS)

    # -- resources -----------------------------------------------------------------

    @property
    def gazetteer(self) -> Gazetteer:
        """The merged gazetteer, re-read when a file was added, removed or changed."""
        if self._pinned is not None:
            return self._pinned
        files = self._gazetteer_files()
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())
        if self._gazetteer is None or stamp != self._stamp:
            self._gazetteer = Gazetteer.load(Path(p) for p, _, _ in stamp)
            self._stamp = stamp
            self._prefixes = {}
        if self._pinning:
            self._pinned = self._gazetteer
        return self._gazetteer

    @contextmanager
    def pinned_gazetteer(self):
        """For many spans at once (an import): look at the gazetteer files once, when first needed,
        not per span."""
        self._pinning, self._pinned = True, None
        try:
            yield
        finally:
            self._pinning, self._pinned = False, None

    @contextmanager
    def batch_learning(self, layer: str | None = None):
        """For pre-annotating many documents: keep the learned strings as they are now and
        ignore ``layer``, the one being written, so a run's own spans never feed back into
        its suggestions and running it again adds nothing."""
        if self._learned is None:
            yield
            return
        self._learned.ignored_layers = frozenset([layer] if layer else [])
        self._learned.labels()
        self._learned.frozen = True
        try:
            yield
        finally:
            self._learned.frozen = False
            self._learned.ignored_layers = frozenset()

    # -- suggesting ------------------------------------------------------------------

    def candidates(self, analysed: AnalysedText, labels: Sequence[str] | None = None,
                   learned: bool | None = None) -> Iterator[Suggestion]:
        """Everything every rule recogniser of every (selected) label proposes, overlaps included;
        ``learned`` True or False: only or all but the ``learned`` recogniser (never the model or remote)."""
        for label in self.schema.labels:
            if labels is not None and label.name not in labels:
                continue
            for name in dict.fromkeys(label.recognisers):
                if name not in LEARNING and (learned is None or learned == (name == "learned")):
                    yield from self._recognisers[name](analysed, label.name)

    def attributed(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        """What ``label``'s recognisers that set attributes (``RECOGNISER_ATTRIBUTES``) propose: what
        ``span_attributes`` reads a span's attributes from."""
        found = self.schema.label(label)
        for name in dict.fromkeys(found.recognisers if found else ()):
            if name not in LEARNING and RECOGNISER_ATTRIBUTES[name]:
                yield from self._recognisers[name](analysed, label)

    def suggest(self, text: str, morphemes: Sequence[Morpheme], labels: Sequence[str] | None = None,
                existing: Iterable[tuple[int, int]] = (), rejected: Iterable[tuple[int, int, str]] = (),
                wait_for_remote: bool = True) -> list[Suggestion]:
        """Non-overlapping suggestions for one text, leaving out any that overlap an
        ``existing`` (start, end) or match a ``rejected`` (start, end, label). ``wait_for_remote``
        False: the remote service's answer only if it is at hand (a window asks for it apart)."""
        analysed, fixed = self._fixed_candidates(text, morphemes)
        found = chain(fixed, self.candidates(analysed, None, learned=True))
        if self.remote is not None:
            found = _agreeing_as_one(found, self.remote.suggestions(analysed, wait_for_remote))
        found = _agreeing_as_one(found, self._model_suggestions(analysed, fixed))
        taken = Intervals(existing)
        rejected = set(rejected)
        kept = [
            s for s in found
            if (labels is None or s.label in labels) and (s.start, s.end, s.label) not in rejected
            and not taken.overlaps(s.start, s.end)
        ]
        return resolve_overlaps(kept)

    def rule_candidates(self, text: str, morphemes: Sequence[Morpheme]) -> list[Suggestion]:
        """What every recogniser but ``learned`` and ``model`` proposes for every label, overlaps
        included: the model's rule features (``learned`` is left out: in training it would repeat
        the very labels being learned)."""
        return self._fixed_candidates(text, morphemes)[1]

    def _fixed_candidates(self, text: str, morphemes: Sequence[Morpheme]) -> tuple[AnalysedText, list[Suggestion]]:
        """The analysed text and what every rule recogniser but ``learned`` proposes for every label,
        kept for the last text asked about: a workbench asks again after each change to the same
        document, and only the learned strings can have changed (a third of the time of a long article)."""
        gazetteer = self.gazetteer  # a new object when a gazetteer file changed
        cached = self._last_fixed
        if cached is not None and cached[1] is morphemes and cached[2] is gazetteer and cached[0] == text:
            return cached[3], cached[4]
        analysed = AnalysedText(text, morphemes)
        fixed = list(self.candidates(analysed, None, learned=False))
        self._last_fixed = (text, morphemes, gazetteer, analysed, fixed)
        return analysed, fixed

    def _model_suggestions(self, analysed: AnalysedText, fixed: list[Suggestion]) -> list[Suggestion]:
        """The model's suggestions for its live labels, kept for the last text and model version."""
        if self._model is None:
            return []
        loaded = self._model.current()
        if loaded is None:
            return []
        cached = self._last_model
        if cached is not None and cached[0] is analysed and cached[1] is loaded:
            return cached[2]
        found = self._model.suggestions(loaded, analysed.text, analysed.morphemes, fixed)
        self._last_model = (analysed, loaded, found)
        return found

    # -- the recognisers -------------------------------------------------------------

    def _amounts(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        for amount in find_amounts(analysed.text, analysed.morphemes):
            yield Suggestion(amount.start, amount.end, label, analysed.text[amount.start:amount.end],
                             amount.attrs(), "amount")

    def _matches(self, analysed: AnalysedText, label: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, canonical) of the longest gazetteer form at each morpheme start, left to right."""
        for start, end, entries in self.gazetteer.index(label).leftmost_longest(analysed):
            yield start, end, entries[-1].canonical

    def _names(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        for start, end, canonical in self._matches(analysed, label):
            if not followed_by_attached_noun(analysed, end):
                yield Suggestion(start, end, label, analysed.text[start:end], {"canonical": canonical}, "gazetteer")

    def _terms(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        text = analysed.text
        for start, end, canonical in self._matches(analysed, label):
            product = with_product_head(analysed, end)
            if product is not None:
                end, canonical = product[0], f"{canonical} {product[1]}"
            if names_industry(text, end):
                continue
            start = with_glued_prefix(analysed, start)
            yield Suggestion(start, end, label, text[start:end], {"canonical": canonical}, "lexicon")

    def _agency_pattern(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        prefixes = self._prefixes.get(label)
        if prefixes is None:
            prefixes = self._prefixes[label] = region_prefixes(self.gazetteer.surfaces(label))
        return agency_pattern(analysed, label, prefixes)

    def _programs(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        yield from quoted_programs(analysed, label)
        yield from unquoted_programs(analysed, label)

    def _learned_strings(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        """Strings labelled before; forms a gazetteer of this label already has are left to the
        gazetteer or lexicon recogniser, whose rules (titles, industries) know better."""
        if self._learned is None:
            return
        recognisers = set(self.schema.label(label).recognisers)
        known = self.gazetteer.surfaces(label) if {"gazetteer", "lexicon"} & recognisers else set()
        for suggestion in self._learned.suggestions(analysed, label):
            if suggestion.text not in known and not self._excluded(analysed, label, recognisers, suggestion):
                yield suggestion

    def _excluded(self, analysed: AnalysedText, label: str, recognisers: set[str], learned: Suggestion) -> bool:
        """A learned string the label's own rules turn down, however often it was labelled: a
        gazetteer name with a title glued to it (원주시장, 과기정통부장관) for a ``gazetteer`` label, an
        industry (의료기기산업) for a ``lexicon`` label."""
        if "lexicon" in recognisers and is_industry(learned.text):
            return True
        if "gazetteer" in recognisers:
            for end, _entries in self.gazetteer.index(label).matches_at(analysed.text, learned.start):
                if titled_name(analysed.text, end, learned.end):
                    return True
        return False


def _agreeing_as_one(found: Iterable[Suggestion], model: list[Suggestion]) -> list[Suggestion]:
    """The rules' and the model's (or the remote service's) suggestions; where both propose the same
    span with the same label, one suggestion: the rule's (with its attributes), carrying the model's
    confidence (``confidence_from``).
    A model span that overlaps a different rule span is dropped: the rules draw boundaries more
    exactly (a particle Kiwi left glued to a name), the model adds what they do not find."""
    by_key = {(m.start, m.end, m.label): m for m in model}
    merged, agreed = [], set()
    for suggestion in found:
        key = (suggestion.start, suggestion.end, suggestion.label)
        agreeing = by_key.get(key)
        if agreeing is not None:
            agreed.add(key)
            if suggestion.confidence is None:  # a remote span keeps its own score when the model agrees
                suggestion = replace(suggestion, confidence=agreeing.confidence, confidence_from=agreeing.source)
        merged.append(suggestion)
    taken = Intervals((s.start, s.end) for s in merged)
    return merged + [m for key, m in by_key.items() if key not in agreed and not taken.overlaps(m.start, m.end)]
