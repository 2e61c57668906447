"""Markdown reader: pipe, grid and multiline tables with inline HTML in cells → blocks."""

from .reader import read_markdown

__all__ = ["read_markdown"]
