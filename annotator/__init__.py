"""annotator: a desktop span-annotation workbench for Korean policy articles."""

from .core.errors import AnnotatorError, InputError, ProjectError, SpanError
from .core.project import Project
from .core.records import GOLD, Document, Span
from .core.snapping import snap_span
from .core.suggest import Suggestion, accept_operation

__version__ = "0.1.0"
__all__ = ["Project", "snap_span", "Document", "Span", "GOLD", "AnnotatorError", "InputError", "ProjectError", "SpanError",
           "Suggestion", "accept_operation"]
