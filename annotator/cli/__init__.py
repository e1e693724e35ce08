"""The command line (``annotator``): one module per command group, wired in ``main``."""

from annotator.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
