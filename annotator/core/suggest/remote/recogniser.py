"""The ``remote`` recogniser: a service speaking Label Studio's ML-backend protocol (a fine-tuned
KLUE-RoBERTa on a GPU box, an LLM behind an API) suggests spans like the other recognisers.

- The first request of a process checks ``/health`` and sends ``/setup`` (the labelling config of
  the labels that list ``remote``, with the service's names for them: ``[remote.labels]``); then
  ``/predict`` gets the regions of a text. Answers are kept per text for the process (the window's
  worker threads share them) until the service reports another model version.
- A slow, failing or malformed service never holds anything up for longer than its ``timeout``:
  the failure is one message (``problem``), the other recognisers go on, and the service is not
  asked again for ``retry_after`` seconds.
- Its spans are snapped to the stored morphemes like a selection (when the schema snaps), so a
  service that keeps the particle (원주시가) suggests 원주시; they carry the service's score as their
  ``confidence`` and ``remote`` as their source.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Sequence

from annotator.core.schema import Schema
from annotator.core.text.snapping import snap_to_morphemes
from annotator.core.suggest.analysed_text import AnalysedText
from annotator.core.suggest.remote.client import RemoteClient, RemoteError
from annotator.core.suggest.remote.protocol import (MalformedAnswer, Region, health_problem, label_config, model_version,
                              predict_request, predictions, setup_request, task)
from annotator.core.suggest.suggestion import Suggestion

SOURCE = "remote"
KEPT_ANSWERS = 1000  # texts whose regions a process keeps (a few kilobytes each)


class _Service:
    """What every recogniser of one service shares in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.answers: OrderedDict[bytes, list[Region]] = OrderedDict()
        self.version: str | None = None
        self.ready = False  # /health and /setup answered
        self.failed_at: float | None = None
        self.problem: str | None = None


_services: dict[tuple, _Service] = {}
_services_lock = threading.Lock()


def _service(key: tuple) -> _Service:
    with _services_lock:
        return _services.setdefault(key, _Service())


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class RemoteRecogniser:
    def __init__(self, schema: Schema, project_name: str):
        self.settings = schema.remote
        self.schema = schema
        self.labels = tuple(label.name for label in schema.labels if SOURCE in label.recognisers)
        self.client = RemoteClient(self.settings)
        self.config = label_config(self.settings, self.labels)
        self.project_key = self.settings.project_key(project_name)
        self._service = _service(self.settings.key + (self.labels,))

    # -- state -------------------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """Why the service gave nothing lately (None once it answered again)."""
        return self._service.problem

    def waiting(self) -> bool:
        """True while a failure keeps the service from being asked (``retry_after``)."""
        failed = self._service.failed_at
        return failed is not None and time.monotonic() - failed < self.settings.retry_after

    def has_answer(self, text: str) -> bool:
        with self._service.lock:
            return _digest(text) in self._service.answers

    def forget(self) -> None:
        """Drop the kept answers (after /train: the next ones come from the new model)."""
        with self._service.lock:
            self._service.answers.clear()
            self._service.failed_at = self._service.problem = None

    # -- asking ------------------------------------------------------------------------

    def fetch(self, texts: Sequence[str]) -> None:
        """Ask for the regions of the ``texts`` not answered yet, ``batch`` texts a request; a
        failure raises ``RemoteError`` and keeps the service from being asked for a while."""
        wanted = list(dict.fromkeys(t for t in texts if not self.has_answer(t)))
        if not wanted:
            return
        try:
            self._connect()
            size = self.settings.batch
            for i in range(0, len(wanted), size):
                self._predict(wanted[i:i + size])
        except RemoteError as error:
            self._failed(str(error))
            raise
        with self._service.lock:
            self._service.failed_at = self._service.problem = None

    def regions(self, text: str, wait: bool = True) -> list[Region] | None:
        """The service's regions for ``text``: kept ones, else (``wait``, and the service not
        resting after a failure) asked for now; None when there are none to give."""
        key = _digest(text)
        with self._service.lock:
            found = self._service.answers.get(key)
            if found is not None:
                self._service.answers.move_to_end(key)
                return found
        if not wait or self.waiting():
            return None
        try:
            self.fetch([text])
        except RemoteError:
            return None
        with self._service.lock:
            return self._service.answers.get(key)

    def suggestions(self, analysed: AnalysedText, wait: bool = True) -> list[Suggestion]:
        """The service's spans of the labels that list ``remote``, snapped, with their confidence."""
        found = self.regions(analysed.text, wait) or []
        text, best = analysed.text, {}
        for region in found:
            label = self.settings.project_label(region.label)
            if label not in self.labels or (region.score is not None and region.score < self.settings.min_confidence):
                continue
            start, end = region.start, region.end
            if self.schema.snapping and analysed.morphemes:
                start, end = snap_to_morphemes(text, start, end, analysed.morphemes)
            if start >= end:
                continue
            key = (start, end, label)
            if key not in best or (region.score or 0) > (best[key].confidence or 0):
                best[key] = Suggestion(start, end, label, text[start:end], {}, SOURCE, region.score)
        return sorted(best.values(), key=lambda s: (s.start, s.end, s.label))

    def check(self, text: str | None = None) -> dict:
        """Ask the service now (``annotator remote``): its health, model version, and with ``text``
        the regions it predicts there. Raises ``RemoteError``."""
        self.forget()
        self._service.ready = False
        try:
            self._connect()
            regions = None
            if text is not None:
                self._predict([text])
                regions = self.regions(text, wait=False)
        except RemoteError as error:
            self._failed(str(error))
            raise
        return {"url": self.settings.url, "model_version": self._service.version, "labels": list(self.labels),
                "label_config": self.config, "regions": regions}

    # -- the protocol --------------------------------------------------------------------

    def _connect(self) -> None:
        if self._service.ready:
            return
        problem = health_problem(self.client.get("/health"))
        if problem:
            raise RemoteError(f"{self.settings.url}: {problem}")
        answer = self.client.post("/setup", setup_request(self.project_key, self.config))
        with self._service.lock:
            self._service.version = model_version(answer)
            self._service.ready = True

    def _predict(self, texts: list[str]) -> None:
        tasks = [task(number, text, self.settings.data_field) for number, text in enumerate(texts, start=1)]
        answer = self.client.post("/predict", predict_request(tasks, self.project_key, self.config))
        try:
            found = predictions(answer, texts)
        except MalformedAnswer as error:
            if len(texts) > 1:  # a backend that leaves out empty predictions: ask one text at a time
                for text in texts:
                    self._predict([text])
                return
            raise RemoteError(f"{self.settings.url}/predict answered malformed predictions: {error}") from None
        version = model_version(answer)
        with self._service.lock:
            answers = self._service.answers
            if version is not None and version != self._service.version:
                answers.clear()  # a new model: what the old one said is stale
                self._service.version = version
            for text, regions in zip(texts, found):
                answers[_digest(text)] = regions
            while len(answers) > KEPT_ANSWERS:
                answers.popitem(last=False)

    def _failed(self, message: str) -> None:
        with self._service.lock:
            self._service.failed_at = time.monotonic()
            self._service.problem = message
            self._service.ready = False
