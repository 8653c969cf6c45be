"""Downloads: CSV that spreadsheets open safely (formula cells neutralised, UTF-8 with BOM)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a single quote; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes: UTF-8 with BOM, text cells neutralised, missing values empty."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False).encode("utf-8-sig")


class LazyCsv:
    """A download's CSV bytes, made when somebody downloads it rather than with every view: st.download_button calls
    it on click (Streamlit's deferred download; pages pass it as `data`). `table` is the frame, or a function that
    makes it (when making the table costs too). The bytes are made once and kept: a cached view is shared by every
    session, and one download serves them all."""

    def __init__(self, table: pd.DataFrame | Callable[[], pd.DataFrame]):
        self._table = table
        self._bytes: bytes | None = None
        self._lock = threading.Lock()

    def __call__(self) -> bytes:
        with self._lock:
            if self._bytes is None:
                table = self._table() if callable(self._table) else self._table
                self._bytes = csv_bytes(table)
                self._table = None  # the bytes are all that is needed from here on
            return self._bytes

    def __eq__(self, other: object) -> bool:
        """Two downloads are equal when their bytes are."""
        return isinstance(other, LazyCsv) and self() == other()

    __hash__ = object.__hash__  # by identity: a download is never changed once made
