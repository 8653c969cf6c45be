"""CSV downloads neutralise formula cells, keep numbers, and carry a BOM."""

import io

import pandas as pd

from turan.export import csv_bytes, neutralise


def test_neutralise_text_only():
    assert [neutralise(v) for v in ["=1+1", "+x", "-y", "@z", "\tq", "ok", -5, 3.2]] == \
        ["'=1+1", "'+x", "'-y", "'@z", "'\tq", "ok", -5, 3.2]


def test_csv_bytes_bom_and_roundtrip():
    frame = pd.DataFrame({"name": ["Türkiye", "=HYPERLINK(1)", None], "amount": [-1.5, 2.0, float("nan")]})
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["name"].tolist()[:2] == ["Türkiye", "'=HYPERLINK(1)"]
    assert back["amount"].tolist()[:2] == [-1.5, 2.0]
