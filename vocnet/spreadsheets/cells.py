"""Cells a spreadsheet program cannot run: the one guard every .xlsx and .csv vocnet writes
goes through (``vocnet.spreadsheets.exporting`` for exports, ``templates`` for import forms).

OWASP "CSV Injection": a cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return may be read as a formula by Excel, LibreOffice or Google Sheets — an
organisation named ``=HYPERLINK("http://…")`` would become a live link in an officer's
export. Such text is written with a leading single quote, so it is shown as text and never
run. Numbers, dates and booleans stay what they are (a negative number is a number, not a
formula), so sums and filters keep working.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` as it may go into a cell: text starting with a formula trigger gets a
    leading ``'``; anything that is not text is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """Each value of one row through :func:`neutralise`."""
    return [neutralise(value) for value in values]
