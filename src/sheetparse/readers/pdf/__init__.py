"""PDF reader: pages → glyphs and rulings (backend) → lines and ruled tables (page) → blocks
across pages (assemble), with page furniture left out."""

from .reader import read_pdf

__all__ = ["read_pdf"]
