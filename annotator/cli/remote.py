"""The remote recogniser from the command line: ``remote`` checks the service (health, set-up,
model version, what it predicts in a document), ``train --remote`` sends it the finished work, and
``suggest`` asks it in batches (``prefetch``)."""

from __future__ import annotations

import json

from annotator.core.errors import AnnotatorError
from annotator.cli.common import EXIT_OK, EXIT_PARTIAL, err, open_project


def _recogniser(project):
    remote = project.suggester.remote
    if remote is None:
        raise AnnotatorError(f"{project.folder / 'project.toml'}: no [remote] table (see README: remote recogniser)")
    return remote


def cmd_remote(args) -> int:
    with open_project(args.project) as project:
        remote = _recogniser(project)
        doc_ids = project.store.document_ids()
        doc_id = args.document if args.document is not None else (doc_ids[0] if doc_ids else None)
        document = project.document(doc_id) if doc_id is not None else None
        found = remote.check(document.text if document else None)
        suggestions = [s for s in project.suggest(doc_id) if s.source == "remote" or s.confidence_from == "remote"] \
            if document else []
    if args.json:
        print(json.dumps({**{k: v for k, v in found.items() if k != "regions"},
                          "document": doc_id, "regions": [r.__dict__ for r in found["regions"] or []],
                          "suggestions": [s.to_json() for s in suggestions]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{found['url']} is up; model version {found['model_version'] or '(none given)'}")
    print(f"labels it suggests: {', '.join(found['labels']) or 'none (no label lists remote)'}")
    if document is None:
        print("no documents to try it on")
        return EXIT_OK
    regions = found["regions"] or []
    print(f"document {doc_id} ({document.title}): {len(regions)} regions predicted, "
          f"{len(suggestions)} suggestions kept")
    served = set(found["labels"])
    ignored = sorted({r.label for r in regions if remote.settings.project_label(r.label) not in served})
    if ignored:
        print(f"  service labels no label takes (map them in [remote.labels]): {', '.join(ignored)}")
    for s in suggestions:
        confidence = "" if s.confidence is None else f"  {s.confidence:.2f}"
        print(f"  {s.start}-{s.end}\t{s.label}\t{s.text}{confidence}")
    return EXIT_OK


def cmd_train_remote(args) -> int:
    from annotator.core.suggest.remote.training import train_remote

    with open_project(args.project) as project:
        report = train_remote(project)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    spans = ", ".join(f"{label} {n}" for label, n in sorted(report.spans.items())) or "no spans"
    print(f"Sent {report.documents} finished documents ({report.annotations} annotations; {spans}) "
          f"to {report.url}{report.route}")
    print(f"  it answered: {json.dumps(report.answer, ensure_ascii=False)[:300]}")
    return EXIT_OK


class Prefetch:
    """``annotator suggest``: asks the service for ``batch`` documents at a time before they are
    suggested, and remembers whether it failed (the command then exits 1: partial)."""

    def __init__(self, project, doc_ids: list[int]):
        self.project = project
        self.remote = project.suggester.remote
        self.doc_ids = doc_ids
        self.problems: list[str] = []
        self.missed = 0

    def before(self, index: int) -> None:
        """Call before suggesting ``doc_ids[index]``."""
        remote = self.remote
        if remote is None:
            return
        if index % remote.settings.batch == 0 and not remote.waiting():
            from annotator.core.suggest.remote.client import RemoteError

            chunk = self.doc_ids[index:index + remote.settings.batch]
            try:
                remote.fetch([self.project.document(doc_id).text for doc_id in chunk])
            except RemoteError as error:
                if str(error) not in self.problems:
                    self.problems.append(str(error))
        if not remote.has_answer(self.project.document(self.doc_ids[index]).text):
            self.missed += 1

    def report(self) -> int:
        if not self.problems:
            return EXIT_OK
        for problem in self.problems:
            err(f"warning: remote suggestions: {problem}")
        err(f"warning: {self.missed} of {len(self.doc_ids)} documents have no remote suggestions; "
            "the other recognisers' are complete")
        return EXIT_PARTIAL


def register(sub) -> None:
    p = sub.add_parser("remote", help="check the remote recogniser's service ([remote] in project.toml): "
                                      "health, model version, and what it suggests in a document")
    p.add_argument("project")
    p.add_argument("--document", type=int, metavar="ID", help="the document to try (default: the first)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_remote)
