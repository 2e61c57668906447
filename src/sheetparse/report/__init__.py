"""A report people look at: one self-contained HTML page per sheet or per plan's report years.

    from sheetparse.report import render_report
    html = render_report([("kashiwa-r7.md", sheetparse.parse("kashiwa-r7.md"))])

No network and no external file: CSS and SVG charts are inline, and the one inline script only
opens the folded narratives before printing.
"""

from .page import render as render_report

__all__ = ["render_report"]
