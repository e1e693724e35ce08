"""INCEpTION's ZIP downloads, read as they are (nothing is unpacked to disk).

- A document exported as UIMA CAS XMI is a ZIP of its ``.xmi`` and the
  ``TypeSystem.xml`` (INCEpTION zips whatever its writer produced).
- A project export holds one file per document and user:
  ``annotation/DOC/USER.EXT`` (that user's layer), ``curation/DOC/CURATION_USER.EXT``
  (the curated result: our gold layer) and ``annotation/DOC/INITIAL_CAS.EXT``
  (the text as imported, no one's spans). With the XMI format each is itself a
  ZIP (the ``.xmi`` and its type system); with WebAnno TSV 3 a ``.tsv``.
  Serialised CASes (``annotation_ser/``), sources and settings are skipped.
- The project export's ``exportedproject*.json`` gives each user's state of each
  document: FINISHED comes in as done, IN_PROGRESS as in progress, IGNORE as
  skipped; a document whose curation is finished has its gold adjudicated.

Messages name a member inside its archive: ``export.zip!annotation/a.txt/kim.zip!a.txt.xmi:1: …``.

A ZIP bomb (members that each stay under the cap of one member but unpack to
gigabytes together, or nested ZIPs doing so) is refused before it is
unpacked: every member of the file, nested archives included, draws on one
budget (``_Budget``) of ``MAX_RATIO`` times the file's own size, and never more
than ``MAX_UNPACKED_BYTES``. The sizes the archive declares are checked first;
what is read is counted against the budget too.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

from annotator.core.content_rules import MAX_DOCUMENT_CHARS, JSONProblem, loads_json
from annotator.core.errors import InputError
from annotator.core.records import GOLD
from annotator.core.review.merged_view import ADJUDICATED
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import Record
from annotator.core.ingest.webanno_tsv import read_webanno_tsv
from annotator.core.ingest.xmi import TYPE_SYSTEM_FILES, dkpro_type_system, reason_of, type_system_from, xmi_record

# An XMI or TSV holds the text once plus markup: far below this for the longest article we store.
MAX_MEMBER_BYTES = 64 * MAX_DOCUMENT_CHARS
# XMI and TSV pack about 10:1, a ZIP inside a ZIP about 1:1: a file unpacking to more is built to.
MAX_RATIO = 100
MAX_UNPACKED_BYTES = 16 * MAX_MEMBER_BYTES  # a whole project export, however well it packs
# INCEpTION's pseudo-users in a project export: the curated layer, and the text as imported.
CURATION_USER, INITIAL_CAS = "CURATION_USER", "INITIAL_CAS"
# The project description: INCEpTION 3.6 names it exportedproject<digits>.json and reads exportedproject*.json.
PROJECT_FILE = re.compile(r"exportedproject[^/]*\.json")
# INCEpTION's AnnotationDocumentState (a user's state of a document) as our statuses; NEW stays new.
ANNOTATION_STATES = {"FINISHED": "done", "IN_PROGRESS": "in_progress", "IGNORE": "skipped"}


class _Budget:
    """The bytes one file's members, nested archives included, may still unpack to."""

    def __init__(self, packed: int):
        self.by_ratio = MAX_RATIO * packed < MAX_UNPACKED_BYTES
        self.limit = min(MAX_RATIO * packed, MAX_UNPACKED_BYTES)
        self.left = self.limit

    def take(self, where: str, size: int) -> None:
        if size > self.left:
            raise InputError(where, None, self.refusal())
        self.left -= size

    def refusal(self) -> str:
        if self.by_ratio:
            return (f"the ZIP file unpacks to more than {MAX_RATIO} times its size ({self.limit:,} bytes): a ZIP "
                    "bomb, not an export; refused before unpacking it")
        return f"the ZIP file unpacks to over the limit of {self.limit:,} bytes; export fewer documents at a time"


def read_inception_zip(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    records = []
    states: dict[tuple[str, str], str] = {}
    budget = _Budget(len(data))
    for member, layer, kind, content in _members(name, data, budget):
        where = f"{name}!{member}"
        if kind == "project":
            states = _states(where, content)
            continue
        if kind == "zip":  # a project export's XMI: one ZIP per document and user
            found = [_record(f"{where}!{inner}", kind, inner_content)
                     for inner, _, kind, inner_content in _members(where, content, budget, nested=True)]
        else:
            found = [_record(where, kind, content)]
        document = PurePosixPath(member).parts[1] if layer is not None else None
        for record in found:
            if layer == INITIAL_CAS:
                record.spans = []  # the document as imported into INCEpTION: its text, no one's annotations
            else:
                record.annotator = layer
                record.status = states.get((document, layer))
        records.extend(found)
    if not records:
        raise InputError(name, None, "holds no UIMA CAS XMI (.xmi) or WebAnno TSV (.tsv) file: export from "
                                     "INCEpTION in one of these formats, or unzip other archives and import the folder")
    return records, "utf-8"


def _states(name: str, data: bytes) -> dict[tuple[str, str], str]:
    """{(document name, user or gold): our status} from a project export's description."""
    text = decode_bytes(data, name)[0]
    try:
        project = loads_json(text)
    except JSONProblem as problem:
        line = text.count("\n", 0, problem.pos) + 1 if problem.pos is not None else None
        raise InputError(name, line, problem.reason) from None
    states = {}
    for item in project.get("annotation_documents") or () if isinstance(project, dict) else ():
        if isinstance(item, dict) and ANNOTATION_STATES.get(item.get("state")) and isinstance(item.get("name"), str) \
                and isinstance(item.get("user"), str):
            states[(item["name"], item["user"])] = ANNOTATION_STATES[item["state"]]
    for item in project.get("source_documents") or () if isinstance(project, dict) else ():
        if isinstance(item, dict) and item.get("state") == "CURATION_FINISHED" and isinstance(item.get("name"), str):
            states[(item["name"], GOLD)] = ADJUDICATED
    return states


def _record(name: str, kind: str, content) -> Record:
    if kind == "tsv":
        [record], _ = read_webanno_tsv(Path(name), content)
        return record
    xmi, type_system = content
    return xmi_record(name, xmi, type_system)


def _members(name: str, data: bytes, budget: _Budget, nested: bool = False):
    """(member, layer, kind, content) of what a ZIP holds: ``xmi`` with (bytes, type system), ``tsv``
    with bytes, and (unless ``nested``) ``zip`` with the bytes of a project export's per-user ZIP."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
        raise InputError(name, None, f"not a readable ZIP ({reason_of(exc)})") from None
    by_name = {_member_name(info): info for info in infos}
    read = [info for member, info in by_name.items() if _kind(PurePosixPath(member), nested)]
    if sum(info.file_size for info in read) > budget.left:  # as declared: refused before unpacking anything
        raise InputError(name, None, budget.refusal())

    def read(info: zipfile.ZipInfo) -> bytes:
        return _read_member(name, archive, info, budget)

    type_systems = {}  # a folder of the archive -> the type system beside its .xmi files

    def type_system_in(folder: PurePosixPath):
        for file_name in TYPE_SYSTEM_FILES:
            if (candidate := str(folder / file_name)) in by_name:
                return type_system_from(f"{name}!{candidate}", read(by_name[candidate]))
        return dkpro_type_system()

    project_file = next((member for member in sorted(by_name) if PROJECT_FILE.fullmatch(member)), None)
    if not nested and project_file:  # first: the states of the files that follow
        yield project_file, None, "project", read(by_name[project_file])
    for member, info in by_name.items():
        path = PurePosixPath(member)
        kind = _kind(path, nested)
        if kind == "xmi":
            if path.parent not in type_systems:
                type_systems[path.parent] = type_system_in(path.parent)
            yield member, _layer(path), kind, (read(info), type_systems[path.parent])
        elif kind in ("tsv", "zip"):
            yield member, _layer(path), kind, read(info)


def _kind(path: PurePosixPath, nested: bool) -> str | None:
    """What a member is read as: ``xmi``, ``tsv``, ``zip`` (a project export's per-user ZIP), ``project``,
    ``type system`` (read beside an ``.xmi``), or None: skipped, never unpacked."""
    suffix, layer = path.suffix.lower(), _layer(path)
    if suffix == ".xmi":
        return "xmi"
    if path.name in TYPE_SYSTEM_FILES:
        return "type system"
    if suffix == ".tsv" and (nested or layer is not None or len(path.parts) == 1):
        return "tsv"
    if suffix == ".zip" and not nested and layer is not None:
        return "zip"
    if PROJECT_FILE.fullmatch(str(path)) and not nested:
        return "project"
    return None


def _member_name(info: zipfile.ZipInfo) -> str:
    member = info.filename.lstrip("/")  # INCEpTION before 2.0.8 wrote a leading "/"
    if not info.flag_bits & 0x800:  # not marked UTF-8: zipfile read it as CP437; Korean Windows wrote CP949
        try:
            member = member.encode("cp437").decode("cp949")
        except UnicodeError:
            pass
    return member


def _layer(path: PurePosixPath) -> str | None:
    """The layer a project export's ``annotation/DOC/USER.*`` or ``curation/DOC/….*`` holds."""
    if len(path.parts) < 3 or path.parts[0] not in ("annotation", "curation"):
        return None
    user = path.name.split(".")[0]
    if path.parts[0] == "curation" or user == CURATION_USER:
        return GOLD
    return user or None


def _read_member(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    where = f"{name}!{_member_name(info)}"
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(where, None, f"{info.file_size:,} bytes unpacked is over the limit of {MAX_MEMBER_BYTES:,}")
    most = min(MAX_MEMBER_BYTES, budget.left)
    try:
        with archive.open(info) as handle:
            content = handle.read(most + 1)
    except Exception as exc:  # noqa: BLE001 - bad CRC, encryption, unknown compression, truncation
        raise InputError(where, None, f"cannot be unpacked ({reason_of(exc)})") from None
    if len(content) > MAX_MEMBER_BYTES:
        raise InputError(where, None, f"unpacks to over {MAX_MEMBER_BYTES:,} bytes")
    budget.take(where, len(content))
    return content

