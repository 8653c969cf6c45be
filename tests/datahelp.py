"""Helpers for tests: the data folder and a cell editor for making broken copies."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Overwrite one cell, addressed as the validator reports it (line 1 is the header)."""
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def get_cell(path: Path, line: int, column: str) -> str:
    rows = read_rows(path)
    return rows[line - 1][rows[0].index(column)]


def unmark(data_dir: Path, record_id: str) -> None:
    """Take a row of the paper's record out of the claims that mark it (claims.csv's paper_events and paper_aid), as
    a test that moves the row to a public source must: a claim marks only the paper's own rows."""
    path = data_dir / "claims.csv"
    rows = read_rows(path)
    for column in ("paper_events", "paper_aid"):
        j = rows[0].index(column)
        for row in rows[1:]:
            row[j] = ";".join(i for i in row[j].split(";") if i and i != record_id)
    write_rows(path, rows)


# ---- hostile copies: payloads in every free-text column ------------------------------------------------------

def free_text_columns(table) -> list[str]:
    """The table's free-text columns, read from turan.schema (kind TEXT), so the list never goes stale."""
    from turan import schema

    return [c.name for c in table.columns if c.kind == schema.TEXT]


def rewrite_text(data_dir: Path, change, skip: set[tuple[str, str]] = frozenset()) -> set[tuple[str, str]]:
    """Replace every non-empty free-text cell v of every table by change(v, file, column); empty cells stay empty
    (emptiness carries meaning, e.g. an empty date_note). Returns the (file, column) pairs changed."""
    from turan import schema

    changed = set()
    for table in schema.TABLES:
        path = data_dir / table.file
        rows = read_rows(path)
        columns = [(rows[0].index(name), name) for name in free_text_columns(table) if (table.file, name) not in skip]
        for row in rows[1:]:
            for index, name in columns:
                if row[index]:
                    row[index] = change(row[index], table.file, name)
                    changed.add((table.file, name))
        write_rows(path, rows)
    return changed


def decorate_text(data_dir: Path, change) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """rewrite_text, kept valid for turan.validate: a text column the validator pins to fixed values (such as
    indicators.unit) is put back as it was. Returns (columns changed, columns the validator pinned)."""
    import shutil
    import tempfile

    from turan.validate import validate

    with tempfile.TemporaryDirectory() as keep:
        original = Path(keep) / "data"
        shutil.copytree(data_dir, original)
        rewrite_text(data_dir, change)
        pinned = {(p.file, p.column) for p in validate(data_dir).problems}
        if pinned:
            shutil.rmtree(data_dir)
            shutil.copytree(original, data_dir)
        changed = rewrite_text(data_dir, change, skip=pinned)
    return changed, pinned


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
LATEX = "$x^2$"
BOLD = "**bold**"
PAYLOADS = (SCRIPT, IMG, LINK, LATEX, BOLD)


def hostile(value: str, file: str = "", column: str = "") -> str:
    """A text cell with HTML, a script, a javascript: link, LaTeX and Markdown around it (still valid data)."""
    return f"{SCRIPT}{IMG} {value} {LINK} {LATEX} {BOLD}"


FORMULAS = ('=HYPERLINK("http://evil.example","x")', "+1", "-1+1", "@SUM(1)")


def formula(value: str, file: str = "", column: str = "") -> str:
    """A text cell that a spreadsheet would run as a formula (the validator rejects these: see turan.validate)."""
    return f"{FORMULAS[(len(file) + len(column) + len(value)) % len(FORMULAS)]} {value}"


# ---- broken files: each with the validator's messages for it ---------------------------------------------------

def _rewrite(path: Path, edit) -> None:
    path.write_bytes(edit(path.read_bytes()))


def _ragged(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _no_folder(data_dir: Path) -> None:
    import shutil

    shutil.rmtree(data_dir)


def _all_files(message: str) -> list[str]:
    from turan import schema

    return [f"{t.file}: {message}" for t in schema.TABLES]


# name -> (break the copy in place, messages the validator must report; see tests/test_validate.py)
BROKEN_FILES = {
    "empty file": (lambda d: (d / "aid.csv").write_bytes(b""), ["aid.csv: file is empty (expected a header row)"]),
    "missing file": (lambda d: (d / "events.csv").unlink(), ["events.csv: file not found"]),
    "missing folder": (_no_folder, _all_files("file not found")),
    "semicolon delimiter": (lambda d: _rewrite(d / "countries.csv", lambda b: b.replace(b",", b";")),
                            ["countries.csv:1:-: wrong delimiter: columns must be separated by commas"]),
    "tab delimiter": (lambda d: _rewrite(d / "aid.csv", lambda b: b.replace(b",", b"\t")),
                      ["aid.csv:1:-: wrong delimiter: columns must be separated by commas"]),
    "latin-1 encoding": (lambda d: _rewrite(d / "sources.csv", lambda b: b.decode().encode("latin-1", "replace")),
                         ["sources.csv:2:-: not valid UTF-8 (byte 0xe1); save the file as UTF-8"]),
    "UTF-16 encoding": (lambda d: _rewrite(d / "events.csv", lambda b: b.decode("utf-8").encode("utf-16")),
                        ["events.csv:1:-: not valid UTF-8 (byte 0xff); save the file as UTF-8"]),
    "binary file": (lambda d: (d / "aid.csv").write_bytes(bytes(range(256)) * 4),
                    ["aid.csv:2:-: not valid UTF-8 (byte 0x80); save the file as UTF-8"]),
    "ragged row": (lambda d: _ragged(d / "countries.csv"), ["countries.csv:4:-: has 7 fields, the header has 6"]),
    "unterminated quote": (lambda d: _rewrite(d / "events.csv", lambda b: b + b'x,"never closed\n'),
                           [f"events.csv:{len(read_rows(DATA / 'events.csv')) + 1}:-: has 2 fields, "
                            f"the header has {len(read_rows(DATA / 'events.csv')[0])}"]),
}
