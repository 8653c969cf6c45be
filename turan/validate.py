"""Check every CSV in a data folder against turan.schema and report every problem at once.

Usage: ``python -m turan.validate [DATA_DIR]`` prints ``file:line:column: message`` lines and exits 1
when anything is wrong, 0 when the data is clean.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from turan import dates, schema
from turan.schema import Column, Table

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_POINT_BASES = ("delivered", "agreed", "pledged")
_TOTAL_BASES = ("period_total", "cumulative")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located by file, line (1 = header) and column."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column or '-'}: {self.message}"


@dataclass
class Row:
    """A data row as read: its first line in the file and its raw text cells."""

    line: int
    cells: dict[str, str]


@dataclass
class Report:
    """The result of validating a folder: problems, plus the rows of every table that could be read."""

    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(data_dir: str | Path = DEFAULT_DATA_DIR) -> Report:
    """Validate every table of the schema in data_dir: cells, rows, uniqueness and keys between files."""
    data_dir = Path(data_dir)
    report = Report()
    for table in schema.TABLES:
        rows, problems = read_table(data_dir / table.file, table)
        report.problems += problems
        if rows is not None:
            report.rows[table.name] = rows
    bad_cells = {(p.file, p.line, p.column) for p in report.problems}
    for table in schema.TABLES:
        if table.name in report.rows:
            report.problems += [p for p in check_keys(table, report.rows)
                                if "unknown" not in p.message or (p.file, p.line, p.column) not in bad_cells]
            report.problems += check_table_rules(table, report.rows[table.name])
            report.problems += check_evidence(table, report.rows)
    if "claims" in report.rows:
        report.problems += check_claim_evidence(report.rows)
    report.problems = sorted(set(report.problems), key=_problem_order)
    return report


def _problem_order(p: Problem) -> tuple:
    order = [t.file for t in schema.TABLES]
    return (order.index(p.file) if p.file in order else len(order), p.file, p.line, p.column, p.message)


def read_table(path: Path, table: Table) -> tuple[list[Row] | None, list[Problem]]:
    """Read one CSV strictly; return its rows (None if unreadable) and the problems found in it."""
    name = table.file
    if not path.is_file():
        return None, [Problem(name, 0, "", "file not found")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(name, line, "", f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
    if not text.strip():
        return None, [Problem(name, 0, "", "file is empty (expected a header row)")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        return None, [Problem(name, 1, "", f"unreadable header: {err}")]
    problems = check_header(name, header, table)
    if any(p.line == 1 and p.column == "" for p in problems):
        return None, problems
    rows: list[Row] = []
    previous_end = reader.line_num
    try:
        for record in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not record or all(not cell.strip() for cell in record):
                continue
            cells = dict(zip(header, record + [""] * (len(header) - len(record))))
            rows.append(Row(line, cells))  # kept even when ragged, so other files' keys still resolve
            if len(record) != len(header):
                problems.append(Problem(name, line, "", f"has {len(record)} fields, the header has {len(header)}"))
                continue
            for column in table.columns:
                if column.name in cells:
                    message = check_cell(column, cells[column.name])
                    if message:
                        problems.append(Problem(name, line, column.name, message))
    except csv.Error as err:
        problems.append(Problem(name, reader.line_num, "", f"malformed CSV: {err}"))
    return rows, problems


def check_header(name: str, header: list[str], table: Table) -> list[Problem]:
    """Problems with the header row: wrong delimiter, missing, unknown or repeated columns."""
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
        return [Problem(name, 1, "", "wrong delimiter: columns must be separated by commas")]
    problems = []
    for column in table.column_names:
        if column not in header:
            problems.append(Problem(name, 1, column, "missing column"))
    for column in header:
        if column not in table.column_names:
            problems.append(Problem(name, 1, column, "unknown column (declare it in turan/schema.py)"))
        elif header.count(column) > 1:
            problems.append(Problem(name, 1, column, "column appears more than once"))
    return problems


def check_cell(column: Column, value: str) -> str | None:
    """Why one cell is invalid for its column, or None when it is fine."""
    if not value.strip():
        return "required value is empty" if column.required else None
    if column.kind not in (schema.INT, schema.FLOAT) and value.startswith(FORMULA_PREFIXES):
        return f"text may not begin with {value[0]!r} (spreadsheet formula injection)"
    if value != value.strip():
        return "leading or trailing whitespace"
    if column.kind in (schema.INT, schema.FLOAT):
        return _check_number(column, value)
    if column.kind == schema.ISO3 and not _ISO3.match(value):
        return f"not an ISO 3166-1 alpha-3 code: {value!r}"
    if column.kind == schema.ID_LIST:
        items = value.split(";")
        if any(not i or i != i.strip() for i in items):
            return "not ';'-separated ids (an empty item or a space around ';')"
        if len(set(items)) != len(items):
            return "an id is listed twice"
    if column.kind == schema.ISO3_LIST:
        codes = value.split(";")
        bad = [c for c in codes if not _ISO3.match(c)]
        if bad:
            return f"not ';'-separated ISO3 codes: {', '.join(repr(b) for b in bad)}"
        if len(set(codes)) != len(codes):
            return "a code is listed twice"
    if column.kind == schema.DATE:
        try:
            dates.parse(value)
        except ValueError as err:
            return str(err)
    if column.kind == schema.ENUM and value not in column.values:
        return f"{value!r} is not one of: {', '.join(column.values)}"
    if column.kind == schema.URL and (not value.startswith(("https://", "http://")) or " " in value):
        return f"not an http(s) URL: {value!r}"
    if column.pattern and not re.match(column.pattern, value):
        return f"{value!r} does not match the pattern {column.pattern}"
    return None


def _check_number(column: Column, value: str) -> str | None:
    try:
        number = int(value) if column.kind == schema.INT else float(value)
    except ValueError:
        return f"not a {'whole ' if column.kind == schema.INT else ''}number: {value!r}"
    if isinstance(number, float) and not math.isfinite(number):
        return f"not a finite number: {value!r}"
    if column.minimum is not None and number < column.minimum:
        return f"must be >= {column.minimum:g} (got {value})"
    if column.maximum is not None and number > column.maximum:
        return f"must be <= {column.maximum:g} (got {value})"
    return None


def check_keys(table: Table, all_rows: dict[str, list[Row]]) -> list[Problem]:
    """Unique columns, unique column groups, and references into other files (or the same file)."""
    problems = []
    rows = all_rows[table.name]
    for column in table.columns:
        if column.unique:
            seen: dict[str, int] = {}
            for row in rows:
                value = row.cells.get(column.name, "")
                if value and value in seen:
                    problems.append(Problem(table.file, row.line, column.name,
                                            f"duplicate {column.name} {value!r} (first on line {seen[value]})"))
                seen.setdefault(value, row.line)
        if column.ref and column.ref[0] in all_rows:
            ref_table, ref_column = column.ref
            known = {r.cells.get(ref_column, "") for r in all_rows[ref_table]}
            for row in rows:
                value = row.cells.get(column.name, "")
                values = value.split(";") if column.kind in schema.LISTS else [value]
                for v in values:
                    if v and v not in known:
                        problems.append(Problem(table.file, row.line, column.name,
                                                f"unknown {ref_column} {v!r} (not in {ref_table}.csv)"))
    for group in table.unique_together:
        seen_group: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row.cells.get(c, "") for c in group)
            if key in seen_group:
                problems.append(Problem(table.file, row.line, group[0],
                                        f"duplicate ({', '.join(group)}) {key} (first on line {seen_group[key]})"))
            seen_group.setdefault(key, row.line)
    return problems


def check_evidence(table: Table, all_rows: dict[str, list[Row]]) -> list[Problem]:
    """A row's evidence agrees with its source: `paper` for the paper and its footnotes, `public` for the rest."""
    if "evidence" not in table.column_names or "sources" not in all_rows:
        return []
    kinds = {r.cells.get("source_id", ""): r.cells.get("kind", "") for r in all_rows["sources"]}
    problems = []
    for row in all_rows[table.name]:
        source, evidence = row.cells.get("source_id", ""), row.cells.get("evidence", "")
        if source not in kinds or evidence not in schema.EVIDENCE:
            continue  # an unknown source or value is reported already
        expected = "paper" if kinds[source] in schema.PAPER_SOURCE_KINDS else "public"
        if evidence != expected:
            problems.append(Problem(table.file, row.line, "evidence",
                                    f"evidence must be {expected!r}: source {source!r} is a {kinds[source]} source"))
    return problems


def _date(row: Row, column: str) -> dates.PartialDate | None:
    try:
        return dates.parse_or_none(row.cells.get(column))
    except ValueError:
        return None  # already reported by check_cell


def check_table_rules(table: Table, rows: list[Row]) -> list[Problem]:
    """Rules that involve several cells or rows of one table."""
    rules = {"sources": _rules_sources, "memberships": _rules_memberships, "aid": _rules_aid,
             "events": _rules_events, "rivalry": _rules_rivalry, "bases": _rules_bases,
             "indicators": _rules_indicators, "obligations": _rules_obligations, "claims": _rules_claims}
    return rules[table.name](table.file, rows) if table.name in rules else []


def _rules_sources(file: str, rows: list[Row]) -> list[Problem]:
    return [Problem(file, r.line, "paper_footnote", "a paper_footnote source needs its footnote number")
            for r in rows if r.cells.get("kind") == "paper_footnote" and not r.cells.get("paper_footnote")]


def _ordered(file: str, row: Row, first: str, last: str) -> list[Problem]:
    a, b = _date(row, first), _date(row, last)
    if a and b and a.first > b.last:
        return [Problem(file, row.line, last, f"{last} {b.iso()} is before {first} {a.iso()}")]
    return []


def _rules_memberships(file: str, rows: list[Row]) -> list[Problem]:
    problems = [p for r in rows for p in _ordered(file, r, "start", "end")]
    spells: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        spells.setdefault((row.cells.get("org_id", ""), row.cells.get("iso3", "")), []).append(row)
    for (org, iso3), group in spells.items():
        dated = sorted((r for r in group if _date(r, "start")), key=lambda r: (_date(r, "start").first, r.line))
        for before, row in zip([None, *dated], dated):
            if row.cells.get("role") == "frozen_member" and (
                    before is None or before.cells.get("role") != "member"
                    or before.cells.get("end") != row.cells.get("start")):
                problems.append(Problem(file, row.line, "role",
                                        f"{iso3} in {org}: a frozen_member spell must start the day a member spell "
                                        "of the same state ends (a freeze continues a membership)"))
        for a, b in zip(dated, dated[1:]):
            end_a = _date(a, "end")
            if end_a is None or end_a.first > _date(b, "start").last:
                problems.append(Problem(file, b.line, "start",
                                        f"{iso3} in {org}: spell overlaps the spell on line {a.line}"))
    return problems


def _rules_aid(file: str, rows: list[Row]) -> list[Problem]:
    problems = []
    by_id = {r.cells.get("aid_id"): r for r in rows}
    for row in rows:
        c = row.cells
        problems += _ordered(file, row, "period_start", "period_end")
        basis, commitment = c.get("basis"), c.get("commitment")
        if basis in _POINT_BASES and commitment and commitment != basis:
            problems.append(Problem(file, row.line, "commitment",
                                    f"commitment {commitment!r} contradicts basis {basis!r}"))
        if basis in _POINT_BASES and (c.get("period_start") or c.get("period_end")):
            problems.append(Problem(file, row.line, "basis",
                                    "a figure with a period must have basis period_total or cumulative, "
                                    f"not {basis!r}"))
        if not any(c.get(k) for k in ("date", "period_start", "period_end", "date_note")):
            problems.append(Problem(file, row.line, "date", "no date or period: give one, or say why in date_note"))
        if not c.get("amount_usd") and not c.get("date_note"):
            problems.append(Problem(file, row.line, "amount_usd", "empty amount needs a reason in date_note"))
        maybe = c.get("maybe_part_of")
        if maybe and c.get("part_of"):
            problems.append(Problem(file, row.line, "maybe_part_of",
                                    "a figure is either part of a total or may be: not both"))
        elif maybe and maybe == c.get("aid_id"):
            problems.append(Problem(file, row.line, "maybe_part_of", "a figure cannot be part of itself"))
        elif maybe in by_id and by_id[maybe].cells.get("basis") not in _TOTAL_BASES:
            problems.append(Problem(file, row.line, "maybe_part_of",
                                    f"maybe_part_of {maybe!r} is not a period_total or cumulative figure"))
        parent = c.get("part_of")
        if parent and parent == c.get("aid_id"):
            problems.append(Problem(file, row.line, "part_of", "a figure cannot be part of itself"))
        elif parent in by_id and by_id[parent].cells.get("basis") not in _TOTAL_BASES:
            problems.append(Problem(file, row.line, "part_of",
                                    f"part_of {parent!r} is not a period_total or cumulative figure"))
    return problems


def _rules_events(file: str, rows: list[Row]) -> list[Problem]:
    return [Problem(file, r.line, "date", "no date: give one, or say why in date_note")
            for r in rows if not r.cells.get("date") and not r.cells.get("date_note")]


def _rules_rivalry(file: str, rows: list[Row]) -> list[Problem]:
    problems = []
    for row in rows:
        dimension = row.cells.get("dimension")
        for column, owner in (("instrument_type", "instrument"), ("stance", "stance")):
            value = row.cells.get(column)
            if dimension == owner and not value:
                article = "an" if owner[0] in "aeiou" else "a"
                problems.append(Problem(file, row.line, column, f"{article} {owner} row needs its {column}"))
            elif dimension != owner and value:
                problems.append(Problem(file, row.line, column, f"only {owner} rows have a {column}"))
    return problems


def _rules_bases(file: str, rows: list[Row]) -> list[Problem]:
    return [p for r in rows for p in _ordered(file, r, "opened", "closed")]


def _rules_indicators(file: str, rows: list[Row]) -> list[Problem]:
    problems = []
    for row in rows:
        declared = schema.INDICATOR_BY_ID.get(row.cells.get("indicator_id", ""))
        if declared is None:
            continue  # already reported as outside the vocabulary
        if row.cells.get("unit") != declared.unit:
            problems.append(Problem(file, row.line, "unit",
                                    f"unit must be {declared.unit!r} for {declared.indicator_id}"))
        if row.cells.get("source_id") != declared.source_id:
            problems.append(Problem(file, row.line, "source_id",
                                    f"source_id must be {declared.source_id!r} for {declared.indicator_id}"))
    return problems


def _rules_obligations(file: str, rows: list[Row]) -> list[Problem]:
    problems = [p for r in rows for p in _ordered(file, r, "start", "end")]
    for row in rows:
        if bool(row.cells.get("org_id")) == bool(row.cells.get("iso3")):
            problems.append(Problem(file, row.line, "org_id", "a rule applies to exactly one of org_id or iso3"))
    return problems


def _rules_claims(file: str, rows: list[Row]) -> list[Problem]:
    problems = []
    for row in rows:
        c = row.cells
        kind, verdict = c.get("kind", ""), c.get("verdict", "")
        if kind in schema.FACT_KINDS and verdict in schema.OUTLOOK_VERDICTS:
            problems.append(Problem(file, row.line, "verdict", f"a {kind} takes one of: "
                                    f"{', '.join(schema.FACT_VERDICTS)} (not {verdict!r})"))
        elif kind in schema.OUTLOOK_KINDS and verdict in schema.FACT_VERDICTS:
            problems.append(Problem(file, row.line, "verdict", f"a {kind} takes one of: "
                                    f"{', '.join(schema.OUTLOOK_VERDICTS)} (not {verdict!r})"))
        if verdict in schema.NOTED_VERDICTS and not c.get("note"):
            problems.append(Problem(file, row.line, "note", f"a {verdict} verdict needs a note saying why"))
        if verdict and verdict != "unverifiable" and not c.get("evidence"):
            problems.append(Problem(file, row.line, "evidence", f"a {verdict} verdict needs its evidence"))
        if kind == "citation" and not c.get("paper_footnote"):
            problems.append(Problem(file, row.line, "paper_footnote", "a citation check needs its footnote number"))
    return problems


def check_claim_evidence(all_rows: dict[str, list[Row]]) -> list[Problem]:
    """A confirmed claim rests on more than the paper's own sources (a footnote's check may rest on the page it
    cites: that is what it checks), and the paper_events and paper_aid a claim marks are rows whose evidence is the
    paper."""
    problems = []
    kinds = {r.cells.get("source_id", ""): r.cells.get("kind", "") for r in all_rows.get("sources", [])}
    evidence = {table: {r.cells.get(key, ""): r.cells.get("evidence", "") for r in all_rows.get(table, [])}
                for table, key in (("events", "event_id"), ("aid", "aid_id"))}
    for row in all_rows["claims"]:
        c = row.cells
        ids = [i for i in c.get("source_id", "").split(";") if i in kinds]
        confirmed = c.get("verdict") in ("confirmed", "confirmed_with_correction") and c.get("kind") != "citation"
        if confirmed and ids and all(kinds[i] in schema.PAPER_SOURCE_KINDS for i in ids):
            problems.append(Problem("claims.csv", row.line, "verdict", "only the paper's own sources are cited: a "
                                    "claim they alone support is not confirmed (cite the public evidence, or make it "
                                    "unverifiable)"))
        for column, table in (("paper_events", "events"), ("paper_aid", "aid")):
            for item in filter(None, c.get(column, "").split(";")):
                if evidence[table].get(item, "paper") != "paper":
                    problems.append(Problem("claims.csv", row.line, column, f"{item!r} is not from the paper "
                                            f"(its evidence is {evidence[table][item]!r}): list it in later_events"))
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: validate DATA_DIR (default: the project's data/) and print every problem."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("usage: python -m turan.validate [DATA_DIR]")
        return 2
    data_dir = Path(args[0]) if args else DEFAULT_DATA_DIR
    report = validate(data_dir)
    for problem in report.problems:
        print(problem)
    if report.ok:
        counts = ", ".join(f"{name} {len(rows)}" for name, rows in report.rows.items())
        print(f"{data_dir}: all {len(schema.TABLES)} files valid ({counts} rows)")
        return 0
    print(f"{len(report.problems)} problem(s) in {data_dir}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
