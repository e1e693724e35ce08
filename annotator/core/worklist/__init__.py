"""The document list: search queries and the list's order."""
