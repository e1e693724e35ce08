"""Suggestions: spans proposed by recognisers (amounts, gazetteers, patterns, learned strings)."""

from annotator.core.suggest.amounts import Amount, find_amounts
from annotator.core.suggest.suggester import Suggester
from annotator.core.suggest.suggestion import Suggestion, accept_operation, resolve_overlaps

__all__ = [
    "Amount", "find_amounts", "Suggester",
    "Suggestion", "accept_operation", "resolve_overlaps",
]
