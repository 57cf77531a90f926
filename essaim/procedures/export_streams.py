"""Writers that turn rows and files into ZIP-based downloads chunk by chunk (constant memory).

Python's `zipfile` writes to a stream that cannot seek (it then puts each entry's sizes in a
data descriptor after its content), so an archive can be sent while it is being made: the
`_Sink` collects what zipfile writes and the generators hand it out at once. An XLSX file is a
ZIP of XML parts, so the spreadsheet is written the same way, one row at a time, with inline
strings (no shared-strings table to keep in memory). openpyxl (a dependency of pyxform) reads
them back in the tests.
"""

import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

READ_CHUNK = 256 * 1024
# XML 1.0 forbids most control characters; a spreadsheet cell must not carry them.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Sink:
    """A write-only, non-seekable file object whose content is taken out by `drain()`."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


# XLSX ----------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def _cell(value) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        value = "Oui" if value else "Non"
    if isinstance(value, int | float | Decimal):
        return f"<c><v>{value}</v></c>"
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = escape(_ILLEGAL_XML.sub("", str(value)))[:32767]
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def xlsx_rows(rows: Iterable[list], *, sheet_name: str = "Dossiers") -> Iterator[bytes]:
    """The bytes of a one-sheet XLSX workbook holding `rows` (the first one frozen as header)."""
    sink = _Sink()
    name = escape(_ILLEGAL_XML.sub("", sheet_name))[:31]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=name))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        yield sink.drain()
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_START.encode())
            buffered = []
            for row in rows:
                buffered.append("<row>" + "".join(_cell(value) for value in row) + "</row>")
                if len(buffered) >= 200:
                    sheet.write("".join(buffered).encode())
                    buffered.clear()
                    yield sink.drain()
            sheet.write(("".join(buffered) + _SHEET_END).encode())
    yield sink.drain()


# ZIP of files --------------------------------------------------------------------------------


def zip_files(entries: Iterable[tuple[str, object]]) -> Iterator[bytes]:
    """The bytes of a ZIP archive of `entries`: (name in the archive, opener) pairs, where
    `opener()` returns a readable binary file (closed here). Stored without compression:
    documents are PDFs and photos, already compressed."""
    sink = _Sink()
    taken: set[str] = set()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, opener in entries:
            name = _unique(name, taken)
            with opener() as source, archive.open(name, "w", force_zip64=True) as target:
                for chunk in iter(lambda source=source: source.read(READ_CHUNK), b""):
                    target.write(chunk)
                    yield sink.drain()
            yield sink.drain()
    yield sink.drain()


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem} ({n}).{extension}" if extension else f"{name} ({n})"
    taken.add(candidate)
    return candidate
