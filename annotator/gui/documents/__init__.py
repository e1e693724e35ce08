"""The left panel: the document list, its search and filters, and what Ctrl+Enter opens next."""
