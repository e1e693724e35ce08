"""File › Import files… and Import folder…: ``annotator import`` off the GUI.

Kiwi analyses every new document; it takes seconds and half a gigabyte to
load and holds Python's lock while it does, so the import runs in a child
process (``core.ingest.child_process``), watched by a worker thread that
relays its progress. The outcome lists rejected files as ``FILE:LINE: reason``
and files that were not UTF-8; the window's document list refreshes from
``jobFinished``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QSizePolicy, QWidget)

from annotator.core.jobs.import_job import import_in_child_process
from annotator.core.ingest.readers import EXTENSIONS, FORMAT_EXTENSIONS, FORMATS
from annotator.core.project import Project
from annotator.core.records import GOLD
from annotator.core.team.names import known_names
from annotator.gui.window import file_dialogs
from annotator.gui.jobs.job_dialog import JobDialog

SPAN_FORMATS = ("auto", "jsonl", "doccano", "prodigy", "labelstudio", "klue", "nikl", "naver", "conllu", "xmi",
                "webanno", "inception", "conll", "spacy", "brat", "hf")
CLEANED_FORMATS = ("auto", "txt")
CSV_FORMATS = ("auto", "csv")


class ImportDialog(JobDialog):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project  # read on the GUI thread only; the import opens its own connection
        self.paths = QListWidget()
        self.paths.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.paths.setFixedHeight(self.fontMetrics().height() * 6)
        self.add_files = QPushButton()
        self.add_folder = QPushButton()
        self.remove = QPushButton()
        self.format_box = QComboBox()
        for name in FORMATS:
            self.format_box.addItem(name, name)
        self.layer = QComboBox(editable=True)
        self.layer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.layer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clean = QCheckBox(checked=True)
        self.text_column = QLineEdit("text")
        self.label_map = QLineEdit()
        self.choose_label_map = QPushButton()
        self.row_labels = {}
        self._lay_out()
        self.refresh_layers()
        self.add_files.clicked.connect(self.choose_files)
        self.add_folder.clicked.connect(self.choose_folder)
        self.remove.clicked.connect(self._remove_selected)
        self.choose_label_map.clicked.connect(self._choose_label_map)
        self.paths.itemSelectionChanged.connect(self._options_changed)
        self.format_box.currentIndexChanged.connect(self._options_changed)
        self.format_box.currentIndexChanged.connect(lambda _index: self.forget_outcome())
        self.ready()
        self._options_changed()

    def _lay_out(self) -> None:
        picker = QWidget()
        grid = QGridLayout(picker)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.paths, 0, 0, 4, 1)
        grid.addWidget(self.add_files, 0, 1)
        grid.addWidget(self.add_folder, 1, 1)
        grid.addWidget(self.remove, 2, 1)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(0, 1)
        label_map = QWidget()
        row = QHBoxLayout(label_map)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label_map, 1)
        row.addWidget(self.choose_label_map)
        for key, widget in (("paths", picker), ("format", self.format_box), ("layer", self.layer),
                            ("map", label_map), ("clean", self.clean), ("column", self.text_column)):
            label = self.row_labels[key] = QLabel()
            self.form.addRow(label, widget)
        self.setMinimumWidth(640)

    # -- options -------------------------------------------------------------------

    def refresh_layers(self) -> None:
        """Offer the existing layers for spans in the files (typing a new name works too)."""
        current = self.layer.currentText()
        self.layer.clear()
        self.layer.addItems([name for name in self.project.annotators() if name != GOLD])
        self.layer.setEditText(current)

    def chosen_paths(self) -> list[Path]:
        return [Path(self.paths.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.paths.count())]

    def add_paths(self, paths) -> None:
        present = {str(p) for p in self.chosen_paths()}
        for path in map(str, paths):
            if path not in present:
                present.add(path)
                self.paths.addItem(path)
                self.paths.item(self.paths.count() - 1).setData(Qt.ItemDataRole.UserRole, path)
                self.forget_outcome()
        self._options_changed()

    def choose_files(self) -> bool:
        """Ask for files to add; False when the user picked none."""
        extensions = dict.fromkeys([*EXTENSIONS, *(e for found in FORMAT_EXTENSIONS.values()
                                                    for e in sorted(found) if e)])
        patterns = " ".join(f"*{extension}" for extension in extensions)
        chosen = file_dialogs.choose_files(
            self, self.tr("Import files"), self._start_folder(),
            self.tr("Articles and annotations (%1)").replace("%1", patterns) + ";;" + self.tr("All files (*)"))
        self.add_paths(chosen)
        return bool(chosen)

    def choose_folder(self) -> bool:
        """Ask for a folder to add (read recursively); False when the user picked none."""
        chosen = file_dialogs.choose_folder(self, self.tr("Import a folder"), self._start_folder())
        if chosen:
            self.add_paths([chosen])
        return chosen is not None

    def _choose_label_map(self) -> None:
        chosen = file_dialogs.choose_file(
            self, self.tr("Label map"), self._start_folder(), self.tr("Label maps (*.toml)") + ";;" + self.tr("All files (*)"))
        if chosen:
            self.label_map.setText(str(chosen))

    def _start_folder(self) -> Path:
        """Where the last file chosen is, else the project's folder."""
        paths = self.chosen_paths()
        return paths[-1].parent if paths else self.project.folder.absolute()

    def _remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))
            self.forget_outcome()
        self._options_changed()

    def format_name(self) -> str:
        return self.format_box.currentData()

    def problem(self) -> str | None:
        if not self.paths.count():
            return self.tr("Add files or a folder to import")
        return None

    def _options_changed(self) -> None:
        fmt = self.format_name()
        self.layer.setEnabled(fmt in SPAN_FORMATS)
        self.label_map.setEnabled(fmt in SPAN_FORMATS)
        self.choose_label_map.setEnabled(fmt in SPAN_FORMATS)
        self.clean.setEnabled(fmt in CLEANED_FORMATS)
        self.text_column.setEnabled(fmt in CSV_FORMATS)
        self.remove.setEnabled(bool(self.paths.selectedItems()))
        self.update_start_button()

    # -- running -------------------------------------------------------------------

    def start(self) -> None:
        if self.problem() is not None:
            return
        folder, paths, fmt = self.project.folder, self.chosen_paths(), self.format_name()
        options = {
            "fmt": fmt,
            "annotator": self._layer() if fmt in SPAN_FORMATS else None,
            "clean": self.clean.isChecked(),
            "text_column": self.text_column.text().strip() or "text",
            "label_map": (self.label_map.text().strip() or None) if fmt in SPAN_FORMATS else None,
        }

        def import_files(context):
            # A child process: Kiwi would hold this process's interpreter lock for seconds while it
            # loads (freezing the window) and keep half a gigabyte for the rest of the session.
            return import_in_child_process(folder, paths, progress=context.progress, phase=context.phase,
                                           cancelled=context.cancelled.is_set, **options)

        self.run_job(import_files, "loading")

    def _layer(self) -> str | None:
        """The layer typed, as the project knows the person ("Lee" is lee: ``core.team.names``)."""
        typed = self.layer.currentText().strip()
        return known_names(self.project).of(typed, strict=False) if typed else None

    def phase_text(self, key: str) -> str:
        if key == "loading":
            return self.tr("Loading the Korean analyser (Kiwi)…")
        return self.tr("Reading and analysing files…")

    def outcome(self, report) -> None:
        lines = [self.tr("Added %n new document(s)", "", report.documents_added)]
        if report.documents_existing:
            lines.append(self.tr("%n document(s) were already in the project", "", report.documents_existing))
        if report.spans_added:
            lines.append(self.tr("%n span(s) added", "", report.spans_added))
        if report.spans_by_layer:
            lines.append(self.tr("Layers: %1").replace("%1", " · ".join(
                f"{layer} {count:,}" for layer, count in sorted(report.spans_by_layer.items()))))
        if report.statuses_set:
            lines.append(self.tr("%n status(es) set as the files gave them", "", report.statuses_set))
        if report.spans_overlapping:
            lines.append(self.tr("%n span(s) left out: they overlap spans their layer already holds", "",
                                 report.spans_overlapping))
        lines.append(self.tr("%n file(s) read", "", report.files))
        details = [(str(error), True) for error in report.rejected]
        if report.skipped:
            lines.append(self.tr("%n file(s) held items that were left out: see the list", "", len(report.skipped)))
            details += [(line, False) for line in report.left_out()]
        if report.rejected:
            lines.append(self.tr("%n file(s) rejected; nothing of them was stored (see the list)", "",
                                 len(report.rejected)))
        if report.encodings:
            lines.append(self.tr("%n file(s) were not UTF-8 and were converted", "", len(report.encodings)))
            details += [(self.tr("%1: decoded as %2").replace("%1", path).replace("%2", encoding), False)
                        for path, encoding in report.encodings.items()]
        if report.links_skipped:
            lines.append(self.tr("%n symbolic link(s) skipped: they lead out of the folder (see the list)", "",
                                 len(report.links_skipped)))
            details += [(self.tr("%1: a link out of the folder, not followed").replace("%1", path), True)
                        for path in report.links_skipped]
        if report.cancelled:
            lines.append(self.tr("Stopped: the files read so far are stored, the rest were not read."))
        if not report.files and not report.rejected and not report.cancelled:
            lines.append(self.tr("No importable files found (.txt, .jsonl, .csv, .json)"))
        self.show_outcome("\n".join(lines), details, error=bool(report.rejected) and not report.documents_added,
                          expanded=bool(report.rejected or report.links_skipped))

    # -- language ------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import documents"))
        for key, text in (("paths", self.tr("Files and folders")), ("format", self.tr("Format")), ("clean", ""),
                          ("layer", self.tr("Layer for spans")), ("column", self.tr("CSV text column")),
                          ("map", self.tr("Label map"))):
            self.row_labels[key].setText(text)
        self.add_files.setText(self.tr("Add files…"))
        self.add_folder.setText(self.tr("Add folder…"))
        self.remove.setText(self.tr("Remove"))
        self.clean.setText(self.tr("Clean scraped news pages (cut bylines, share buttons, comments)"))
        self.layer.lineEdit().setPlaceholderText(self.tr("as the file names it, else “imported”"))
        self.layer.setToolTip(self.tr("The annotator layer that spans in the files go to"))
        self.choose_label_map.setText(self.tr("Choose…"))
        self.label_map.setPlaceholderText(self.tr("none (nikl: the built-in map)"))
        self.label_map.setToolTip(self.tr("A TOML file mapping the files' labels onto the project's (see README)"))
        self.start_button.setText(self.tr("Import"))
        descriptions = {
            "auto": self.tr("by file extension: .txt, .jsonl, .csv, .json (Label Studio), .conllu, .xmi, "
                            ".tsv (WebAnno), .zip (INCEpTION)"),
            "txt": self.tr("one article a file (UTF-8 or CP949)"),
            "jsonl": self.tr("one document a line: text, title, meta, spans"),
            "csv": self.tr("a text column; the other columns become metadata"),
            "doccano": self.tr("doccano JSONL export (UTF-16 offsets)"),
            "prodigy": self.tr("Prodigy JSONL with spans"),
            "labelstudio": self.tr("Label Studio JSON export"),
            "klue": self.tr("KLUE-NER TSV, a document per sentence"),
            "nikl": self.tr("NIKL (모두의 말뭉치) NE JSON"),
            "naver": self.tr("Naver NER eojeol BIO; particles are cut off"),
            "conllu": self.tr("CoNLL-U with NE= tags in MISC"),
            "xmi": self.tr("INCEpTION/WebAnno UIMA CAS XMI"),
            "webanno": self.tr("WebAnno TSV 3 (INCEpTION, WebAnno)"),
            "inception": self.tr("INCEpTION's .zip of a document or a whole project (XMI or TSV)"),
        }
        for row in range(self.format_box.count()):
            name = self.format_box.itemData(row)
            self.format_box.setItemText(row, f"{name} — {descriptions.get(name, name)}")
        super().retranslate()
