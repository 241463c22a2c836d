"""Reading a CSV file exported from a school's MIS or a club's membership system.

Exports come in UTF-8 (with or without a byte-order mark), in Windows-1252 from older
systems, or as Excel's UTF-16 "Unicode text"; separated by commas, semicolons (Excel in
much of Europe) or tabs. Every cell is kept as text, exactly: a cell starting with =, +, -
or @ is a name or a note, never a formula (nothing here evaluates anything).
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass

from wtsc_desktop.errors import ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
_DELIMITERS = (",", ";", "\t")
_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line of the file the row starts on (the header is usually line 1)
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    headers: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    encoding: str
    delimiter: str

    def described(self) -> str:
        """How the file was read, for the person checking it."""
        count = len(self.rows)
        return (
            f"{count:,} row{'s' if count != 1 else ''} and {len(self.headers)} columns, "
            f"read as {self.encoding}, separated by {_NAMES[self.delimiter]}."
        )


def _refuse(message: str) -> ValidationError:
    return ValidationError("file", message)


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding."""
    if len(data) > MAX_BYTES:
        raise _refuse(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Export only the "
            "columns needed (names, date of birth, year group, id)."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts = [("utf-16", "UTF-16")]
    else:
        attempts = [("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")]
    for codec, name in attempts:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, name
    raise _refuse(
        "This file cannot be read as text. Save it from the spreadsheet as “CSV UTF-8 "
        "(comma delimited)” and choose it again."
    )


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties go to the comma
    return best if counts[best] else ","


def _cell(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _headers(cells: list[str]) -> tuple[str, ...]:
    """Header texts, with blank ones named by position and repeats numbered, so that each
    column can be chosen by its header."""
    seen: dict[str, int] = {}
    named = []
    for number, cell in enumerate(cells, start=1):
        text = _cell(cell) or f"Column {number}"
        seen[text] = seen.get(text, 0) + 1
        named.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return tuple(named)


def read_table(data: bytes) -> CsvTable:
    """The file's header row and data rows, or a ValidationError saying what is wrong.

    Blank rows are skipped; short rows are padded with blank cells.
    """
    text, encoding = decode(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise _refuse("The file is empty. Choose the file your system exported.")
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: tuple[str, ...] | None = None
    rows: list[CsvRow] = []
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > MAX_COLUMNS:
                raise _refuse(f"Line {start} has more than {MAX_COLUMNS} columns.")
            if headers is None:
                headers = _headers(cells)
                continue
            if len(rows) >= MAX_ROWS:
                raise _refuse(f"The file has more than {MAX_ROWS:,} rows.")
            padded = [*cells, *[""] * (len(headers) - len(cells))]
            rows.append(CsvRow(start, tuple(_cell(c) for c in padded)))
    except csv.Error as exc:
        raise _refuse(
            f"The file is not a well-formed CSV file near line {line} ({exc}). Save it "
            "again from the spreadsheet as CSV and choose it again."
        ) from None
    if headers is None:
        raise _refuse("The file is empty. Choose the file your system exported.")
    if not rows:
        raise _refuse("The file has a header row but no children in it.")
    return CsvTable(headers, tuple(rows), encoding, delimiter)
