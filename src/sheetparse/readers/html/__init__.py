"""HTML reader: a page (any encoding) → blocks, with the site's chrome left out; also the
inline-HTML cell reader the Markdown reader shares."""

from .reader import read_html

__all__ = ["read_html"]
