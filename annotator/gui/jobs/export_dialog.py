"""File › Export…: the options of ``annotator export``, run on a worker thread.

Format (those whose optional library is missing are greyed out and say what
to install), layer, finished documents only (on for gold until the user says
otherwise, off for an annotator's layer: ``default_status``), a train/dev/test
split with its seed, and where to write. The output path follows the options until the user
picks or types one. The summary says what was written, skipped and left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from annotator.core.export import FORMATS, default_status, get_format
from annotator.core.export.tagging import SCHEMES
from annotator.core.export.output import MANIFEST
from annotator.core.project import Project
from annotator.core.records import GOLD
from annotator.gui.window import file_dialogs
from annotator.gui.jobs.job_dialog import ERROR_COLOUR, JobDialog
from annotator.gui.jobs.workers import open_project

EXPORT_FOLDER = "exports"
DEFAULT_SPLIT = (80, 10, 10)
FILE_EXTENSIONS = {spec.extension for spec in FORMATS.values() if spec.extension}


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or "export"


class ExportDialog(JobDialog):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project  # read on the GUI thread only; the export opens its own connection
        self._path_chosen = False
        self._finished_chosen = False  # the user ticked or unticked it: no longer follows the layer
        self._seed_used = 0
        self.format_box = QComboBox()
        self.format_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for name in FORMATS:
            self.format_box.addItem(name, name)
        self.source_box = QComboBox()
        self.source_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.finished_only = QCheckBox()
        self.split_on = QCheckBox()
        self.split_parts = [QSpinBox(minimum=0, maximum=100, value=v, suffix=" %") for v in DEFAULT_SPLIT]
        self.part_labels = [QLabel() for _ in self.split_parts]
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.scheme = QComboBox()
        for scheme in SCHEMES:
            self.scheme.addItem(scheme.upper(), scheme)
        self.label_map = QLineEdit()
        self.choose_label_map = QPushButton()
        self.path = QLineEdit()
        self.browse = QPushButton()
        self.path_hint = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.path_hint.setStyleSheet("color: palette(placeholder-text);")
        self.problem_label = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOUR.name()};")
        self.row_labels = [QLabel() for _ in range(7)]
        self._lay_out()
        self.refresh_layers()
        self.format_box.currentIndexChanged.connect(self._options_changed)
        self.source_box.currentIndexChanged.connect(self._source_changed)
        self.finished_only.clicked.connect(self._finished_clicked)
        self.split_on.toggled.connect(self._options_changed)
        for box in self.split_parts:
            box.valueChanged.connect(self._options_changed)
        self.path.textEdited.connect(self._path_edited)
        self.browse.clicked.connect(self.choose_path)
        self.choose_label_map.clicked.connect(self._choose_label_map)
        self.ready()
        self._source_changed()

    def _lay_out(self) -> None:
        split_row = QHBoxLayout()
        split_row.setContentsMargins(0, 0, 0, 0)
        split_row.addWidget(self.split_on)
        for label, box in zip(self.part_labels, self.split_parts):
            split_row.addSpacing(8)
            split_row.addWidget(label)
            split_row.addWidget(box)
        split_row.addStretch(1)
        split = QWidget()
        split.setLayout(split_row)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        path = QWidget()
        path.setLayout(path_row)
        map_row = QHBoxLayout()
        map_row.setContentsMargins(0, 0, 0, 0)
        map_row.addWidget(self.label_map, 1)
        map_row.addWidget(self.choose_label_map)
        label_map = QWidget()
        label_map.setLayout(map_row)
        format_label, source_label, split_label, seed_label, path_label, scheme_label, map_label = self.row_labels
        self.form.addRow(format_label, self.format_box)
        self.form.addRow(scheme_label, self.scheme)
        self.form.addRow(map_label, label_map)
        self.form.addRow(source_label, self.source_box)
        self.form.addRow("", self.finished_only)
        self.form.addRow(split_label, split)
        self.form.addRow(seed_label, self.seed)
        self.form.addRow(path_label, path)
        self.form.addRow("", self.path_hint)
        self.form.addRow(self.problem_label)
        self.setMinimumWidth(680)

    # -- options -------------------------------------------------------------------

    def refresh_layers(self) -> None:
        """Offer gold and every annotator's layer (call again when layers may have appeared)."""
        current = self.source_box.currentData() or GOLD
        layers = [GOLD] + [name for name in self.project.annotators() if name != GOLD]
        with QSignalBlocker(self.source_box):
            self.source_box.clear()
            for layer in layers:
                self.source_box.addItem(layer, layer)
            self.source_box.setCurrentIndex(max(0, self.source_box.findData(current)))
        self._retranslate_sources()

    def format_name(self) -> str:
        return self.format_box.currentData()

    def source(self) -> str:
        return self.source_box.currentData() or GOLD

    def split(self) -> str | None:
        """``"80/10/10"``, ``"90/10"`` when dev is 0 (train and test only), None without a split."""
        if not self.split_on.isChecked():
            return None
        train, dev, test = (box.value() for box in self.split_parts)
        return f"{train}/{test}" if dev == 0 else f"{train}/{dev}/{test}"

    def writes_folder(self) -> bool:
        return get_format(self.format_name()).folder or self.split_on.isChecked()

    def problem(self) -> str | None:
        if not get_format(self.format_name()).available():
            return self.format_box.itemData(self.format_box.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        if self.split_on.isChecked():
            train, dev, test = (box.value() for box in self.split_parts)
            if train + dev + test != 100:
                return self.tr("The split must add up to 100 % (now %1 %)").replace("%1", str(train + dev + test))
            if not train or not test:
                return self.tr("Train and test need at least 1 % each (dev may be 0)")
        if not self.path.text().strip():
            return self.tr("Choose where to write the export")
        return None

    def status(self) -> str:
        """``done`` (finished documents only) or ``all``, as ``Project.export`` takes it."""
        return "done" if self.finished_only.isChecked() else "all"

    def _source_changed(self) -> None:
        if not self._finished_chosen:
            self.finished_only.setChecked(default_status(self.source()) == "done")
        self._options_changed()

    def _finished_clicked(self) -> None:
        self._finished_chosen = True
        self._options_changed()

    def _options_changed(self) -> None:
        tagged = get_format(self.format_name()).tagged
        self.scheme.setEnabled(tagged)
        self.row_labels[5].setEnabled(tagged)
        self.forget_outcome()
        for box, label in zip(self.split_parts, self.part_labels):
            box.setEnabled(self.split_on.isChecked())
            label.setEnabled(self.split_on.isChecked())
        self.seed.setEnabled(self.split_on.isChecked())
        self._update_path()
        self._retranslate_options()
        self._show_problem()

    def _show_problem(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        self.update_start_button()

    # -- the output path -------------------------------------------------------------

    def default_path(self) -> Path:
        spec = get_format(self.format_name())
        # korean-policy-gold.jsonl, not ...-gold-jsonl.jsonl; but ...-gold-doccano.jsonl
        named_by_extension = spec.extension == f".{spec.name}" and not self.writes_folder()
        name = _safe_name(f"{self.project.name}-{self.source()}" + ("" if named_by_extension else f"-{spec.name}"))
        # absolute: a project opened by a relative path must not be prefixed twice when the export starts
        folder = self.project.folder.absolute() / EXPORT_FOLDER
        return folder / (name if self.writes_folder() else name + spec.extension)

    def _update_path(self) -> None:
        """The default path, or the user's adapted: a file gets the format's extension, a folder none."""
        if not self._path_chosen:
            self.path.setText(str(self.default_path()))
            return
        text = self.path.text().strip()
        if not text:
            return
        path = Path(text)
        if path.suffix in FILE_EXTENSIONS:
            path = path.with_suffix("")
        if not self.writes_folder():
            path = path.with_name(path.name + get_format(self.format_name()).extension)
        self.path.setText(str(path))

    def _path_edited(self) -> None:
        self.forget_outcome()
        self._path_chosen = True
        self._show_problem()

    def _choose_label_map(self) -> None:
        chosen = file_dialogs.choose_file(
            self, self.tr("Label map"), self.project.folder, self.tr("Label maps (*.toml)") + ";;" + self.tr("All files (*)"))
        if chosen:
            self.label_map.setText(str(chosen))

    def choose_path(self) -> None:
        current = Path(self.path.text().strip() or self.default_path())
        if not current.is_absolute():
            current = self.project.folder.absolute() / current
        if self.writes_folder():
            folder = file_dialogs.choose_folder(self, self.tr("Folder to export into"), current.parent)
            if folder is None:
                return
            if any(folder.iterdir()) and not (folder / MANIFEST).is_file():
                folder = folder / self.default_path().name  # a folder of other files: export beside them
            self.path.setText(str(folder))
        else:
            spec = get_format(self.format_name())
            chosen = file_dialogs.choose_new_path(self, self.tr("Export to file"), current,
                                                  f"{spec.name} (*{spec.extension})")
            if chosen is None:
                return
            self.path.setText(str(chosen))
        self._path_chosen = True
        self._show_problem()

    # -- running -------------------------------------------------------------------

    def start(self) -> None:
        if self.problem() is not None:
            return
        folder, fmt, source = self.project.folder, self.format_name(), self.source()
        out = Path(self.path.text().strip()).expanduser()
        if not out.is_absolute():
            out = folder.absolute() / out  # a typed relative path is taken from the project folder
        status = self.status()
        split, seed = self.split(), self.seed.value()
        self._seed_used = seed
        scheme = self.scheme.currentData() if self.scheme.isEnabled() else "bio"
        label_map = self.label_map.text().strip() or None

        def export(context):
            with open_project(folder) as project:
                return project.export(fmt, out, source=source, status=status, split=split, seed=seed,
                                      progress=context.progress, cancelled=context.cancelled, scheme=scheme,
                                      label_map=label_map)

        self.run_job(export, "export")

    def phase_text(self, key: str) -> str:
        return self.tr("Exporting documents…")

    def stopped_text(self, message: str) -> str:
        return self.tr("Export cancelled; nothing was written.")

    def outcome(self, report) -> None:
        if report.documents:
            lines = [self.tr("Exported %n document(s) to %1 in %2 s", "", report.documents)
                     .replace("%1", str(report.out)).replace("%2", f"{report.seconds:.1f}")]
        else:
            lines = [self.tr("Nothing was written to %1.").replace("%1", str(report.out))]
        order = list(self.project.schema.label_names)
        counts = sorted(report.spans_by_label.items(), key=lambda item: (
            order.index(item[0]) if item[0] in order else len(order), item[0]))
        if report.spans:
            lines.append(self.tr("%n span(s): %1", "", report.spans)
                         .replace("%1", " · ".join(f"{label} {count:,}" for label, count in counts if count)))
        if report.parts:
            lines.append(self.tr("Parts (seed %1): %2").replace("%1", str(self._seed_used)).replace(
                "%2", " · ".join(f"{part} {count:,}" for part, count in report.parts.items())))
        gold = report.source == GOLD
        if report.unfinished:
            lines.append(self.tr("%n document(s) not marked adjudicated were included", "", report.unfinished) if gold
                         else self.tr("%n document(s) not marked done were included", "", report.unfinished))
        if report.skipped_status:
            left_out = report.skipped_status
            lines.append(self.tr("%n document(s) with gold spans not marked adjudicated were left out "
                                 "(untick the option to include them)", "", left_out) if gold
                         else self.tr("%n document(s) with spans not marked done were left out "
                                      "(untick the option to include them)", "", left_out))
        if report.skipped_unannotated:
            lines.append(self.tr("%n document(s) with no spans in this layer and not marked finished were skipped",
                                 "", report.skipped_unannotated))
        if report.sentences_joined:
            lines.append(self.tr("%n sentence boundary(ies) removed because a span crossed them", "",
                                 report.sentences_joined))
        details = []
        for notes, text, is_error in (
            (report.dropped, self.tr("%n span(s) could not be written in this format and were left out", "",
                                     len(report.dropped)), True),
            (report.widened, self.tr("%n span(s) were written with other edges than stored", "",
                                     len(report.widened)), False),
            (report.fragmented, self.tr("%n span(s) cross a line break and were written as brat fragments", "",
                                        len(report.fragmented)), False),
        ):
            if notes:
                lines.append(text)
                details += [(str(note), is_error) for note in notes]
        if report.tokens_split:
            lines.append(self.tr("%n morpheme token(s) cut at span edges, so that every span keeps its edges", "",
                                 report.tokens_split))
        if report.notes:
            lines.append(self.tr("%n note(s) about this output: see the list", "", len(report.notes)))
            details += [(note, False) for note in report.notes]
        if report.documents and FORMATS[report.format].loses:
            details.append((f"{report.format} does not keep {FORMATS[report.format].loses}", False))
        if not report.documents:
            if report.skipped_status:
                lines.append(self.tr("No document is marked adjudicated yet: mark them in review mode, or untick "
                                     "the option to export gold as it stands.") if gold
                             else self.tr("No document is marked done in this layer: untick the option to export "
                                          "its spans as they stand."))
            else:
                lines.append(self.tr("No document has gold spans yet: adjudicate first, or export an annotator's "
                                     "layer.") if gold else self.tr("No document has spans in this layer."))
        self.show_outcome("\n".join(lines), details, error=not report.documents)

    # -- language ------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export training data"))
        for label, text in zip(self.row_labels, (self.tr("Format"), self.tr("Layer"), self.tr("Split"),
                                                 self.tr("Seed"), self.tr("Save to"), self.tr("Tag scheme"),
                                                 self.tr("Label map"))):
            label.setText(text)
        self.scheme.setToolTip(self.tr("BIO: B- and I-; IOBES adds E- (last) and S- (single); BILOU: L- and U-"))
        self.choose_label_map.setText(self.tr("Choose…"))
        self.label_map.setPlaceholderText(self.tr("none (nikl: the built-in map)"))
        self.label_map.setToolTip(self.tr("A TOML file whose [export] table renames labels (see README)"))
        self.split_on.setText(self.tr("Split into"))
        for label, text in zip(self.part_labels, (self.tr("train"), self.tr("dev"), self.tr("test"))):
            label.setText(text)
        self.seed.setToolTip(self.tr("The same seed gives the same split in every format; "
                                     "adding documents never moves the old ones"))
        self.browse.setText(self.tr("Choose…"))
        self.start_button.setText(self.tr("Export"))
        self._retranslate_formats()
        self._retranslate_sources()
        self._retranslate_options()
        self._show_problem()
        super().retranslate()

    def _retranslate_formats(self) -> None:
        descriptions = {
            "jsonl": self.tr("JSON lines with code-point offsets (the master format)"),
            "klue": self.tr("KLUE-NER character BIO (TSV), a sentence a block"),
            "conll": self.tr("CoNLL token and tag over Kiwi morphemes"),
            "conll2003": self.tr("CoNLL-2003 four columns (token, POS, chunk, tag) over Kiwi morphemes"),
            "spacy": self.tr("spaCy DocBin files (.spacy) of morpheme tokens and a training config"),
            "hf": self.tr("Hugging Face dataset folder (tokens and ner_tags) with Parquet and JSON files"),
            "doccano": self.tr("doccano JSONL (UTF-16 offsets)"),
            "prodigy": self.tr("Prodigy JSONL with tokens and spans"),
            "brat": self.tr("brat standoff: a .txt and .ann pair per document"),
            "labelstudio": self.tr("Label Studio JSON tasks with annotations"),
            "labelstudio-predictions": self.tr("Label Studio JSON tasks with predictions (to review there)"),
            "nikl": self.tr("NIKL (모두의 말뭉치) NE JSON"),
            "naver": self.tr("Naver NER eojeol BIO (spans widened to eojeols)"),
            "conllu": self.tr("CoNLL-U over Kiwi morphemes, NE= tags in MISC"),
            "xmi": self.tr("INCEpTION/WebAnno UIMA CAS XMI, a file per document"),
        }
        items = self.format_box.model()
        for row, spec in enumerate(FORMATS.values()):
            text = f"{spec.name} — {descriptions.get(spec.name, spec.summary)}"
            tip = ""
            if not spec.available():
                text += "  " + self.tr("(not installed)")
                tip = self.tr("Needs %1. Install it with: pip install '%2'").replace("%1", spec.needs).replace(
                    "%2", spec.install)
            self.format_box.setItemText(row, text)
            self.format_box.setItemData(row, tip or None, Qt.ItemDataRole.ToolTipRole)
            items.item(row).setEnabled(spec.available())

    def _retranslate_sources(self) -> None:
        row = self.source_box.findData(GOLD)
        if row >= 0:
            self.source_box.setItemText(row, self.tr("gold (the adjudicated layer)"))

    def _retranslate_options(self) -> None:
        self.finished_only.setText(self.tr("Only documents marked adjudicated") if self.source() == GOLD
                                   else self.tr("Only documents this annotator marked done"))
        self.path_hint.setText(self.tr("Writes a folder (train, dev and test inside)") if self.split_on.isChecked()
                               else self.tr("Writes a folder") if self.writes_folder() else self.tr("Writes one file"))
