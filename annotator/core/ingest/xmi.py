"""UIMA CAS XMI as INCEpTION and WebAnno write it, read with dkpro-cassis.

The document text is the CAS's sofa string; spans are the
``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` annotations with
their ``value`` as the label. The type system is the ``TypeSystem.xml`` (or
``typesystem.xml``) beside the file when there is one (INCEpTION's export
puts it there), else DKPro Core's; types it does not know (custom layers) are
skipped. UIMA counts offsets in UTF-16 units; cassis converts them to code
points. The document title and id come from DKPro's ``DocumentMetaData``.

INCEpTION downloads a document in XMI as a ZIP (the ``.xmi`` and its type
system), and a whole project export (ZIP) holds one such ZIP per document and
user: ``annotation/DOC/USER.zip`` (that user's layer), ``curation/DOC/
CURATION_USER.zip`` (the curated result: our gold layer) and
``INITIAL_CAS`` (the text alone). Both are read as they are, no unpacking.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path, PurePosixPath

from ..content_rules import MAX_DOCUMENT_CHARS
from ..errors import InputError
from ..records import GOLD
from .readers import RawSpan, Record

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
TYPE_SYSTEM_FILES = ("TypeSystem.xml", "typesystem.xml")
ZIP_MAGIC = b"PK\x03\x04"
# An XMI holds the text once plus markup: far below this for the longest article we store.
MAX_MEMBER_BYTES = 64 * MAX_DOCUMENT_CHARS
# INCEpTION's pseudo-users in a project export: the curated layer, and the text as imported.
CURATION_USER, INITIAL_CAS = "CURATION_USER", "INITIAL_CAS"


def dkpro_type_system():
    """DKPro Core's types as cassis ships them, plus ``DocumentMetaData`` as DKPro declares it."""
    import cassis

    type_system = cassis.load_dkpro_core_typesystem()
    if not type_system.contains_type(DOCUMENT_METADATA):
        metadata = type_system.create_type(DOCUMENT_METADATA, supertypeName="uima.tcas.DocumentAnnotation")
        for feature in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
            type_system.create_feature(metadata, feature, "uima.cas.String")
        type_system.create_feature(metadata, "isLastSegment", "uima.cas.Boolean")
    return type_system


def _type_system(path: Path):
    for file_name in TYPE_SYSTEM_FILES:
        candidate = path.parent / file_name
        if candidate.is_file():
            return _type_system_from(str(candidate), candidate.read_bytes())
    return dkpro_type_system()


def _type_system_from(name: str, data: bytes):
    import cassis

    try:
        return cassis.merge_typesystems(cassis.load_typesystem(io.BytesIO(data)), dkpro_type_system())
    except Exception as exc:  # noqa: BLE001 - lxml and cassis raise many kinds
        raise InputError(name, _line_of(exc), f"not a UIMA type system ({_reason(exc)})") from None


def _line_of(exc: Exception) -> int:
    line = getattr(exc, "lineno", None)  # lxml's syntax errors know their line
    if isinstance(line, int) and line > 0:
        return line
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else 1


def _reason(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200] or type(exc).__name__


def read_xmi(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    if not data.strip():
        raise InputError(name, None, "empty file")
    if data.startswith(ZIP_MAGIC):
        return _read_zip(name, data), "utf-8"
    return [_record(name, data, _type_system(path))], "utf-8"


def _read_zip(name: str, data: bytes) -> list[Record]:
    """A document's XMI download, or a project export: every layer of every document in it."""
    records = []
    for member, layer, content in _xmi_members(name, data):
        if PurePosixPath(member).suffix.lower() == ".zip":  # a project export: one ZIP per document and user
            for inner, _, inner_content in _xmi_members(f"{name}!{member}", content, nested=True):
                records.extend(_layer_records(f"{name}!{member}!", inner, inner_content, layer))
        else:
            records.extend(_layer_records(f"{name}!", member, content, layer))
    if not records:
        raise InputError(name, None, "holds no UIMA CAS XMI (.xmi) file: export from INCEpTION in the format "
                                     "\"UIMA CAS XMI (XML 1.0)\", or unzip other archives and import the folder")
    return records


def _layer_records(prefix: str, member: str, members: dict, layer: str | None) -> list[Record]:
    xmi, type_system = members
    record = _record(prefix + member, xmi, type_system)
    if layer == INITIAL_CAS:
        record.spans = []  # the document as imported into INCEpTION: its text, no one's annotations
    else:
        record.annotator = layer
    return [record]


def _xmi_members(name: str, data: bytes, nested: bool = False):
    """(member, layer, (xmi bytes, type system)) of the .xmi files of a ZIP; with ``nested=False``
    also (member, layer, zip bytes) of a project export's per-user ZIPs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
        raise InputError(name, None, f"not a readable ZIP ({_reason(exc)})") from None
    by_name = {_member_name(info): info for info in infos}
    type_systems = {}  # a folder of the archive -> the type system beside its .xmi files

    def type_system_in(folder: PurePosixPath):
        for file_name in TYPE_SYSTEM_FILES:
            if (candidate := str(folder / file_name)) in by_name:
                return _type_system_from(f"{name}!{candidate}", _read_member(name, archive, by_name[candidate]))
        return dkpro_type_system()

    for member, info in by_name.items():
        path = PurePosixPath(member)
        suffix = path.suffix.lower()
        if suffix == ".xmi":
            if path.parent not in type_systems:
                type_systems[path.parent] = type_system_in(path.parent)
            yield member, _layer(path), (_read_member(name, archive, info), type_systems[path.parent])
        elif suffix == ".zip" and not nested and _layer(path) is not None:
            yield member, _layer(path), _read_member(name, archive, info)


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


def _read_member(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    where = f"{name}!{_member_name(info)}"
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(where, None, f"{info.file_size:,} bytes unpacked is over the limit of {MAX_MEMBER_BYTES:,}")
    try:
        with archive.open(info) as handle:
            content = handle.read(MAX_MEMBER_BYTES + 1)
    except Exception as exc:  # noqa: BLE001 - bad CRC, encryption, unknown compression, truncation
        raise InputError(where, None, f"cannot be unpacked ({_reason(exc)})") from None
    if len(content) > MAX_MEMBER_BYTES:
        raise InputError(where, None, f"unpacks to over {MAX_MEMBER_BYTES:,} bytes")
    return content


def _record(name: str, data: bytes, type_system) -> Record:
    import cassis

    if not data.strip():
        raise InputError(name, None, "empty file")
    try:
        with warnings.catch_warnings():  # cassis warns of each unknown type (a custom layer) it skips
            warnings.simplefilter("ignore")
            cas = cassis.load_cas_from_xmi(io.BytesIO(data), typesystem=type_system, lenient=True)
        text = cas.sofa_string
        entities = list(cas.select(NAMED_ENTITY)) if type_system.contains_type(NAMED_ENTITY) else []
        metadata = list(cas.select(DOCUMENT_METADATA)) if type_system.contains_type(DOCUMENT_METADATA) else []
    except Exception as exc:  # noqa: BLE001 - lxml, cassis and attrs raise many kinds on bad input
        raise InputError(name, _line_of(exc), f"not UIMA CAS XMI ({_reason(exc)})") from None
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, 1, "the CAS has no document text (sofa string)")
    spans = []
    for annotation in entities:
        label, begin, end = getattr(annotation, "value", None), annotation.begin, annotation.end
        if not isinstance(label, str) or not label:
            raise InputError(name, 1, f"the NamedEntity at [{begin}, {end}) has no value (label)")
        if not (isinstance(begin, int) and isinstance(end, int)):
            raise InputError(name, 1, "a NamedEntity without begin and end")
        spans.append(RawSpan(begin, end, label))
    meta, title = {}, ""
    for info in metadata:
        title = getattr(info, "documentTitle", None) or title
        meta.update({key: value for key in ("documentId", "documentUri")
                     if isinstance(value := getattr(info, key, None), str) and value})
    return Record(text, name, 1, title if isinstance(title, str) else "", meta, spans)
