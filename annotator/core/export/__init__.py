"""Exporting a layer as training data: formats, splits, reports (see ``export_project``)."""

from .exporter import STATUS_FILTERS, default_status, export_project, finished_status
from .formats import FORMATS, Format, MissingExtra, get_format
from .report import ExportCancelled, ExportReport, SpanNote
from .split import Split

__all__ = ["STATUS_FILTERS", "default_status", "export_project", "finished_status", "FORMATS", "Format", "MissingExtra", "get_format",
           "ExportCancelled", "ExportReport", "SpanNote", "Split"]
