"""Write a scaled copy of data/ (default 100x) into a directory, valid under `python -m turan.validate DIR`.

    .venv/bin/python benchmarks/generate.py OUT_DIR [--factor 100]

Every table except the fixed vocabularies is copied factor-1 extra times. In each copy:
- the non-power countries (everyone but TUR, RUS, CHN, USA, IRN) become made-up countries with codes from the
  ISO 3166 user-assigned ranges (XAA-XZZ, QMA-QZZ, AAA-AAZ, ZZA-ZZZ: 1,092 codes), reused round-robin when
  the copies need more; Turkey and the rival powers stay themselves, so every page has more to draw;
- ids get a copy suffix (lowercase `_g7`, organisation ids a letter suffix such as `NATOQH`), references follow;
- text that must be unique gets ` [copy 7]`.
Rows whose uniqueness key would repeat once codes are reused (indicators of the same country, year and
indicator; deals, whose id starts with the recipient's code) are dropped, so those grow less than factor-fold; the
counts are printed.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from turan import schema  # noqa: E402
from turan.validate import DEFAULT_DATA_DIR  # noqa: E402

KEEP = set(schema.POWERS)  # Turkey and the rival powers keep their codes
UPPER = string.ascii_uppercase


def fake_codes() -> list[str]:
    codes = [f"X{a}{b}" for a in UPPER for b in UPPER]
    codes += [f"Q{a}{b}" for a in UPPER[UPPER.index("M"):] for b in UPPER]
    codes += [f"AA{b}" for b in UPPER] + [f"ZZ{b}" for b in UPPER]
    return codes


def _org_suffix(k: int) -> str:
    return "Q" + UPPER[k // 26] + UPPER[k % 26]


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def generate(out: Path, factor: int = 100, source: Path = DEFAULT_DATA_DIR) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    for extra in source.iterdir():  # geo/, README, CHANGELOG: copied as they are
        if extra.is_dir():
            shutil.copytree(extra, out / extra.name, dirs_exist_ok=True)
        elif not extra.name.endswith(".csv"):
            shutil.copy2(extra, out / extra.name)
    tables = {t.name: read(source / t.file) for t in schema.TABLES}
    countries = tables["countries"][1]
    movable = [c["iso3"] for c in countries if c["iso3"] not in KEEP]
    by_code = {c["iso3"]: c for c in countries}
    pool = [code for code in fake_codes() if code not in by_code]  # never a code the data uses (XNC, say)
    # which table's key column gets suffixed, and how
    keyed = {t.name: next((c.name for c in t.columns if c.unique and c.kind == schema.ID), None) for t in schema.TABLES}
    keyed["organisations"] = "org_id"

    def mapping(k: int) -> dict[str, str]:
        return {code: pool[((k - 1) * len(movable) + i) % len(pool)] for i, code in enumerate(movable)}

    def suffix(table: str, value: str, k: int) -> str:
        if not value:
            return value
        return value + _org_suffix(k) if table == "organisations" else f"{value}_g{k}"

    out_rows: dict[str, list[dict]] = {name: list(rows) for name, (_, rows) in tables.items()}
    fake_country: dict[str, dict] = {}
    for k in range(1, factor):
        codes = mapping(k)
        for real, fake in codes.items():
            if fake not in fake_country:
                row = dict(by_code[real])
                row.update(iso3=fake, name=f"Testland {fake}",
                           lat=f"{float(row['lat']) + (k % 7) * 0.3:.2f}",
                           lon=f"{float(row['lon']) + (k % 5) * 0.3:.2f}")
                fake_country[fake] = row
        for table in schema.TABLES:
            if table.name in ("countries",):
                continue
            for original in tables[table.name][1]:
                row = dict(original)
                for column in table.columns:
                    value = row.get(column.name, "")
                    if not value:
                        continue
                    deal_id = column.pattern is not None and column.pattern.startswith("^[A-Z]{3}-")
                    if column.name == keyed.get(table.name) and deal_id:  # recipient-supplier-year-number
                        row[column.name] = codes.get(value[:3], value[:3]) + value[3:]
                    elif column.name == keyed.get(table.name):
                        row[column.name] = suffix(table.name, value, k)
                    elif (column.kind == schema.ID_LIST and column.ref and column.ref[0] not in ("countries",)
                          and keyed.get(column.ref[0]) == column.ref[1]):
                        row[column.name] = ";".join(suffix(column.ref[0], v, k) for v in value.split(";"))
                    elif (column.ref and column.ref[0] not in ("countries",)
                          and keyed.get(column.ref[0]) == column.ref[1]):
                        if table.name == "indicators" and column.name == "source_id":
                            continue  # an indicator's source is fixed by its declaration
                        row[column.name] = suffix(column.ref[0], value, k)
                    elif column.kind == schema.ISO3 and column.kind != schema.ENUM:
                        row[column.name] = codes.get(value, value)
                    elif column.kind == schema.ISO3_LIST:
                        row[column.name] = ";".join(codes.get(v, v) for v in value.split(";"))
                    elif column.kind == schema.TEXT and any(column.name in group for group in table.unique_together):
                        row[column.name] = f"{value} [copy {k}]"
                out_rows[table.name].append(row)
    out_rows["countries"] = countries + list(fake_country.values())
    counts = {}
    for table in schema.TABLES:
        header, _ = tables[table.name]
        rows, seen = [], set()
        for row in out_rows[table.name]:
            groups = list(table.unique_together) + [(c.name,) for c in table.columns if c.unique]
            keys = [tuple(row.get(c, "") for c in group) for group in groups]
            if any((i, key) in seen for i, key in enumerate(keys)):
                continue
            seen.update(enumerate(keys))
            rows.append(row)
        with (out / table.file).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        counts[table.name] = len(rows)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--factor", type=int, default=100)
    args = parser.parse_args()
    counts = generate(args.out, args.factor)
    real = {t.name: len(read(DEFAULT_DATA_DIR / t.file)[1]) for t in schema.TABLES}
    for name, n in counts.items():
        print(f"{name:14s} {real[name]:6d} -> {n:7d} rows ({n / max(real[name], 1):.0f}x)")


if __name__ == "__main__":
    main()
