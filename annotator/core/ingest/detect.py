"""``--format auto``: which reader reads a file, and which files of a folder to read.

1. A file inside an export folder of annotator (its ``export.json`` manifest
   at the top, or one level up for a split part's subfolder) is read by the
   reader of the format the manifest names: every format we write, we read.
2. Else the extension decides; where it is shared (``.json``: Label Studio,
   NIKL, Hugging Face rows; ``.tsv``: WebAnno TSV, KLUE, Naver), the readers
   are tried in that order and the first that reads the file whole wins; when
   none does, the error is that of the reader that read furthest (a file
   that names its format, as WebAnno's ``#FORMAT=`` header, gets that reader).
3. A file of an unknown extension is tried with every reader, and the message
   names those that read it (``unknown file type .dat; it reads as naver,
   txt: use --format naver``), or says that none does: a hint never points
   to a format that cannot read the file.

A folder yields the files its formats read: in an export folder only the
data files of its format (not the manifest, the dataset card or the
tokenizer); elsewhere every file of a known extension but the ``.txt`` of a
brat pair (read with its ``.ann``); for Hugging Face the ``.parquet`` files
rather than the ``.arrow`` files holding the same rows.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.ingest.encoding import readable_path

MANIFEST = "export.json"
# Each export format: the reader that reads it back, and the suffix of its data files.
EXPORT_READERS = {
    "jsonl": ("jsonl", ".jsonl"), "klue": ("klue", ".tsv"), "conll": ("conll", ".conll"),
    "conll2003": ("conll", ".conll"), "spacy": ("spacy", ".spacy"), "hf": ("hf", ".parquet"),
    "doccano": ("doccano", ".jsonl"), "prodigy": ("prodigy", ".jsonl"), "brat": ("brat", ".ann"),
    "labelstudio": ("labelstudio", ".json"), "labelstudio-predictions": ("labelstudio", ".json"),
    "nikl": ("nikl", ".json"), "naver": ("naver", ".tsv"), "conllu": ("conllu", ".conllu"), "xmi": ("xmi", ".xmi"),
}
SHARED_EXTENSIONS = {".json": ("labelstudio", "nikl", "hf"), ".tsv": ("webanno", "klue", "naver")}
HF_SIDE_FILES = {"dataset_info.json", "dataset_dict.json", "state.json"}  # save_to_disk's, not rows


def _manifest_format(folder: Path) -> str | None:
    """The export format an annotator export manifest in ``folder`` names, if there is one."""
    try:
        stat = (folder / MANIFEST).stat()
    except OSError:
        return None
    return _read_manifest(folder / MANIFEST, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)  # a folder's files are looked up one by one; a new export there has a new mtime
def _read_manifest(path: Path, _mtime: int, _size: int) -> str | None:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fmt = manifest.get("format") if isinstance(manifest, dict) and "project" in manifest else None
    return fmt if fmt in EXPORT_READERS else None


def export_format(path: Path) -> str | None:
    """The export format of the annotator export ``path`` lies in (at its top or in a part's subfolder)."""
    for folder in (path.parent, path.parent.parent):
        if fmt := _manifest_format(folder.resolve()):
            return fmt
    return None


def _is_manifest(path: Path) -> bool:
    return path.name == MANIFEST and _manifest_format(path.parent.resolve()) is not None


def choose_files(files: list[Path], fmt: str) -> list[Path]:
    """Of a folder's ``files`` (those of the extensions ``fmt`` reads), the ones an import reads."""
    chosen = []
    for path in files:
        if _is_manifest(path):
            continue
        exported = export_format(path) if fmt == "auto" else None
        if exported:
            keep = path.suffix.lower() == EXPORT_READERS[exported][1]
        else:
            keep = fmt != "auto" or path.name not in HF_SIDE_FILES
        if keep:
            chosen.append(path)
    brat_texts = {p.with_suffix(".txt") for p in chosen if p.suffix.lower() == ".ann"}
    parquet_folders = {p.parent for p in chosen if p.suffix.lower() == ".parquet"}
    return [p for p in chosen if p not in brat_texts
            and not (p.suffix.lower() == ".arrow" and (p.parent in parquet_folders or p.parent.parent in parquet_folders))]


def _starts_with(path: Path, prefix: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(prefix) + 3).removeprefix(b"\xef\xbb\xbf").startswith(prefix)
    except OSError:
        return False


def with_hint(error: InputError, path: Path, fmt: str, read, extensions: dict[str, str],
              format_extensions: dict[str, set[str]]) -> InputError:
    """``error`` of reading ``path`` as ``fmt`` (named by the user), with the formats of its extension that
    do read it, if any (plain text last: it reads any text)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        return error
    named = [f for f, suffixes in format_extensions.items() if suffix in suffixes]
    others = [f for f in dict.fromkeys([*SHARED_EXTENSIONS.get(suffix, ()), *named, extensions.get(suffix)])
              if f and f != fmt]
    others.sort(key=lambda f: f == "txt")
    readable = []
    for other in others:
        try:
            read(path, other)
        except InputError:
            continue
        readable.append(other)
    if not readable:
        return error
    return InputError(error.path, error.line, f"{error.reason}; it reads as {', '.join(readable)}: "
                                              f"use --format {readable[0]}")


def _read_marked(read, path: Path, fmt: str):
    records, encoding = read(path, fmt)
    for record in records:
        record.read_as = fmt
    return records, encoding


def _furthest(errors: list[InputError]) -> InputError:
    """The error of the reader that got furthest into the file (the first on a tie)."""
    return max(errors, key=lambda error: error.line or 0)


def read_detected(path: Path, read, extensions: dict[str, str], formats):
    """``read(path, fmt)`` with the format detected as the module docstring says."""
    exported = export_format(path)
    if exported:
        return _read_marked(read, path, EXPORT_READERS[exported][0])
    suffix = path.suffix.lower()
    candidates = SHARED_EXTENSIONS.get(suffix) or ((extensions[suffix],) if suffix in extensions else ())
    if suffix == ".tsv" and _starts_with(path, b"#FORMAT=WebAnno"):  # a file that says what it is
        candidates = ("webanno",)
    if candidates:
        errors = []
        for fmt in candidates:
            try:
                return _read_marked(read, path, fmt)
            except InputError as error:
                errors.append(error)
        if len(errors) == 1:
            raise errors[0]
        furthest = _furthest(errors)
        raise InputError(furthest.path, furthest.line, f"read as none of {', '.join(candidates)}: " + "; ".join(
            f"{fmt}: " + (f"line {error.line}: " if error.line else "") + error.reason
            for fmt, error in zip(candidates, errors)))
    readable = []
    for fmt in (f for f in formats if f not in ("auto", "txt")) if path.is_file() else ():
        try:
            read(path, fmt)
        except InputError:
            continue
        readable.append(fmt)
    try:
        read(path, "txt")
        readable.append("txt")
    except InputError:
        pass
    kind = f"unknown file type {suffix or '(no extension)'}"
    if readable:
        raise InputError(readable_path(path), None, f"{kind}; it reads as {', '.join(readable)}: "
                                                    f"use --format {readable[0]}")
    raise InputError(readable_path(path), None, f"{kind}, and no format reads it (formats: "
                                                f"{', '.join(f for f in formats if f != 'auto')})")
