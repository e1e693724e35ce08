"""SQL for comparing annotators with gold over time: when each status was last set."""

from __future__ import annotations


def done_times(store) -> dict[tuple[int, str], tuple[str, str]]:
    """{(doc_id, annotator): (status, updated_at)} of the statuses that say done or adjudicated."""
    rows = store.conn.execute(
        "SELECT doc_id, annotator, status, updated_at FROM statuses WHERE status IN ('done', 'adjudicated')")
    return {(d, a): (s, u) for d, a, s, u in rows}
