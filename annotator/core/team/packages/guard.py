"""In a package, only its annotator's own work is written: no gold, no returns, no other layer.

A package is made for one annotator (``identity``); review (gold, candidates' rejections and
notes, returns) happens in the project that made it. The window does not offer review mode there,
and every change is checked here too, in ``Project.apply``, whatever asks for it. Undoing her own
change is hers: putting back a return she had (the same reason and time) is not a new return.
"""

from __future__ import annotations

from annotator.core.errors import ProjectError
from annotator.core.operations import AddSpans, Batch, Operation, RejectSpans, RemoveSpans, SetStatus, UpdateSpan, WithdrawRejections
from annotator.core.team.packages.identity import PackageRecord
from annotator.core.team.notes import SetNote


def _written(store, operation: Operation) -> tuple[set[str], bool]:
    """(layers ``operation`` writes, whether it returns a document)."""
    if isinstance(operation, Batch):
        layers, returns = set(), False
        for inner in operation.operations:
            more, returned = _written(store, inner)
            layers |= more
            returns = returns or returned
        return layers, returns
    if isinstance(operation, AddSpans):
        return {draft.annotator for draft in operation.drafts}, False
    if isinstance(operation, (RemoveSpans, UpdateSpan)):
        ids = operation.span_ids if isinstance(operation, RemoveSpans) else [operation.span_id]
        return {span.annotator for span in (store.span(i) for i in ids) if span is not None}, False
    if isinstance(operation, SetStatus):
        current = store.status(operation.doc_id, operation.annotator)
        returns = any(new is not None and new != old for new, old in (
            (operation.reason, current.reason), (operation.returned_at, current.returned_at)))
        return {operation.annotator}, returns
    if isinstance(operation, (RejectSpans, WithdrawRejections)):
        return {rejection.layer for rejection in operation.rejections}, False
    if isinstance(operation, SetNote):
        return {operation.layer}, False
    return set(), False


def check_package_operation(store, package: PackageRecord, operation: Operation) -> None:
    """Refuse ``operation`` in ``package`` unless it writes only its annotator's layer, and no return."""
    layers, returns = _written(store, operation)
    others = sorted(layers - {package.annotator})
    if others or returns:
        what = f"the layer{'s' if len(others) > 1 else ''} {', '.join(others)}" if others else "a return"
        raise ProjectError(f"this is {package.annotator}'s package: it holds {package.annotator}'s work only, so it "
                           f"does not write {what}; review (gold, returns) happens in the project that made it")
