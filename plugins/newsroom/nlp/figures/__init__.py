"""Figures: numbers with what they count and who says so; see :mod:`.extract`."""

from __future__ import annotations

from .extract import extract_figures
from .values import parse_value

__all__ = ["extract_figures", "parse_value"]
