"""spaCy DocBin (``.spacy``) files in a folder, one Doc a document, built from the Kiwi morpheme tokens.

The Doc's text is the document's text exactly (whitespace that is not a single
space after a token becomes a whitespace token, as spaCy does), so a span's
character offsets are its entity's; entities and sentence starts are given to
the ``Doc`` constructor as BIO tags and flags.

A DocBin holds every Doc it was given until it is written, so documents go to
numbered files (``0000.spacy``, ``0001.spacy``, …) of at most
``TOKENS_PER_FILE`` tokens, each with its own vocabulary: memory stays flat
at any corpus size. spaCy's ``Corpus`` reads a folder of them (``--paths.train
exports/spacy/train``); without a split the files sit at the top, and the
config evaluates on them too (``spacy train`` refuses a config without a dev
corpus; the report says the scores are not held out).

``config.cfg`` beside them is spaCy's own ``init config`` for a blank ``xx``
NER pipeline with ``gold_preproc = true`` in ``[corpora.train]`` and
``[corpora.dev]``: without it spaCy re-tokenises the text on whitespace for
training and the morpheme tokens (and entities that end before a particle)
are lost.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, spacy_pieces
from annotator.core.export.formats import ExportContext

TOKENS_PER_FILE = 100_000
CONFIG = "config.cfg"


def doc_words(text: str, flat: Flat):
    """spaCy ``words``, ``spaces``, ``sent_starts`` and IOB ``ents`` for the tokens of ``flat``."""
    sentence_starts = {start for start, _ in flat.segments}
    spans = flat.spans
    words, spaces, sent_starts, ents = [], [], [], []
    at = 0  # the first span not ending before the current piece
    for piece in spacy_pieces(text, flat.tokens):
        words.append(text[piece.start:piece.end])
        spaces.append(piece.ws)
        sent_starts.append(not piece.is_space and piece.start in sentence_starts)
        while at < len(spans) and spans[at].end <= piece.start:
            at += 1
        if at < len(spans) and spans[at].start == piece.start:
            ents.append(f"B-{spans[at].label}")
        elif at < len(spans) and spans[at].start < piece.start:
            ents.append(f"I-{spans[at].label}")  # whitespace inside an entity keeps it whole
        else:
            ents.append("O")
    return words, spaces, sent_starts, ents


def training_config(train: str | None, dev: str | None):
    """spaCy's default efficiency config for a blank ``xx`` NER pipeline, trained on our tokens."""
    from spacy.cli.init_config import init_config

    config = init_config(lang="xx", pipeline=["ner"], optimize="efficiency")
    config["paths"]["train"] = train
    config["paths"]["dev"] = dev
    for corpus in ("train", "dev"):
        config["corpora"][corpus]["gold_preproc"] = True
    return config


class DocBinWriter:
    extension = ".spacy"

    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.root = root
        self.context = context
        self.folders = {part: (root / part if part else root) for part in parts}  # made on their first file
        self.bins: dict[str | None, DocBin | None] = {part: None for part in parts}
        self.vocabs: dict[str | None, Vocab] = {}
        self.tokens = {part: 0 for part in parts}
        self.files = {part: 0 for part in parts}

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        words, spaces, sent_starts, ents = doc_words(document.text, flat)
        if self.bins[part] is None:
            self.bins[part] = DocBin(store_user_data=True)
            self.vocabs[part] = Vocab()
        doc = Doc(self.vocabs[part], words=words, spaces=spaces, sent_starts=sent_starts, ents=ents)
        doc.user_data.update({"id": document.id, "uid": document.uid, "title": document.title})
        self.bins[part].add(doc)
        self.tokens[part] += len(words)
        if self.tokens[part] >= TOKENS_PER_FILE:
            self.flush(part)

    def flush(self, part: str | None) -> None:
        """Write the part's DocBin as its next numbered file and start a new one."""
        docbin = self.bins[part] or DocBin(store_user_data=True)
        self.folders[part].mkdir(parents=True, exist_ok=True)
        docbin.to_disk(self.folders[part] / f"{self.files[part]:04d}{self.extension}")
        self.files[part] += 1
        self.bins[part] = None
        self.vocabs.pop(part, None)
        self.tokens[part] = 0

    def close(self) -> None:
        for part in self.folders:
            if self.bins[part] is not None:  # a part with no document gets no file (the exporter says why)
                self.flush(part)
        # The config names the folders as --out gave them; a 90/10 split (train, test) evaluates on its test
        # part, and an export without a dev or test part on its training documents (the report says so).
        out = self.context.report.out
        written = {part for part, count in self.files.items() if count}
        train = out.as_posix() if None in written else (out / "train").as_posix() if "train" in written else None
        dev = next(((out / name).as_posix() for name in ("dev", "test") if name in written), None)
        if train is None:
            self.context.report.notes.append(f"{CONFIG} has no training corpus: no document fell into train")
        elif dev is None:
            self.context.report.notes.append(
                f"{CONFIG} evaluates on the training documents (there is no dev or test part): its scores are "
                "not held out; export with --split 80/10/10 for a dev part")
        training_config(train, dev or train).to_disk(self.root / CONFIG)

    def abort(self) -> None:
        self.bins.clear()
        self.vocabs.clear()
