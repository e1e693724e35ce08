"""A project: a folder with ``project.toml`` (the schema) and ``project.db``, or ``server.toml``
naming the PostgreSQL server that holds its annotations (``project_files``)."""

from __future__ import annotations

import shutil
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator, Mapping

from annotator.core.store import review as review_store
from annotator.core.content_rules import status_problem
from annotator.core.errors import OverlapError, ProjectError, SpanError, reporting_disk_full
from annotator.core.text.morphemes import Morpheme, morphemes_around, unpack_morphemes, unpack_sentences
from annotator.core.operations import AddSpans, Batch, Change, Operation, RejectSpans, RemoveSpans, SetStatus, UpdateSpan, relabel
from annotator.core.paths import bundled_gazetteers_dir, bundled_user_dictionary, default_schema_path, sample_articles_dir
from annotator.core.project_files import (DATABASE_FILE, GAZETTEER_FOLDER, SCHEMA_FILE, USER_DICTIONARY_FILE, server_address,
                            write_server_address)
from annotator.core.records import GOLD, RETURNED, Document, Rejection, Span, SpanDraft, Status
from annotator.core.schema import Schema, load_schema
from annotator.core.text.snapping import snap_to_morphemes
from annotator.core.store.store import Store
from annotator.core.suggest import Suggester, Suggestion
from annotator.core.suggest.learned import LearnedStrings
from annotator.core.suggest.span_attributes import SpanAttributes
from annotator.core.store.suggestions import SuggestionStore

GAZETTEER_DIR = GAZETTEER_FOLDER


class Project:
    def __init__(self, folder: Path, schema: Schema, store: Store):
        self.folder = folder
        self.schema = schema
        self.store = store
        self._morpheme_cache: dict[int, list[Morpheme]] = {}

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, folder: Path | str, schema_file: Path | str | None = None, server: str | None = None) -> "Project":
        """A new project folder. ``server``: a PostgreSQL database (``postgresql://USER@HOST/DB``, no
        password) holds the annotations; the folder keeps the schema, label files and gazetteers."""
        folder = Path(folder)
        if (folder / SCHEMA_FILE).exists():
            raise ProjectError(f"{folder / SCHEMA_FILE}: a project already exists here")
        source = Path(schema_file) if schema_file else default_schema_path()
        load_schema(source)  # refuse a bad schema before writing anything
        if server is not None:
            from annotator.core.store.postgres.engine import check_server_address

            check_server_address(server)
            Store(server=server).close()  # reachable, and the schema is there, before the folder is
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_server_address(folder, server)
            shutil.copyfile(source, folder / SCHEMA_FILE)
        except OSError as exc:
            raise ProjectError(f"{folder}: cannot create the project ({exc.strerror})") from None
        return cls.open(folder)

    @classmethod
    def open(cls, folder: Path | str, backup: bool = False, database: Path | None = None) -> "Project":
        """Open a project folder. ``backup``: first keep a backup of its database if one is due
        (``backups.take_backup``; its ``BackupError`` is raised). Opening never copies otherwise:
        the workbench backs up on a worker thread once its window shows. ``database``: an SQLite
        file to work on instead of the folder's own (a window's worker threads follow the window
        onto its local copy when the server is away, ``offline_copy``)."""
        folder = Path(folder)
        if folder.is_file() and folder.name == SCHEMA_FILE:
            folder = folder.parent
        if not folder.is_dir():
            raise ProjectError(f"{folder}: no such project folder")
        schema = load_schema(folder / SCHEMA_FILE)
        server = server_address(folder) if database is None else None
        store = Store(database or folder / DATABASE_FILE) if server is None else Store(server=server)
        project = cls(folder, schema, store)
        if backup and server is None:  # a server keeps its own backups (pg_dump)
            from annotator.core.safety.backups import take_backup

            try:
                take_backup(project.database_path)
            except BaseException:
                project.close()
                raise
        return project

    @property
    def database_path(self) -> Path | None:
        """The SQLite file, or None when the annotations are on a server."""
        return self.store.path

    @classmethod
    def in_memory(cls, schema: Schema | None = None) -> "Project":
        """A throwaway project (tests, previews): default schema, database in memory."""
        return cls(Path("."), schema or load_schema(default_schema_path()), Store(None))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def name(self) -> str:
        return self.schema.name

    # -- import ----------------------------------------------------------------

    def user_dictionaries(self) -> list[Path]:
        return [bundled_user_dictionary(), self.folder / USER_DICTIONARY_FILE]

    def prepare_analyser(self) -> None:
        """Load the bundled and the project's user dictionaries into Kiwi."""
        from annotator.core.text.kiwi import load_user_dictionaries

        load_user_dictionaries(self.user_dictionaries())

    def import_paths(self, paths, **options):
        """Import files and folders; see ``ingest.importer.import_paths`` for options."""
        from annotator.core.ingest.importer import import_paths

        return import_paths(self, paths, **options)

    def import_samples(self):
        return self.import_paths([sample_articles_dir()])

    # -- documents -------------------------------------------------------------

    def documents(self) -> Iterator[Document]:
        return self.store.documents()

    def document(self, doc_id: int) -> Document:
        document = self.store.document(doc_id)
        if document is None:
            raise ProjectError(f"no document {doc_id} in {self.folder}")
        return document

    def document_count(self) -> int:
        return self.store.document_count()

    def morphemes(self, doc_id: int) -> list[Morpheme]:
        cached = self._morpheme_cache.get(doc_id)
        if cached is None:
            cached = unpack_morphemes(self.store.analysis_blobs(doc_id)[0])
            self._morpheme_cache = {doc_id: cached}  # keep the last one only
        return cached

    def sentences(self, doc_id: int) -> list[tuple[int, int]]:
        return unpack_sentences(self.store.analysis_blobs(doc_id)[1])

    def search(self, query: str, limit: int = 1000) -> list[int]:
        return self.store.search(query, limit)

    # -- spans -------------------------------------------------------------------

    def snap(self, doc_id: int, start: int, end: int) -> tuple[int, int]:
        found = self.store.text_and_morphemes(doc_id)
        if found is None:
            raise ProjectError(f"no document {doc_id} in {self.folder}")
        text, blob = found
        morphemes = self._morpheme_cache.get(doc_id)
        if morphemes is None:  # not the document read last: decode only what snapping looks at
            morphemes = morphemes_around(blob, start, end)
        return snap_to_morphemes(text, start, end, morphemes)

    def spans(self, doc_id: int | None = None, annotator: str | None = None, label: str | None = None) -> list[Span]:
        return self.store.spans(doc_id, annotator, label)

    def span(self, span_id: int) -> Span:
        span = self.store.span(span_id)
        if span is None:
            raise SpanError(f"no span {span_id}")
        return span

    def add_span(self, doc_id: int, start: int, end: int, label: str, annotator: str,
                 snap: bool = True, attrs: Mapping[str, Any] | None = None) -> Span:
        if snap:
            start, end = self.snap(doc_id, start, end)
        change = self.apply(AddSpans([SpanDraft(doc_id, annotator, start, end, label, attrs or {})]))
        return change.added[0]

    def remove_span(self, span_id: int) -> Change:
        self.span(span_id)
        return self.apply(RemoveSpans([span_id]))

    def relabel_span(self, span_id: int, label: str) -> Span:
        """Relabel; the attributes the old label's recognisers set go (see ``operations.relabel``)."""
        return self.apply(self.relabel_operation(span_id, label)).updated[0][1]

    def relabel_operation(self, span_id: int, label: str) -> UpdateSpan:
        return relabel(self.span(span_id), label, self.schema)

    def resize_span(self, span_id: int, start: int, end: int) -> Span:
        return self.apply(UpdateSpan(span_id, start=start, end=end, description="resize span")).updated[0][1]

    def status(self, doc_id: int, annotator: str) -> Status:
        return self.store.status(doc_id, annotator)

    def set_status(self, doc_id: int, annotator: str, status: str, comment: str = "") -> Change:
        problem = status_problem(annotator, status)
        if problem:
            raise ProjectError(problem)
        if status == RETURNED:
            raise ProjectError("a document is returned with a reason: use return_document (annotator return)")
        self.document(doc_id)
        return self.apply(SetStatus(doc_id, annotator, status, comment))

    def annotators(self) -> list[str]:
        return self.store.annotators()

    # -- the one path every change takes ---------------------------------------

    def apply(self, operation: Operation) -> Change:
        """Validate and run ``operation`` in one committed transaction; its spans get the attributes
        their labels' recognisers compute (``suggest.span_attributes``)."""
        with reporting_disk_full(self.store.path, "this change was not saved; free some space and try again"), \
                self.store.transaction():
            if self.package is not None:
                from annotator.core.team.packages.guard import check_package_operation

                check_package_operation(self.store, self.package, operation)
            self._validate(operation)
            return self.span_attributes.complete(operation, self.store).run(self.store)

    @cached_property
    def package(self):
        """The record of the package this project is (``team.identity.PackageRecord``: whom it was made
        for), or None: a package holds one annotator's work and writes nothing else."""
        from annotator.core.team.packages.identity import project_identity

        return project_identity(self).package

    def _validate(self, operation: Operation, removed: set[int] | None = None) -> None:
        """Refuse a bad operation before it runs; ``removed`` collects spans a batch removes before
        its later steps (accepting into gold removes the conflicting gold span, then adds)."""
        removed = set() if removed is None else removed
        if isinstance(operation, Batch):
            for inner in operation.operations:
                self._validate(inner, removed)
        elif isinstance(operation, RemoveSpans):
            removed.update(operation.span_ids)
        elif isinstance(operation, AddSpans):
            pending: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
            for draft in operation.drafts:
                layer = pending.setdefault((draft.doc_id, draft.annotator), [])
                self._check_span(draft.doc_id, draft.annotator, draft.start, draft.end, draft.label,
                                 ignore=removed, also=layer)
                layer.append((draft.start, draft.end, draft.label))
        elif isinstance(operation, UpdateSpan):
            span = self.span(operation.span_id)
            self._check_span(
                span.doc_id, span.annotator,
                span.start if operation.start is None else operation.start,
                span.end if operation.end is None else operation.end,
                span.label if operation.label is None else operation.label,
                ignore=removed | {span.id},
            )

    def _check_span(self, doc_id: int, annotator: str, start: int, end: int, label: str,
                    ignore: set[int], also=()) -> None:
        if not annotator:
            raise SpanError("a span needs an annotator (a layer name)")
        if self.schema.label(label) is None:
            raise SpanError(f"unknown label {label!r} (schema has {', '.join(self.schema.label_names)})")
        # One query: the length, and an index range scan of the layer around [start, end).
        length, overlapping = self.store.length_and_overlapping(doc_id, annotator, start, end)
        if length is None:
            raise SpanError(f"no document {doc_id}")
        if not 0 <= start < end <= length:
            raise SpanError(f"span [{start}, {end}) is empty or outside the text (0–{length})")
        if self.schema.overlap == "allow":
            return
        others = [(s_start, s_end, s_label, s_text)
                  for span_id, s_start, s_end, s_label, s_text in overlapping if span_id not in ignore]
        pending = [(s, e, label, "") for s, e, label in also if s < end and start < e]
        for s_start, s_end, s_label, s_text in others + pending:
            nested = (s_start <= start and end <= s_end) or (start <= s_start and s_end <= end)
            if self.schema.overlap == "nested" and nested and (s_start, s_end) != (start, end):
                continue
            raise OverlapError(s_label, s_start, s_end, s_text)

    # -- export ------------------------------------------------------------------

    def export(self, fmt: str, out: Path | str, source: str = GOLD, status: str | None = None,
               split: str | None = None, seed: int = 0, progress=None, cancelled=None, scheme: str = "bio",
               label_map=None):
        """Write ``source``'s spans as training data in format ``fmt`` (see ``core.export.FORMATS``).

        ``status="done"`` keeps documents the source marked done (gold: adjudicated);
        ``split="80/10/10"`` writes train/dev/test parts chosen by hash(seed, uid).
        ``progress(done, total)`` and ``cancelled()`` (or a ``threading.Event``) let
        a worker thread report and stop it. ``scheme`` (bio, iobes, bilou) is the tag
        scheme of the tagged formats; ``label_map`` (a ``LabelMap``) renames or leaves out
        labels (default: the format's built-in map, if any). Returns an ``ExportReport``.
        """
        from annotator.core.export import export_project

        return export_project(self, fmt, out, source=source, status=status, split=split, seed=seed,
                              progress=progress, cancelled=cancelled, scheme=scheme, label_map=label_map)

    # -- suggestions -------------------------------------------------------------

    def gazetteer_files(self) -> list[Path]:
        """The bundled gazetteers, then the project's ``gazetteers/*.tsv`` (whose lines win)."""
        files = sorted(bundled_gazetteers_dir().glob("*.tsv"))
        if not self.store.in_memory:
            files += sorted((self.folder / GAZETTEER_DIR).glob("*.tsv"))
        return files

    @cached_property
    def suggester(self) -> Suggester:
        """Runs the schema's recognisers; gazetteers load on first use, learned strings and the
        model stay current."""
        from annotator.core.model.recogniser import ModelRecogniser

        store = SuggestionStore(self.store)
        learned = LearnedStrings(store.string_evidence, store.change_marker, store.rejected_strings)
        remote = None
        if self.schema.remote is not None:
            from annotator.core.suggest.remote.recogniser import RemoteRecogniser

            remote = RemoteRecogniser(self.schema, self.name)
        return Suggester(self.schema, self.gazetteer_files, learned, ModelRecogniser(self.model_files, self.schema),
                         remote)

    @cached_property
    def span_attributes(self) -> SpanAttributes:
        """Computes the attributes a label's recognisers set, for any span (see ``apply``)."""
        return SpanAttributes(self.schema, self.suggester)

    def suggest(self, doc_id: int, annotator: str | None = None, labels=None,
                wait_for_remote: bool = True) -> list[Suggestion]:
        """Suggestions for a document (stored morphemes; no Kiwi). With ``annotator``, none that
        overlaps a span of that layer or that this annotator rejected in this document.
        ``wait_for_remote`` False: a remote service's suggestions only if its answer is at hand."""
        document = self.document(doc_id)
        unknown = [label for label in labels or () if self.schema.label(label) is None]
        if unknown:
            raise ProjectError(f"unknown label {unknown[0]!r} (schema has {', '.join(self.schema.label_names)})")
        existing, rejected = [], []
        if annotator:
            existing = [(s.start, s.end) for s in self.spans(doc_id, annotator)]
            rejected = [(r.start, r.end, r.label) for r in self.rejected_suggestions(doc_id, annotator)]
        return self.suggester.suggest(document.text, self.morphemes(doc_id), labels, existing, rejected,
                                      wait_for_remote)

    def fill_attributes(self, layer: str = GOLD, dry_run: bool = False):
        """Give ``layer``'s spans stored without their labels' attributes (an amount's value, an agency's
        canonical name) what the recognisers compute: a ``span_attributes.FillReport``, undoable."""
        from annotator.core.suggest.span_attributes import fill_attributes

        return fill_attributes(self, layer, dry_run)

    def reject_suggestion(self, doc_id: int, suggestion: Suggestion, annotator: str) -> Change:
        """Remember that ``annotator`` rejected ``suggestion`` here; undo with the change's inverse."""
        if not annotator:
            raise SpanError("rejecting a suggestion needs an annotator (a layer name)")
        self.document(doc_id)
        rejection = Rejection(doc_id, suggestion.start, suggestion.end, suggestion.label, annotator)
        return self.apply(RejectSpans([rejection], description="reject suggestion"))

    def rejected_suggestions(self, doc_id: int, annotator: str) -> list[Rejection]:
        rows = review_store.rejection_rows(self.store, doc_id, layer=annotator)
        return [Rejection(*row, layer=annotator) for row in rows]

    # -- the model (see core/model) ------------------------------------------------

    @cached_property
    def model_files(self):
        """``model.crfsuite`` and ``model.json`` in the project folder (in memory for a project in memory)."""
        from annotator.core.model import ModelFiles

        return ModelFiles(self.folder if not self.store.in_memory else None)

    def train(self, **options):
        """Train the model on the finished work now and store it; returns its ``ModelInfo``
        (per-label held-out F1 and training span counts). Options: see ``model.train_model``."""
        from annotator.core.model import train_model

        data, info = train_model(self, **options)
        return self.model_files.write(data, info)

    def model_info(self):
        """The stored model's ``ModelInfo`` (None before the first training)."""
        return self.model_files.info()

    # -- figures ---------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        counts = self.store.counts()
        counts["project"] = self.name
        counts["labels"] = list(self.schema.label_names)
        return counts

    # -- review, agreement, merging copies (see review.py, adjudication.py, agreement.py, merge.py)

    def review_candidates(self, doc_id: int, done_only: bool = False):
        """The merged view of a document: ``review.Candidate`` records with their state."""
        from annotator.core.review.merged_view import review_candidates

        return review_candidates(self, doc_id, done_only)

    def review_state(self, doc_id: int, done_only: bool = False):
        """One document's ``review.DocumentReview`` (after a change, instead of all of them)."""
        from annotator.core.review.merged_view import review_state

        return review_state(self, doc_id, done_only)

    def review_states(self, done_only: bool = False):
        """``{doc_id: review.DocumentReview}`` for every document (state, candidate counts)."""
        from annotator.core.review.merged_view import review_states

        return review_states(self, done_only)

    def adjudicate(self, doc_id: int | None = None, min_agree: int | None = None, all_documents: bool = False):
        """Auto-merge agreed spans into gold (every document when ``doc_id`` is None); undoable. Finished
        documents only (two annotators marked them done; they vote) unless ``all_documents``."""
        from annotator.core.review.adjudication import auto_merge

        if self.package is not None:  # even when there is nothing to merge: review happens elsewhere
            from annotator.core.team.packages.guard import check_package_operation

            check_package_operation(self.store, self.package, SetStatus(doc_id or 0, GOLD, "adjudicated"))
        return auto_merge(self, doc_id, min_agree, all_documents)

    def accept_into_gold(self, span_id: int) -> Change:
        from annotator.core.review.adjudication import accept_span

        return accept_span(self, span_id)

    def accept_candidate(self, doc_id: int, start: int, end: int, label: str) -> Change:
        from annotator.core.review.adjudication import accept_candidate

        return accept_candidate(self, doc_id, start, end, label)

    def accept_annotator(self, doc_id: int, annotator: str) -> Change:
        from annotator.core.review.adjudication import accept_annotator

        return accept_annotator(self, doc_id, annotator)

    def reject_candidate(self, doc_id: int, start: int, end: int, label: str) -> Change:
        from annotator.core.review.adjudication import reject_candidate

        return reject_candidate(self, doc_id, start, end, label)

    def mark_adjudicated(self, doc_id: int, comment: str = "") -> Change:
        from annotator.core.review.adjudication import mark_adjudicated

        return mark_adjudicated(self, doc_id, comment)

    def agreement(self, annotators=None, label: str | None = None, all_documents: bool = False):
        """Span F1, morpheme κ and α, progress: an ``agreement.AgreementReport``."""
        from annotator.core.review.agreement import agreement

        return agreement(self, annotators, label, all_documents)

    # -- the team loop (see team/): returns, notes ---------------------------------------

    def return_document(self, doc_id: int, annotator: str, reason: str) -> Change:
        """Send a document back to ``annotator`` with ``reason`` (반려); undo with the change's inverse."""
        from annotator.core.team.returns import return_document

        return return_document(self, doc_id, annotator, reason)

    def returns(self, doc_id: int | None = None, annotator: str | None = None):
        """Documents returned (waiting) or fixed since: ``team.returns.Return`` records."""
        from annotator.core.team.returns import returns

        return returns(self, doc_id, annotator)

    def set_note(self, doc_id: int, layer: str, text: str) -> Change:
        """``layer``'s note on a document (a span's note: ``apply(UpdateSpan(id, note=...))``)."""
        from annotator.core.team.notes import SetNote

        self.document(doc_id)
        return self.apply(SetNote(doc_id, layer, text))

    def document_notes(self, doc_id: int) -> dict[str, str]:
        from annotator.core.team.notes import document_notes

        return document_notes(self, doc_id)

    def notes(self, annotator: str | None = None, kinds=None, doc_id: int | None = None):
        """Flag comments, return reasons, document, span and candidate notes (``team.notes.ListedNote``)."""
        from annotator.core.team.notes import NOTE_KINDS, listed_notes

        return listed_notes(self, annotator, NOTE_KINDS if kinds is None else kinds, doc_id)

    def merge_from(self, path: Path | str, prefer: str | None = None, dry_run: bool = False,
                   trust_full_copy: bool = False, as_package: str | None = None, reveal: bool = False):
        """Bring in another copy of this project (its folder or ``project.db``): a ``merge.MergeReport``.
        ``prefer`` (ours, theirs, newer) settles conflicts; ``dry_run`` only reports what would change.
        A package brings only its annotator's work; ``trust_full_copy`` and ``as_package`` say what a
        copy this project cannot recognise is (``team.authority``); ``reveal`` lets a merge into an
        annotator's package show her other layers (``team.package_update``)."""
        from annotator.core.team.merge.copies import merge_from

        return merge_from(self, Path(path), prefer=prefer, dry_run=dry_run, trust_full_copy=trust_full_copy,
                          as_package=as_package, reveal=reveal)
