"""PySide6 layer: wiring, views, item models and undo commands over ``annotator.core``."""
