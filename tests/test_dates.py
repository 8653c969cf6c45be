"""Partial dates keep the source's precision and never invent a day."""

from datetime import date

import pytest

from turan.dates import PartialDate, parse, parse_or_none


@pytest.mark.parametrize(
    ("text", "precision", "first", "last", "label"),
    [
        ("1993", "year", date(1993, 1, 1), date(1993, 12, 31), "1993 (month unknown)"),
        ("1993-02", "month", date(1993, 2, 1), date(1993, 2, 28), "February 1993"),
        ("1996-02", "month", date(1996, 2, 1), date(1996, 2, 29), "February 1996"),
        ("1993-02-23", "day", date(1993, 2, 23), date(1993, 2, 23), "23 February 1993"),
    ],
)
def test_parse_precision(text, precision, first, last, label):
    parsed = parse(text)
    assert (parsed.precision, parsed.first, parsed.last, parsed.label(), parsed.iso()) == (
        precision, first, last, label, text)


@pytest.mark.parametrize("text", ["93", "1993-2", "1993/02", "1993-00", "1993-13", "1993-02-29", "1700", "1993-02-23T10"])
def test_parse_rejects(text):
    with pytest.raises(ValueError):
        parse(text)


def test_parse_or_none():
    assert parse_or_none("") is None and parse_or_none("  ") is None and parse_or_none(None) is None
    assert parse_or_none("2001-03") == PartialDate(2001, 3)
