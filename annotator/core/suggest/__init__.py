"""Suggestions: spans proposed by recognisers (amounts, gazetteers, patterns, learned strings)."""

from .amounts import Amount, find_amounts
from .suggester import Suggester
from .suggestion import Suggestion, accept_operation, resolve_overlaps

__all__ = [
    "Amount", "find_amounts", "Suggester",
    "Suggestion", "accept_operation", "resolve_overlaps",
]
