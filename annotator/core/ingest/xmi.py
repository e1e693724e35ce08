"""UIMA CAS XMI as INCEpTION and WebAnno write it, read with dkpro-cassis.

The document text is the CAS's sofa string; spans are the
``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` annotations with
their ``value`` as the label. The type system is the ``TypeSystem.xml`` (or
``typesystem.xml``) beside the file when there is one (INCEpTION's export
puts it there), else DKPro Core's; types it does not know (custom layers) are
skipped. UIMA counts offsets in UTF-16 units; cassis converts them to code
points. The document title and id come from DKPro's ``DocumentMetaData``.

INCEpTION's ZIP downloads are read by ``inception_zip``.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.ingest.readers import RawSpan, Record

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
TYPE_SYSTEM_FILES = ("TypeSystem.xml", "typesystem.xml")
ZIP_MAGIC = b"PK\x03\x04"


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
            return type_system_from(str(candidate), candidate.read_bytes())
    return dkpro_type_system()


def type_system_from(name: str, data: bytes):
    """A type system file's types merged with DKPro Core's (``name`` for messages)."""
    import cassis

    try:
        return cassis.merge_typesystems(cassis.load_typesystem(io.BytesIO(data)), dkpro_type_system())
    except Exception as exc:  # noqa: BLE001 - lxml and cassis raise many kinds
        raise InputError(name, _line_of(exc), f"not a UIMA type system ({reason_of(exc)})") from None


def _line_of(exc: Exception) -> int:
    line = getattr(exc, "lineno", None)  # lxml's syntax errors know their line
    if isinstance(line, int) and line > 0:
        return line
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else 1


def reason_of(exc: Exception) -> str:
    """The first line of a library's error, for a message."""
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200] or type(exc).__name__


def read_xmi(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    if not data.strip():
        raise InputError(name, None, "empty file")
    if data.startswith(ZIP_MAGIC):  # an INCEpTION download named with --format xmi
        from annotator.core.ingest.inception_zip import read_inception_zip

        return read_inception_zip(path, data)
    return [xmi_record(name, data, _type_system(path))], "utf-8"


def xmi_record(name: str, data: bytes, type_system) -> Record:
    """The document of one XMI file (``name`` for messages), read with ``type_system``."""
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
        raise InputError(name, _line_of(exc), f"not UIMA CAS XMI ({reason_of(exc)})") from None
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, 1, "the CAS has no document text (sofa string)")
    spans = []
    skipped: Counter = Counter()
    for annotation in entities:
        label, begin, end = getattr(annotation, "value", None), annotation.begin, annotation.end
        if not (isinstance(begin, int) and isinstance(end, int)):
            raise InputError(name, 1, "a NamedEntity without begin and end")
        if begin == end:  # INCEpTION lets one be made on an empty selection: it labels no text
            skipped["zero-width NamedEntity annotations (they cover no text)"] += 1
            continue
        if not isinstance(label, str) or not label:
            raise InputError(name, 1, f"the NamedEntity at [{begin}, {end}) has no value (label)")
        spans.append(RawSpan(begin, end, label))
    meta, title = {}, ""
    for info in metadata:
        title = getattr(info, "documentTitle", None) or title
        meta.update({key: value for key in ("documentId", "documentUri")
                     if isinstance(value := getattr(info, key, None), str) and value})
    return Record(text, name, 1, title if isinstance(title, str) else "", meta, spans, skipped=skipped)
