"""The one exception hierarchy every reader and the CLI use.

Every failure to read a file is a :class:`SheetParseError` subclass with a message a person can
act on; nothing else escapes :func:`sheetparse.parse`. The CLI prints ``str(error)`` as one line
and exits with :attr:`SheetParseError.exit_code`.
"""

from __future__ import annotations


class SheetParseError(Exception):
    """Base class: the input could not be turned into a progress sheet."""

    exit_code = 1
    #: short stable slug, used in failure reports (``failures.jsonl``) and diagnostics
    code = "parse-error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def with_path(self, path: str | None) -> SheetParseError:
        """Attach the input path (readers often see only bytes)."""
        if path and not self.path:
            self.path = path
        return self


class UnknownFamily(SheetParseError):
    """A family was asked for (``family=`` / ``--family``) that no profile defines."""

    code = "unknown-family"


class EmptyInput(SheetParseError):
    """The file has no content (zero bytes or only white space)."""

    code = "empty-input"


class UnsupportedFormat(SheetParseError):
    """The bytes are not PDF, HTML, Markdown/text or XLSX (or not the format asked for)."""

    code = "unsupported-format"


class DecodingError(SheetParseError):
    """Text whose character encoding could not be determined or decoded."""

    code = "decoding-error"


class CorruptDocument(SheetParseError):
    """A PDF or workbook that is truncated or damaged beyond what the reader can repair."""

    code = "corrupt-document"


class EncryptedDocument(SheetParseError):
    """A password-protected file that does not open with an empty password."""

    code = "encrypted-document"


class NoTextLayer(SheetParseError):
    """A PDF with no text layer (a scan); OCR is out of scope."""

    code = "no-text-layer"


class UndecodableText(NoTextLayer):
    """A PDF whose text layer cannot be decoded: its fonts carry no Unicode map (ToUnicode), so
    its glyphs read as ``(cid:N)`` codes or wrong characters; OCR or another export is needed."""

    code = "undecodable-text"


class NotAProgressSheet(SheetParseError):
    """The file was read, but it does not contain a progress sheet (進捗シート)."""

    code = "not-a-progress-sheet"


class UnreadableInput(SheetParseError):
    """The file could not be read from disk (missing, a directory, no permission)."""

    code = "unreadable-input"


class InputTooLarge(SheetParseError):
    """The input exceeds a configured limit (bytes, pages, cells, nesting depth)."""

    code = "input-too-large"


class ParseTimeout(SheetParseError):
    """Parsing took longer than the configured time limit."""

    code = "parse-timeout"


class MissingDependency(SheetParseError):
    """An optional dependency needed for this format is not installed."""

    code = "missing-dependency"
