"""Exporting a layer as training data: formats, splits, reports (see ``export_project``)."""

from annotator.core.export.exporter import STATUS_FILTERS, default_status, export_project, finished_status
from annotator.core.export.formats import FORMATS, Format, MissingExtra, get_format
from annotator.core.export.report import ExportCancelled, ExportReport, SpanNote
from annotator.core.export.split import Split

__all__ = ["STATUS_FILTERS", "default_status", "export_project", "finished_status", "FORMATS", "Format", "MissingExtra", "get_format",
           "ExportCancelled", "ExportReport", "SpanNote", "Split"]
