"""Build data/arms_transfers.csv from SIPRI's trade register (a stored copy in ../shared/sipri/).

    python scripts/build_arms.py [--register PATH] [--out PATH]

Every deal whose recipient is one of the study's partner countries (countries.csv: every country but Turkey and
the rival powers) and that was ordered in 1991 or later, or has a delivery in 1991 or later, from every supplier.
Values are copied exactly as the register gives them: numbers as written, the '?' flags in their own columns, the
delivery years as the list the register prints ('2021; 2022'). Nothing is computed but the ISO3 codes and a deal id;
only spaces around a cell are dropped (one comment ends with a space).

The register has no deal id. deal_id is recipient-supplier-order year-NNN, numbered in the order of (recipient,
supplier, order year, weapon designation, weapon description, line in the register): the same register gives the
same ids, and running the script twice gives the same file (idempotent).

Supplier codes are ISO 3166-1 alpha-3. Two are not current codes, and are documented here and in data/README.md:
  SUN  Soviet Union: its former ISO 3166-1 alpha-3 code (ISO 3166-3: SUHH), for deals ordered before 1991 and
       delivered after;
  XUS  "unknown supplier(s)": a code of ISO 3166-1's user-assigned range (X..), never a real country's.
A supplier name the table below does not know stops the script with a message naming it: a new edition of the
register must be mapped by hand, never guessed.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT.parent / "shared" / "sipri" / "trade-register-2026-05-18.csv"
OUT = ROOT / "data" / "arms_transfers.csv"
COUNTRIES = ROOT / "data" / "countries.csv"
SOURCE_ID = "sipri_trade_register_2026_05_18"
PREAMBLE_LINES = 11  # the header is line 12
ENCODING = "latin-1"  # the export is ISO-8859-1 text
FIRST_YEAR = 1991
RIVAL_GROUP, REFERENCE = "rival_power", "TUR"

# The register's country names -> ISO 3166-1 alpha-3 (as suppliers or as the study's recipients).
CODES = {
    "Afghanistan": "AFG", "Armenia": "ARM", "Australia": "AUS", "Austria": "AUT", "Azerbaijan": "AZE",
    "Belarus": "BLR", "Belgium": "BEL", "Bosnia-Herzegovina": "BIH", "Brazil": "BRA", "Bulgaria": "BGR",
    "Canada": "CAN", "China": "CHN", "Czechia": "CZE", "Egypt": "EGY", "Finland": "FIN", "France": "FRA",
    "Georgia": "GEO", "Germany": "DEU", "Greece": "GRC", "Hungary": "HUN", "India": "IND", "Indonesia": "IDN",
    "Iran": "IRN", "Israel": "ISR", "Italy": "ITA", "Jordan": "JOR", "Kazakhstan": "KAZ", "Kyrgyzstan": "KGZ",
    "Lebanon": "LBN", "Libya": "LBY", "Lithuania": "LTU", "Malta": "MLT", "Mongolia": "MNG", "Montenegro": "MNE",
    "Netherlands": "NLD", "New Zealand": "NZL", "Northern Cyprus": "XNC", "Norway": "NOR", "Pakistan": "PAK",
    "Poland": "POL", "Qatar": "QAT", "Romania": "ROU", "Russia": "RUS", "Serbia": "SRB", "Slovakia": "SVK",
    "South Africa": "ZAF", "South Korea": "KOR", "Spain": "ESP", "Sweden": "SWE", "Switzerland": "CHE",
    "Tajikistan": "TJK", "Thailand": "THA", "Turkiye": "TUR", "Turkmenistan": "TKM", "Ukraine": "UKR",
    "United Arab Emirates": "ARE", "United Kingdom": "GBR", "United States": "USA", "Uzbekistan": "UZB",
    "Soviet Union": "SUN", "unknown supplier(s)": "XUS",
}

COLUMNS = ("deal_id", "supplier_iso3", "supplier", "recipient_iso3", "order_year", "order_year_uncertain",
           "number_ordered", "number_ordered_uncertain", "weapon_designation", "weapon_description",
           "number_delivered", "number_delivered_uncertain", "delivery_years", "status", "comments", "tiv_per_unit",
           "tiv_order", "tiv_delivered", "source_id")
# The register's header, in its order; the unnamed columns hold the '?' of the column before them.
HEADER = ("Recipient", "Supplier", "Year of order", "", "Number ordered", "", "Weapon designation",
          "Weapon description", "Number delivered", "", "Year(s) of delivery", "status", "Comments",
          "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons")


def read_register(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The preamble lines and the deal rows with their line numbers in the file; stops on an unexpected header."""
    text = path.read_bytes().decode(ENCODING)
    lines = text.splitlines()
    preamble = lines[:PREAMBLE_LINES]
    rows = list(csv.reader(io.StringIO("\n".join(lines[PREAMBLE_LINES:]))))
    header = [h.strip() for h in rows[0]]
    if tuple(header) != HEADER:
        sys.exit(f"{path}:{PREAMBLE_LINES + 1}: unexpected header {header}")
    return preamble, [(PREAMBLE_LINES + 2 + i, row) for i, row in enumerate(rows[1:]) if any(row)]


def study_recipients(countries: Path) -> dict[str, str]:
    """The register's name -> ISO3 of the study's partner countries (as the sidebar offers them)."""
    with open(countries, encoding="utf-8", newline="") as fh:
        wanted = {r["iso3"] for r in csv.DictReader(fh) if r["group"] != RIVAL_GROUP and r["iso3"] != REFERENCE}
    names = {code: name for name, code in CODES.items()}
    missing = sorted(wanted - set(names))
    if missing:
        sys.exit(f"no register name for the study's countries {missing}: add them to CODES")
    return {names[code]: code for code in wanted}


def years(text: str) -> list[int]:
    return [int(y) for y in text.split(";") if y.strip()]


def in_scope(row: dict[str, str]) -> bool:
    """Ordered in FIRST_YEAR or later, or delivered (in part) in FIRST_YEAR or later."""
    return int(row["order_year"]) >= FIRST_YEAR or any(y >= FIRST_YEAR for y in years(row["delivery_years"]))


def deals(register: Path, countries: Path) -> list[dict[str, str]]:
    """The study's deals as rows of COLUMNS, in deal-id order."""
    _, rows = read_register(register)
    recipients = study_recipients(countries)
    out = []
    for line, cells in rows:
        (recipient, supplier, order_year, order_q, ordered, ordered_q, designation, description, delivered,
         delivered_q, delivery_years, status, comments, per_unit, tiv_order, tiv_delivered) = (c.strip() for c in cells)
        if recipient not in recipients or not in_scope({"order_year": order_year, "delivery_years": delivery_years}):
            continue
        if supplier not in CODES:
            sys.exit(f"{register}:{line}: supplier {supplier!r} has no code: add it to CODES in {__file__}")
        out.append({"supplier_iso3": CODES[supplier], "supplier": supplier, "recipient_iso3": recipients[recipient],
               "order_year": order_year, "order_year_uncertain": order_q, "number_ordered": ordered,
               "number_ordered_uncertain": ordered_q, "weapon_designation": designation,
               "weapon_description": description, "number_delivered": delivered,
               "number_delivered_uncertain": delivered_q, "delivery_years": delivery_years, "status": status,
               "comments": comments, "tiv_per_unit": per_unit, "tiv_order": tiv_order,
               "tiv_delivered": tiv_delivered, "source_id": SOURCE_ID, "_line": line})
    out.sort(key=lambda r: (r["recipient_iso3"], r["supplier_iso3"], r["order_year"], r["weapon_designation"],
                            r["weapon_description"], r["_line"]))
    seen: dict[tuple[str, str, str], int] = {}
    for row in out:
        key = (row["recipient_iso3"], row["supplier_iso3"], row["order_year"])
        seen[key] = seen.get(key, 0) + 1
        row["deal_id"] = f"{key[0]}-{key[1]}-{key[2]}-{seen[key]:03d}"
    return [{c: row[c] for c in COLUMNS} for row in out]


def write(rows: list[dict[str, str]], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--register", type=Path, default=REGISTER, help="the SIPRI trade register (CSV export)")
    parser.add_argument("--countries", type=Path, default=COUNTRIES, help="countries.csv (the study's countries)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write arms_transfers.csv")
    args = parser.parse_args(argv)
    if not args.register.exists():
        sys.exit(f"{args.register}: no such file (the stored copy of SIPRI's trade register lives in ../shared/sipri/)")
    rows = deals(args.register, args.countries)
    write(rows, args.out)
    print(f"Wrote {args.out}: {len(rows)} deals with {len({r['recipient_iso3'] for r in rows})} recipients and "
          f"{len({r['supplier_iso3'] for r in rows})} suppliers.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
