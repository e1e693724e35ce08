"""Label maps: what another corpus's or tool's labels become in a project, and back.

A label map is a TOML file (``--label-map FILE`` on import and export)::

    import_unmapped = "drop"   # labels not listed on import: "drop" (leave the span out) or "keep"
    export_unmapped = "keep"   # labels not listed on export: "keep" (written as they are) or "drop"

    [import]                   # their label = our label ("" leaves such spans out)
    QT_PRICE = "BUDGET"
    TMI_SW = "TECH"

    [export]                   # our label = their label ("" leaves such spans out)
    TECH = "TMI_SW"

Without an ``[export]`` table, export uses ``[import]`` backwards; where two
of their labels map to one of ours, export cannot tell which to write and
refuses the map until ``[export]`` says. A map given by the user must name
the project's labels (``[import]`` values, ``[export]`` keys): a misspelt
name is an error with its file and line, not a rule that silently never
applies. Formats with a label set of their own ship a built-in map
(``resources/label_maps/<format>.toml``, written for the default schema);
a file given replaces it.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.paths import resources_dir

UNMAPPED = ("keep", "drop")
_KEYS = {"import_unmapped", "export_unmapped", "import", "export"}


@dataclass(frozen=True)
class LabelMap:
    imports: dict[str, str] = field(default_factory=dict)
    exports: dict[str, str] = field(default_factory=dict)
    import_unmapped: str = "keep"
    export_unmapped: str = "keep"
    source: str = ""  # the file it was read from, for messages
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False)  # (table, key) → line
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # ours → their labels, without [export]
    builtin: bool = False  # shipped for the default schema: its names are not checked against a project's

    def _error(self, table: str, key: str, reason: str) -> InputError:
        return InputError(self.source, self.lines.get((table, key)), reason)

    def check_import(self, labels, renamed=()) -> None:
        """Refuse a map whose ``[import]`` names a label the project does not have (``labels``; ``renamed``:
        labels ``--map-labels`` renames after the map)."""
        if self.builtin:
            return
        known = set(labels) | set(renamed)
        for theirs, ours in self.imports.items():
            if ours and ours not in known:
                raise self._error("import", theirs, f"[import] {theirs} = {ours!r}: the project has no label "
                                                    f"{ours!r} (labels: {', '.join(labels)})")

    def check_export(self, labels) -> None:
        """Refuse a map that cannot say what to write for ``labels`` (the schema's and the layer's):
        an ``[export]`` name that is none of them, or two of their labels behind one of ours."""
        known = set(labels)
        for ours in self.exports if not self.builtin else ():
            if ours not in known:
                raise self._error("export", ours, f"[export] {ours}: the project has no label {ours!r} "
                                                  f"(labels: {', '.join(labels)})")
        for ours, theirs in self.ambiguous.items():
            if ours in known:
                raise self._error("import", theirs[1], (
                    f"[import] maps {' and '.join(theirs)} to {ours}, so export cannot tell which to write for "
                    f"{ours}: add an [export] table ({ours} = \"{theirs[0]}\")"))

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


_TABLE = re.compile(r"\s*\[\s*([^\]]*?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """(table, key) → the line it is set on (table "" for the top level); tomllib gives no positions."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE.match(line):
            table = match.group(1).strip("\"'")
            lines.setdefault(("", table), number)
        elif match := _KEY.match(line):
            key = next(group for group in match.groups() if group is not None)
            lines.setdefault((table, key), number)
    return lines


def parse_label_map(text: str, source: str, builtin: bool = False) -> LabelMap:
    """Parse and check a label map; every problem is an ``InputError`` naming the file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        raise InputError(source, int(match.group(1)) if match else None, f"not valid TOML ({exc})") from None
    lines = _key_lines(text)
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(source, lines.get(("", unknown[0])),
                         f"unknown key {unknown[0]!r} (a label map has import_unmapped, export_unmapped, "
                         "[import] and [export])")
    tables = {}
    for direction in ("import", "export"):
        table = data.get(direction, {})
        if not isinstance(table, dict):
            raise InputError(source, lines.get(("", direction)), f"{direction} must be a table: [{direction}]")
        for key, value in table.items():
            if not isinstance(value, str):
                raise InputError(source, lines.get((direction, key)),
                                 f"[{direction}] {key} must map to a label in quotes (or \"\" to leave it out)")
        tables[direction] = dict(table)
    for key in ("import_unmapped", "export_unmapped"):
        if data.get(key, "keep") not in UNMAPPED:
            raise InputError(source, lines.get(("", key)), f"{key} takes \"keep\" or \"drop\", not {data[key]!r}")
    exports, ambiguous = tables["export"], {}
    if "export" not in data:
        inverse: dict[str, list[str]] = {}
        for theirs, ours in tables["import"].items():
            if ours:
                inverse.setdefault(ours, []).append(theirs)
        exports = {ours: theirs[0] for ours, theirs in inverse.items()}
        ambiguous = {ours: theirs for ours, theirs in inverse.items() if len(theirs) > 1}
    return LabelMap(tables["import"], exports, data.get("import_unmapped", "keep"),
                    data.get("export_unmapped", "keep"), source, lines, ambiguous, builtin)


def read_label_map(path: Path | str, builtin: bool = False) -> LabelMap:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read the label map ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, "the label map is not UTF-8 text") from None
    return parse_label_map(text, str(path), builtin)


def builtin_label_map_path(fmt: str) -> Path:
    return resources_dir() / "label_maps" / f"{fmt}.toml"


def builtin_label_map(fmt: str) -> LabelMap | None:
    """The map a format ships with (``resources/label_maps/<fmt>.toml``), if any."""
    path = builtin_label_map_path(fmt)
    return read_label_map(path, builtin=True) if path.is_file() else None
