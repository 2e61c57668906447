"""Generate the corpus of broken and hostile files, each with the outcome it must give.

Run as a script to write the files into a folder (``python tests/hostile_corpus.py OUTDIR``);
the tests import :func:`cases`. The expectations are written here by hand, per file — not
taken from what the parser happens to do.

Outcomes: the name of a :class:`sheetparse.SheetParseError` subclass, or ``sheet:<code>`` for
a sheet that parses with a diagnostic of that code.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@dataclass(frozen=True)
class Case:
    """One hostile file and the outcomes that count as handling it."""

    name: str
    data: bytes
    expect: tuple[str, ...]
    why: str


# --- a minimal PDF writer (so the corpus needs no PDF library) --------------------------------


def pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


def _stream(content: bytes, *, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF printing ASCII lines in Helvetica."""
    ops = [b"BT /F1 12 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append(
            b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*"
        )
    ops.append(b"ET")
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"\n".join(ops)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def image_only_pdf() -> bytes:
    """A page with a grey image and no text at all: what a scanner produces."""
    w = h = 64
    pixels = bytes((x * 4) % 256 for x in range(w)) * h
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            _stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q"),
            _stream(
                pixels,
                compress=True,
                extra=b" /Type /XObject /Subtype /Image /Width %d /Height %d "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8" % (w, h),
            ),
        ]
    )


def stream_bomb_pdf(size: int = 400 * 1024 * 1024) -> bytes:
    """A page whose content stream inflates to ``size`` bytes (a zip bomb in a PDF)."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(z.compress(chunk) for _ in range(size >> 20)) + z.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream,
        ]
    )


def broken_xref(data: bytes) -> bytes:
    """The same PDF with every xref offset pointing at the wrong place."""
    head, sep, tail = data.partition(b"xref\n")
    lines = tail.split(b"\n")
    for i, line in enumerate(lines):
        if line.endswith(b" n ") and len(line) == 19:
            lines[i] = b"%010d 00000 n " % (int(line[:10]) + 7)
    return head + sep + b"\n".join(lines)


def encrypted_pdf(data: bytes, user_password: str) -> bytes:
    """``data`` encrypted with pypdf (a dev dependency of the corpus only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- other formats -----------------------------------------------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def deep_html(depth: int) -> bytes:
    return (
        b"<html><body>"
        + b"<div>" * depth
        + "深い入れ子の中の文章".encode()
        + b"</div>" * depth
        + b"</body></html>"
    )


def wide_table_html(cols: int) -> bytes:
    head = "".join(f"<th>列{i}</th>" for i in range(cols))
    row = "".join(f"<td>{i}</td>" for i in range(cols))
    return f"<html><body><table><tr>{head}</tr><tr>{row}</tr></table></body></html>".encode()


def wide_table_md(cols: int) -> bytes:
    head = "| " + " | ".join(f"列{i}" for i in range(cols)) + " |"
    sep = "|" + "---|" * cols
    row = "| " + " | ".join(str(i) for i in range(cols)) + " |"
    return f"{head}\n{sep}\n{row}\n".encode()


ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE html [\n <!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        b' <!ENTITY %s "%s">\n' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
        for i in range(9)
    )
    + b']>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&j;</p></body></html>\n'
)

EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">'
    b'<!ENTITY y SYSTEM "http://127.0.0.1:9/leak">]>\n'
    b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;&y;</p></body></html>\n'
)


def _seed_md() -> bytes:
    return (SAMPLES / "kashiwa-r7.md").read_bytes()


def cases() -> list[Case]:
    """Every hostile file with the outcomes that count as handling it."""
    text = text_pdf(["Minutes of the meeting", "Nothing here is a progress sheet."])
    out = [
        Case(f"empty{ext}", b"", ("EmptyInput",), "zero bytes")
        for ext in (".pdf", ".html", ".md", ".xlsx", ".txt")
    ]
    out += [
        Case("whitespace.md", b" \n\t\r\n", ("EmptyInput",), "only white space"),
        Case("not-a-sheet.pdf", text, ("NotAProgressSheet",), "a valid PDF of another kind"),
    ]
    for frac in (0.05, 0.3, 0.6, 0.9, 0.99):
        cut = max(9, int(len(text) * frac))
        out.append(
            Case(
                f"truncated-{int(frac * 100):02d}.pdf",
                text[:cut],
                ("CorruptDocument", "NotAProgressSheet", "NoTextLayer"),
                f"a PDF cut at {cut} of {len(text)} bytes",
            )
        )
    out += [
        Case("header-only.pdf", b"%PDF-1.7\n", ("CorruptDocument",), "nothing after the header"),
        Case(
            "broken-xref.pdf",
            broken_xref(text),
            ("NotAProgressSheet", "CorruptDocument"),
            "xref offsets all wrong: repaired by a scan, or refused",
        ),
        Case(
            "encrypted.pdf",
            encrypted_pdf(text, "secret"),
            ("EncryptedDocument",),
            "a user password is needed",
        ),
        Case(
            "encrypted-empty-password.pdf",
            encrypted_pdf(text, ""),
            ("NotAProgressSheet",),
            "encrypted with an empty user password: opens, then is not a sheet",
        ),
        Case("image-only.pdf", image_only_pdf(), ("NoTextLayer",), "a scan: no text layer"),
        Case(
            "stream-bomb.pdf",
            stream_bomb_pdf(),
            ("InputTooLarge",),
            "a content stream that inflates to 400 MB",
        ),
        Case("zip-renamed.pdf", zip_of({"a.txt": b"hello"}), ("UnsupportedFormat",), "a ZIP"),
        Case("zip-renamed.xlsx", zip_of({"a.txt": b"hello"}), ("UnsupportedFormat",), "a ZIP"),
        Case("zip-renamed.html", zip_of({"a.txt": b"hello"}), ("UnsupportedFormat",), "a ZIP"),
        Case("png-renamed.pdf", PNG, ("UnsupportedFormat",), "a PNG image"),
        Case("png-renamed.xlsx", PNG, ("UnsupportedFormat",), "a PNG image"),
        Case("png-renamed.html", PNG, ("UnsupportedFormat",), "a PNG image"),
        Case(
            "docx-renamed.xlsx",
            zip_of({"word/document.xml": b"<w/>"}),
            ("UnsupportedFormat",),
            "a Word document",
        ),
        Case(
            "ods-renamed.xlsx",
            zip_of(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b"<office:document-content/>",
                }
            ),
            ("UnsupportedFormat",),
            "an OpenDocument spreadsheet",
        ),
        Case(
            "broken-workbook.xlsx",
            zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not xml"}),
            ("CorruptDocument",),
            "a workbook whose XML is broken",
        ),
        Case(
            "truncated-workbook.xlsx",
            zip_of({"xl/workbook.xml": b"<workbook/>" * 100})[:-30],
            ("CorruptDocument",),
            "a ZIP cut short",
        ),
        Case("junk.md", bytes(range(256)) * 64, ("UnsupportedFormat",), "binary junk"),
        Case(
            "deep-100000.html",
            deep_html(100_000),
            ("NotAProgressSheet", "InputTooLarge"),
            "HTML nested 100,000 deep",
        ),
        Case(
            "wide-10000.html",
            wide_table_html(10_000),
            ("NotAProgressSheet", "InputTooLarge"),
            "a table with 10,000 columns",
        ),
        Case(
            "wide-10000.md",
            wide_table_md(10_000),
            ("NotAProgressSheet", "InputTooLarge"),
            "a Markdown table with 10,000 columns",
        ),
        Case(
            "entity-bomb.xhtml",
            ENTITY_BOMB,
            ("NotAProgressSheet", "UnsupportedFormat"),
            "billion laughs: entities must not be expanded",
        ),
        Case(
            "external-entity.xhtml",
            EXTERNAL_ENTITY,
            ("NotAProgressSheet", "UnsupportedFormat"),
            "external entities must not be resolved or fetched",
        ),
        Case(
            "one-line-10mb.md", b"a" * (10 * 1024 * 1024), ("InputTooLarge",), "a single 10 MB line"
        ),
        Case(
            "sjis-declared-utf8.md",
            _seed_md()
            .decode("utf-8")
            .replace("\u2014", "\u2015")
            .replace("\u21c4", "⇔")
            .encode("cp932"),
            ("sheet:encoding-detected",),
            "a Shift_JIS sheet read as UTF-8 would be mojibake",
        ),
    ]
    return out


def write(folder: str | Path) -> list[Path]:
    """Write every case into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases():
        path = folder / case.name
        path.write_bytes(case.data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus"):
        print(p)
