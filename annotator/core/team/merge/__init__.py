"""Merging another copy of a project: what it may bring, checking it, span versions, layers, the report."""
