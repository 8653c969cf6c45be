"""Partial ISO 8601 dates ("1993", "1993-02", "1993-02-23") kept at the precision the source gives."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MIN_YEAR, MAX_YEAR = 1800, 2100
_MONTHS = [calendar.month_name[m] for m in range(13)]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first(self) -> date:
        """The earliest calendar day this date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        """The latest calendar day this date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def iso(self) -> str:
        """The date written back at its own precision."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def label(self) -> str:
        """Human words that never invent precision: '1996 (month unknown)', 'March 1993', '23 February 1993'."""
        if self.precision == "day":
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.precision == "month":
            return f"{_MONTHS[self.month]} {self.year}"
        return f"{self.year} (month unknown)"


def parse(text: str) -> PartialDate:
    """Parse a partial ISO date; raise ValueError with a readable reason."""
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year out of range {MIN_YEAR}-{MAX_YEAR}: {text!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no such month: {text!r}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"no such day: {text!r}")
    return PartialDate(year, month, day)


def parse_or_none(text: str | None) -> PartialDate | None:
    """Parse, or None for an empty cell."""
    if text is None or not str(text).strip():
        return None
    return parse(str(text))
