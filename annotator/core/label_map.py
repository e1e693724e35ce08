"""Label maps: what another corpus's or tool's labels become in a project, and back.

A label map is a TOML file (``--label-map FILE`` on import and export)::

    import_unmapped = "drop"   # labels not listed on import: "drop" (leave the span out) or "keep"
    export_unmapped = "keep"   # labels not listed on export: "keep" (written as they are) or "drop"

    [import]                   # their label = our label ("" leaves such spans out)
    QT_PRICE = "BUDGET"
    TMI_SW = "TECH"

    [export]                   # our label = their label ("" leaves such spans out)
    TECH = "TMI_SW"

Without an ``[export]`` table, export uses ``[import]`` backwards (the first
label listed for each of ours). Formats with a label set of their own ship a
built-in map (``resources/label_maps/<format>.toml``); a file given replaces it.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .paths import resources_dir

UNMAPPED = ("keep", "drop")
_KEYS = {"import_unmapped", "export_unmapped", "import", "export"}


@dataclass(frozen=True)
class LabelMap:
    imports: dict[str, str] = field(default_factory=dict)
    exports: dict[str, str] = field(default_factory=dict)
    import_unmapped: str = "keep"
    export_unmapped: str = "keep"
    source: str = ""  # the file it was read from, for messages

    def import_label(self, label: str) -> str | None:
        """Our label for ``label`` of the input, or None when such spans are left out."""
        if label in self.imports:
            return self.imports[label] or None
        return label if self.import_unmapped == "keep" else None

    def export_label(self, label: str) -> str | None:
        """The output's label for our ``label``, or None when such spans are left out."""
        if label in self.exports:
            return self.exports[label] or None
        return label if self.export_unmapped == "keep" else None

    def import_record(self, record):
        """``record`` (an ingest ``Record``) with its spans' labels mapped; spans mapped to nothing are left
        out and counted in its ``skipped``."""
        spans, skipped = [], record.skipped.copy()
        for span in record.spans:
            label = self.import_label(span.label)
            if label:
                spans.append(dataclasses.replace(span, label=label))
            else:
                skipped[f"{span.label} spans the label map drops"] += 1
        return dataclasses.replace(record, spans=spans, skipped=skipped)


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(\[{re.escape(key)}\]|\"?{re.escape(key)}\"?\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def parse_label_map(text: str, source: str) -> LabelMap:
    """Parse and check a label map; every problem is an ``InputError`` naming the file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        raise InputError(source, int(match.group(1)) if match else None, f"not valid TOML ({exc})") from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(source, _line_of(text, unknown[0]),
                         f"unknown key {unknown[0]!r} (a label map has import_unmapped, export_unmapped, "
                         "[import] and [export])")
    tables = {}
    for direction in ("import", "export"):
        table = data.get(direction, {})
        if not isinstance(table, dict):
            raise InputError(source, _line_of(text, direction), f"{direction} must be a table: [{direction}]")
        for key, value in table.items():
            if not isinstance(value, str):
                raise InputError(source, _line_of(text, key),
                                 f"[{direction}] {key} must map to a label in quotes (or \"\" to leave it out)")
        tables[direction] = dict(table)
    for key in ("import_unmapped", "export_unmapped"):
        if data.get(key, "keep") not in UNMAPPED:
            raise InputError(source, _line_of(text, key), f"{key} takes \"keep\" or \"drop\", not {data[key]!r}")
    exports = tables["export"]
    if "export" not in data:
        for theirs, ours in tables["import"].items():
            if ours:
                exports.setdefault(ours, theirs)
    return LabelMap(tables["import"], exports, data.get("import_unmapped", "keep"),
                    data.get("export_unmapped", "keep"), source)


def read_label_map(path: Path | str) -> LabelMap:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read the label map ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, "the label map is not UTF-8 text") from None
    return parse_label_map(text, str(path))


def builtin_label_map_path(fmt: str) -> Path:
    return resources_dir() / "label_maps" / f"{fmt}.toml"


def builtin_label_map(fmt: str) -> LabelMap | None:
    """The map a format ships with (``resources/label_maps/<fmt>.toml``), if any."""
    path = builtin_label_map_path(fmt)
    return read_label_map(path) if path.is_file() else None
