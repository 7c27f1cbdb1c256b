"""CSV that spreadsheets open safely: UTF-8, a header row, quoted line breaks, inert formulas."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (tab and carriage return can hide the sign that follows them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 1000

ProgressCallback = Callable[[int, int], None]


def inert(cell: str) -> str:
    """The cell as text a spreadsheet shows but never evaluates: a leading apostrophe when needed."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_csv(file: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]], total: int,
              on_progress: ProgressCallback | None = None) -> int:
    """Write the header and rows (every cell made inert); returns the number of rows written."""
    writer = csv.writer(file, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")  # RFC 4180
    writer.writerow([inert(cell) for cell in header])
    written = 0
    for written, row in enumerate(rows, start=1):
        writer.writerow([inert(cell) for cell in row])
        if on_progress is not None and written % PROGRESS_EVERY == 0:
            on_progress(written, total)
    if on_progress is not None:
        on_progress(written, total)
    return written
