"""Packages: one annotator's documents and layer, made, updated and guarded (her work only)."""
