"""Sending the finished work to the remote recogniser's service so it can train (``annotator train
--remote``).

The finished work is what the CRF learns from (``model_store.finished_layers``): the gold layer of
adjudicated documents, and the layers annotators marked done elsewhere. Each document becomes one
Label Studio task with one annotation per finished layer (``completed_by`` the annotator,
``ground_truth`` for gold), holding the spans of the labels that list ``remote``, under the
service's names for them. It goes

- to ``POST /train`` (``{"annotations": TASKS, "project", "label_config", "params"}``), the
  protocol of the ``label-studio-ml`` 1.x servers, which train before they answer
  (``train_timeout``);
- to ``POST /webhook`` as a ``START_TRAINING`` event with the tasks in it, when the service has no
  ``/train`` (2.x backends train on webhook events; one whose ``fit`` downloads its data from a
  Label Studio server instead cannot learn from this tool).

The answers kept from the old model are dropped, so the next suggestions come from the new one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotator.core.store import model as model_store
from annotator.core.records import GOLD
from annotator.core.suggest.remote.client import RemoteError
from annotator.core.suggest.remote.protocol import task

NO_SUCH_ROUTE = (404, 405)


@dataclass
class RemoteTraining:
    url: str
    route: str  # "/train" or "/webhook"
    documents: int
    annotations: int
    spans: Counter = field(default_factory=Counter)  # by project label
    answer: object = None  # what the service answered

    def to_json(self) -> dict:
        return {"url": self.url, "route": self.route, "documents": self.documents,
                "annotations": self.annotations, "spans": dict(self.spans), "answer": self.answer}


def finished_tasks(project, recogniser) -> tuple[list[dict], Counter]:
    """The finished work as Label Studio tasks, and the number of spans sent per label."""
    settings, served = recogniser.settings, set(recogniser.labels)
    layers = model_store.finished_layers(project.store)
    spans = model_store.layer_spans(project.store, layers)
    by_document: dict[int, list[str]] = {}
    for doc_id, layer in layers:
        by_document.setdefault(doc_id, []).append(layer)
    tasks, counts = [], Counter()
    for doc_id, names in sorted(by_document.items()):
        document = project.document(doc_id)
        text = document.text
        item = task(doc_id, text, settings.data_field)
        item["data"].update(uid=document.uid, title=document.title)
        item["annotations"] = []
        for number, layer in enumerate(names, start=1):
            kept = sorted(s for s in spans[(doc_id, layer)] if s[2] in served)
            counts.update(label for _, _, label in kept)
            item["annotations"].append({
                "id": doc_id * 1000 + number, "completed_by": layer, "ground_truth": layer == GOLD,
                "was_cancelled": False,
                "result": [{"id": f"{doc_id}-{number}-{index}", "from_name": settings.from_name,
                            "to_name": settings.to_name, "type": "labels",
                            "value": {"start": start, "end": end, "text": text[start:end],
                                      "labels": [settings.service_labels(label)[0]]}}
                           for index, (start, end, label) in enumerate(kept, start=1)],
            })
        tasks.append(item)
    return tasks, counts


def train_remote(project) -> RemoteTraining:
    """Send the finished work to the service; raises ``RemoteError`` when there is none to send
    or the service does not take it."""
    recogniser = project.suggester.remote
    if recogniser is None:
        raise RemoteError(f"{project.folder}: project.toml has no [remote] service to train")
    tasks, counts = finished_tasks(project, recogniser)
    if not tasks:
        raise RemoteError("no finished work to send yet: mark documents done (or adjudicate them) first")
    settings, client = recogniser.settings, recogniser.client
    key = recogniser.project_key
    timeout = settings.train_timeout
    report = RemoteTraining(settings.url, "/train", len(tasks), sum(len(t["annotations"]) for t in tasks), counts)
    try:
        report.answer = client.post("/train", {"annotations": tasks, "project": key,
                                               "label_config": recogniser.config, "params": {}}, timeout)
    except RemoteError as error:
        if error.status not in NO_SUCH_ROUTE:
            raise
        report.route = "/webhook"
        report.answer = client.post("/webhook", {
            "action": "START_TRAINING", "project": {"id": int(key.split(".")[0]), "label_config": recogniser.config},
            "tasks": tasks}, timeout)
    recogniser.forget()
    return report
