"""Excel workbook reader: worksheets (merged cells, print areas, text boxes) → blocks."""

from .reader import read_xlsx

__all__ = ["read_xlsx"]
