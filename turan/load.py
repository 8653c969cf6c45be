"""Read and validate data/ into one immutable bundle of typed DataFrames."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from turan import dates, schema
from turan.validate import DEFAULT_DATA_DIR, Problem, Row, validate


class DataError(Exception):
    """The data failed validation; `problems` holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Bundle:
    """Every table of the schema as a DataFrame, plus derived date columns (see frame())."""

    sources: pd.DataFrame
    countries: pd.DataFrame
    organisations: pd.DataFrame
    memberships: pd.DataFrame
    aid: pd.DataFrame
    events: pd.DataFrame
    rivalry: pd.DataFrame
    bases: pd.DataFrame
    indicators: pd.DataFrame
    obligations: pd.DataFrame
    assessment: pd.DataFrame
    arms_transfers: pd.DataFrame
    claims: pd.DataFrame

    def country_names(self) -> dict[str, str]:
        """ISO3 -> English short name (a new dictionary each call: callers may change theirs)."""
        names = self.__dict__.get("_names")
        if names is None:  # worked out once per bundle (a frozen dataclass: set around its __setattr__)
            names = dict(zip(self.countries["iso3"], self.countries["name"]))
            object.__setattr__(self, "_names", names)
        return dict(names)


def data_dir() -> Path:
    """The data folder: $TURAN_DATA_DIR if set (tests, other datasets), else the project's data/."""
    return Path(os.environ.get("TURAN_DATA_DIR") or DEFAULT_DATA_DIR)


def signature(data_dir: str | Path = DEFAULT_DATA_DIR) -> tuple:
    """Names, sizes and modification times of the data files: a cache key that changes when a file does."""
    data_dir = Path(data_dir)
    entries = []
    for table in schema.TABLES:
        path = data_dir / table.file
        stat = path.stat() if path.exists() else None
        entries.append((table.file, stat.st_mtime_ns if stat else None, stat.st_size if stat else None))
    return (str(data_dir.resolve()), tuple(entries))


def load(data_dir: str | Path = DEFAULT_DATA_DIR) -> Bundle:
    """Validate data_dir and return its bundle; raise DataError listing every problem if it is invalid."""
    report = validate(data_dir)
    if not report.ok:
        raise DataError(report.problems)
    return Bundle(**{t.name: frame(t, report.rows[t.name]) for t in schema.TABLES})


def frame(table: schema.Table, rows: list[Row]) -> pd.DataFrame:
    """Typed DataFrame of validated rows.

    Empty cells become missing values. Every date column D also gets D_first and D_last (the earliest
    and latest day the partial date can mean, as Timestamps) and D_label (words such as
    '1996 (month unknown)'); an ISO3 list column holds tuples of codes.
    """
    columns: dict[str, object] = {}
    for column in table.columns:
        raw = [r.cells[column.name].strip() for r in rows]
        if column.kind == schema.INT:
            columns[column.name] = pd.array([int(v) if v else None for v in raw], dtype="Int64")
        elif column.kind == schema.FLOAT:
            columns[column.name] = pd.array([float(v) if v else float("nan") for v in raw], dtype="float64")
        elif column.kind in schema.LISTS:
            columns[column.name] = pd.Series([tuple(v.split(";")) if v else () for v in raw], dtype=object)
        else:
            columns[column.name] = pd.array([v if v else None for v in raw], dtype="str")
        if column.kind == schema.DATE:
            parsed = [dates.parse_or_none(v) for v in raw]
            columns[f"{column.name}_first"] = pd.to_datetime([p.first if p else None for p in parsed])
            columns[f"{column.name}_last"] = pd.to_datetime([p.last if p else None for p in parsed])
            columns[f"{column.name}_label"] = pd.array([p.label() if p else None for p in parsed], dtype="str")
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
