"""annotator: a desktop span-annotation workbench for Korean policy articles."""

from annotator.core.errors import AnnotatorError, InputError, ProjectError, SpanError
from annotator.core.project import Project
from annotator.core.records import GOLD, Document, Span
from annotator.core.text.snapping import snap_span
from annotator.core.suggest import Suggestion, accept_operation

__version__ = "0.1.0"
__all__ = ["Project", "snap_span", "Document", "Span", "GOLD", "AnnotatorError", "InputError", "ProjectError", "SpanError",
           "Suggestion", "accept_operation"]
