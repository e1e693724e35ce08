"""The article: the text view with its overlays, spans, suggestions, find, zoom and the side panels about it."""
