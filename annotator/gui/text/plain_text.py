"""Document text shown as text: Qt guesses that a tooltip starting with a tag is
rich text (Qt::mightBeRichText), so tooltips that carry document text go
through here, escaped, with their line breaks kept."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Rich text that displays ``text`` literally (markup and all)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
