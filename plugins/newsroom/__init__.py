"""MkDocs Briefings: annotated news briefings as a MkDocs plugin."""

__version__ = "0.1.0"
