"""The registry of export formats and what the format writers share.

A writer is created once per export with the output root (a temporary file or
folder the exporter renames into place at the end) and the split parts, gets
every document through ``write(part, document, flat)``, and is ``close``d on
success or ``abort``ed on failure.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from annotator.core.errors import AnnotatorError
from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat
from annotator.core.export.report import ExportReport
from annotator.core.export.split import Split


class MissingExtra(AnnotatorError):
    """A format needs an optional library that is not installed."""


@dataclass(frozen=True)
class ExportContext:
    project: str
    labels: tuple[str, ...]  # schema order, then labels found only in the data
    colors: dict[str, str]
    source: str
    status: str | None
    split: Split | None
    report: ExportReport
    scheme: str = "bio"  # tag scheme of the tagged formats: bio, iobes, bilou
    overlap: str = "forbid"  # the schema's overlap policy: forbid, nested or allow


class Writer(Protocol):
    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    writer: str  # "module:Class" in this package, imported when used
    extension: str  # of each file, or "" for folder formats
    folder: bool = False  # the output is a folder even without a split
    level: str | None = None  # "char" or "token" for flat (BIO) formats
    tagged: bool = False  # writes a tag per character, token or eojeol, so --scheme applies
    analysis: bool = False  # needs the stored morphemes and sentences
    extra: str | None = None  # optional module the writer imports
    needs: str = ""  # that library, as users know it
    install: str = ""
    loses: str = ""  # what ``annotator import`` cannot get back from it (the summary and README say)

    def available(self) -> bool:
        """Whether the optional library this format needs is installed (a GUI can grey the format out)."""
        return not self.extra or importlib.util.find_spec(self.extra) is not None

    def require_extra(self) -> None:
        if not self.extra:
            return
        try:
            importlib.import_module(self.extra)
        except ImportError as exc:
            missing = exc.name or self.extra
            raise MissingExtra(
                f"the {self.name} format needs {self.needs} ({missing} is not installed); "
                f"install it with: pip install '{self.install}'"
            ) from None

    def open_writer(self, root: Path, parts: list[str | None], context: ExportContext) -> Writer:
        module_name, class_name = self.writer.split(":")
        module = importlib.import_module(f".{module_name}", __package__)
        return getattr(module, class_name)(root, parts, context)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "one document a line with code-point span offsets (the master format)",
           "json_lines:MasterWriter", ".jsonl"),
    Format("klue", "KLUE-NER character BIO TSV, one sentence a block", "bio:KlueWriter", ".tsv",
           level="char", analysis=True, tagged=True,
           loses="documents (a sentence each), whitespace other than spaces, overlapping spans, attributes, "
                 "notes, metadata"),
    Format("conll", "CoNLL-2003 style token<TAB>tag over Kiwi morpheme tokens", "bio:ConllWriter", ".conll",
           level="token", analysis=True, tagged=True,
           loses="spacing (tokens come back joined by spaces), overlapping spans, attributes, notes, metadata"),
    Format("conll2003", "CoNLL-2003 four columns (token POS chunk tag, -DOCSTART- -X- O O) over Kiwi morphemes",
           "bio:Conll2003Writer", ".conll", level="token", analysis=True, tagged=True,
           loses="spacing (tokens come back joined by spaces), overlapping spans, attributes, notes, metadata"),
    Format("spacy", "spaCy DocBin files (.spacy) of morpheme-token Docs and a training config.cfg",
           "docbin:DocBinWriter", ".spacy", folder=True, level="token", analysis=True, extra="spacy", needs="spaCy",
           install="annotator[spacy]",
           loses="overlapping spans, attributes, notes, metadata"),
    Format("hf", "Hugging Face dataset folder (datasets.load_from_disk) with tokens and ner_tags, and Parquet/JSON",
           "hf_dataset:DatasetWriter", "", folder=True, level="token", analysis=True, tagged=True, extra="datasets",
           needs="the Hugging Face datasets library", install="annotator[hf]",
           loses="spacing (tokens come back joined by spaces), overlapping spans, attributes, notes, metadata"),
    Format("doccano", "doccano JSONL: text and [start, end, label] in UTF-16 units", "json_lines:DoccanoWriter",
           ".jsonl",
           loses="attributes, notes"),
    Format("prodigy", "Prodigy JSONL: text, tokens and spans with code-point offsets", "json_lines:ProdigyWriter",
           ".jsonl", analysis=True,
           loses="notes"),
    Format("brat", "brat standoff: a .txt and .ann pair per document", "brat:BratWriter", "", folder=True,
           loses="titles, metadata"),
    # Formats other tools and Korean corpora use; each is read back by ``annotator import`` too.
    Format("labelstudio", "Label Studio JSON tasks with annotations (code-point offsets)",
           "label_studio:AnnotationsWriter", ".json",
           loses="attributes, notes"),
    Format("labelstudio-predictions", "Label Studio JSON tasks with predictions, to review in Label Studio",
           "label_studio:PredictionsWriter", ".json",
           loses="attributes, notes"),
    Format("nikl", "국립국어원 모두의 말뭉치 NE JSON: documents, sentences, NE with begin/end",
           "nikl:NiklWriter", ".json", level="char", analysis=True,
           loses="the spacing between sentences (they come back on lines of their own), overlapping spans, "
                 "attributes, notes, metadata"),
    Format("naver", "Naver NER eojeol BIO: index<TAB>eojeol<TAB>LABEL_B, spans widened to whole eojeols",
           "naver:NaverWriter", ".tsv", level="char", analysis=True, tagged=True,
           loses="exact span edges (whole eojeols), spacing, documents (a sentence each), overlapping spans, "
                 "attributes, notes, metadata"),
    Format("conllu", "CoNLL-U over Kiwi morphemes, entities as NE= in MISC, spacing kept",
           "conllu:ConlluWriter", ".conllu", level="token", analysis=True, tagged=True,
           loses="overlapping spans, attributes, notes, metadata"),
    Format("xmi", "UIMA CAS XMI for INCEpTION/WebAnno: a .xmi per document and TypeSystem.xml",
           "xmi:XmiWriter", "", folder=True, analysis=True,
           loses="attributes, notes, metadata but the title"),
)}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise AnnotatorError(f"unknown export format {name!r} (one of {', '.join(FORMATS)})") from None


def part_paths(root: Path, parts: list[str | None], extension: str) -> dict[str | None, Path]:
    """Where each part goes: the root itself without a split, else ``root/<part><extension>``."""
    if parts == [None]:
        return {None: root}
    return {part: root / f"{part}{extension}" for part in parts}


def open_text(path: Path):
    """A new UTF-8 text file with LF line ends on every platform."""
    return open(path, "x", encoding="utf-8", newline="\n", buffering=1 << 20)


class PartFiles:
    """A text writer's files, one per split part (or the one ``root``), each opened when its part gets
    its first document (a part with none gets no file) and started with ``start(part)``; on ``close``
    each file ends with ``ending``."""

    extension = ""
    preamble = ""
    ending = ""

    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.context = context
        self.paths = part_paths(root, parts, self.extension)
        self.files: dict[str | None, Any] = {}
        self.count = {part: 0 for part in parts}  # documents written to each part

    def start(self, part: str | None) -> str:
        return self.preamble

    def put(self, part: str | None, text: str) -> None:
        """Write one document's ``text`` to its part's file."""
        handle = self.files.get(part)
        if handle is None:
            handle = self.files[part] = open_text(self.paths[part])
            handle.write(self.start(part))
        handle.write(text)
        self.count[part] += 1

    def close(self) -> None:
        for handle in self.files.values():
            if not handle.closed:
                handle.write(self.ending)
                handle.close()

    def abort(self) -> None:  # the exporter removes the temporary output
        for handle in self.files.values():
            handle.close()


def attrs_without(attrs: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k not in reserved} if attrs else {}
