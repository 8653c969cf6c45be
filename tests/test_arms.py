"""SIPRI arms transfers: scripts/build_arms.py on a small hand-made register, and the shipped file against the stored
register (skipped, with the reason, where ../shared/sipri is not beside the project)."""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("build_arms", ROOT / "scripts" / "build_arms.py")
build_arms = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_arms)

PREAMBLE = [f"preamble line {i}" for i in range(1, 12)]
HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
          "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
          "SIPRI TIV of delivered weapons")
ROWS = [
    'Kazakhstan,Turkiye,2021,?,3,?,Anka,UAV,3,?,2023; 2024,New,"Deal; incl production, licence ",5.5,16.5,16.5',
    "Kazakhstan,Russia,2015,,4,,Su-30MK,FGA aircraft,4,,2015,New,,25,100,100",
    "Kazakhstan,Russia,2015,,2,,Mi-35M,combat helicopter,,,,New,,8,16,",
    "Kazakhstan,Soviet Union,1989,?,10,,T-72,tank,10,,1990; 1991,New,,1,10,10",  # delivered in 1991: kept
    "Kazakhstan,Soviet Union,1980,,5,,T-62,tank,5,,1981,New,,0.5,2.5,2.5",  # before 1991: left out
    "France,Turkiye,2021,,1,,X,ship,1,,2022,New,,1,1,1",  # not a study country: left out
    "Uzbekistan,unknown supplier(s),2020,,,,Y,armoured car,,,,Second hand,,,,",
]


def register(tmp_path: Path, rows=ROWS) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes("\n".join([*PREAMBLE, HEADER, *rows, ""]).encode("latin-1"))
    return path


def build(tmp_path: Path, rows=ROWS) -> list[dict[str, str]]:
    out = tmp_path / "arms.csv"
    assert build_arms.main(["--register", str(register(tmp_path, rows)), "--out", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_study_deals_since_1991_with_every_value_as_the_register_gives_it(tmp_path):
    rows = build(tmp_path)
    assert [r["deal_id"] for r in rows] == ["KAZ-RUS-2015-001", "KAZ-RUS-2015-002", "KAZ-SUN-1989-001",
                                           "KAZ-TUR-2021-001", "UZB-XUS-2020-001"]
    anka = rows[3]
    assert (anka["supplier"], anka["order_year_uncertain"], anka["number_ordered_uncertain"],
            anka["number_delivered_uncertain"]) == ("Turkiye", "?", "?", "?")
    assert anka["delivery_years"] == "2023; 2024" and anka["comments"] == "Deal; incl production, licence"
    assert (anka["tiv_per_unit"], anka["tiv_order"], anka["tiv_delivered"]) == ("5.5", "16.5", "16.5")
    mi35 = rows[0]  # numbered by designation within a recipient, supplier and year
    assert mi35["weapon_designation"] == "Mi-35M" and mi35["number_delivered"] == mi35["tiv_delivered"] == ""
    assert rows[4]["supplier_iso3"] == "XUS" and rows[4]["tiv_order"] == ""
    assert {r["source_id"] for r in rows} == {build_arms.SOURCE_ID}


def test_the_script_is_idempotent(tmp_path):
    first = build(tmp_path)
    out = tmp_path / "arms.csv"
    once = out.read_bytes()
    build(tmp_path)
    assert out.read_bytes() == once and first


def test_an_unknown_supplier_stops_the_script_and_says_which(tmp_path):
    rows = [*ROWS, "Kyrgyzstan,Atlantis,2022,,1,,Z,tank,1,,2023,New,,1,1,1"]
    with pytest.raises(SystemExit, match="supplier 'Atlantis' has no code"):
        build(tmp_path, rows)


def test_an_unexpected_header_stops_the_script(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes("\n".join([*PREAMBLE, "Recipient,Supplier", ""]).encode("latin-1"))
    with pytest.raises(SystemExit, match="unexpected header"):
        build_arms.deals(path, build_arms.COUNTRIES)


# --- the shipped file against the stored register ------------------------------------------------------------

needs_register = pytest.mark.skipif(not build_arms.REGISTER.exists(),
                                    reason=f"SIPRI's trade register is not at {build_arms.REGISTER}")


def _register_totals() -> dict[tuple[str, str], tuple[Decimal, Decimal, int]]:
    """Per (recipient, supplier) name: TIV delivered, TIV of orders and deal count, read from the register with the
    csv module alone, for the study's recipients and deals ordered or delivered since 1991."""
    study = {name for name, code in build_arms.CODES.items() if code in _shipped_recipients()}
    lines = build_arms.REGISTER.read_bytes().decode("latin-1").splitlines()[build_arms.PREAMBLE_LINES + 1:]
    totals: dict[tuple[str, str], list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for cells in csv.reader(lines):
        if not cells or cells[0] not in study:
            continue
        delivered = [int(y) for y in cells[10].split(";") if y.strip()]
        if int(cells[2]) < 1991 and not any(y >= 1991 for y in delivered):
            continue
        t = totals[(cells[0], cells[1])]
        t[0] += Decimal(cells[15].strip() or 0)
        t[1] += Decimal(cells[14].strip() or 0)
        t[2] += 1
    return {k: tuple(v) for k, v in totals.items()}


def _shipped() -> list[dict[str, str]]:
    with open(ROOT / "data" / "arms_transfers.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _shipped_recipients() -> set[str]:
    return {r["recipient_iso3"] for r in _shipped()}


@needs_register
def test_totals_per_recipient_and_supplier_equal_the_registers():
    names = {code: name for name, code in build_arms.CODES.items()}
    shipped: dict[tuple[str, str], list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for row in _shipped():
        t = shipped[(names[row["recipient_iso3"]], row["supplier"])]
        t[0] += Decimal(row["tiv_delivered"] or 0)
        t[1] += Decimal(row["tiv_order"] or 0)
        t[2] += 1
    expected = _register_totals()
    assert {k: tuple(v) for k, v in shipped.items()} == expected
    assert len(expected) > 100 and sum(v[2] for v in expected.values()) == len(_shipped())


@needs_register
def test_the_shipped_file_is_what_the_script_writes_today(tmp_path):
    out = tmp_path / "arms.csv"
    assert build_arms.main(["--out", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "data" / "arms_transfers.csv").read_bytes()


# --- the domain: yearly volumes, shares, main suppliers, Turkey's rank -----------------------------------------

def _deals(*rows) -> "pd.DataFrame":
    """Typed deals from (deal_id, recipient, supplier, order year, delivery years, TIV delivered)."""
    from turan import schema
    from turan.load import frame
    from turan.validate import Row

    cells = [{"deal_id": d, "recipient_iso3": r, "supplier_iso3": s, "supplier": s, "order_year": str(y),
              "delivery_years": years, "tiv_delivered": tiv, "weapon_designation": "w", "weapon_description": "x",
              "status": "New", "source_id": "sipri"} for d, r, s, y, years, tiv in rows]
    return frame(schema.ARMS_TRANSFERS, [Row(i + 2, {c: c_.get(c, "") for c in schema.ARMS_TRANSFERS.column_names})
                                         for i, c_ in enumerate(cells)])


BOUNDS = (1991, 2026)
DEALS = [
    ("KAZ-RUS-2000-001", "KAZ", "RUS", 2000, "2001; 2002", "10"),
    ("KAZ-TUR-2020-001", "KAZ", "TUR", 2020, "2021; 2022; 2023; 2024", "8"),
    ("KAZ-FRA-2021-001", "KAZ", "FRA", 2021, "2023", "3"),
    ("KAZ-RUS-2021-001", "KAZ", "RUS", 2021, "2024", "12"),
    ("UZB-CHN-2022-001", "UZB", "CHN", 2022, "", "0"),  # ordered, nothing delivered yet
    ("KGZ-TUR-2019-001", "KGZ", "TUR", 2019, "2021", "1"),
]


def test_a_deals_tiv_is_spread_evenly_over_all_its_delivery_years():
    from turan import arms
    from turan.filters import Filters

    spread = arms.yearly(_deals(*DEALS), Filters.make(["KAZ"], (2022, 2023), BOUNDS))
    tur = spread[spread["supplier_iso3"] == "TUR"]
    assert tur[["year", "tiv"]].values.tolist() == [[2022, 2.0], [2023, 2.0]]  # 8 over 4 years, 2 of them in range
    assert set(spread["group"]) == {"TUR", "other"}  # France is grouped


def test_shares_per_five_year_period_add_up_to_one():
    from turan import arms
    from turan.filters import Filters

    shares = arms.shares(arms.yearly(_deals(*DEALS), Filters.make(["KAZ"], BOUNDS, BOUNDS)))
    assert shares.groupby("start")["share"].sum().round(9).eq(1).all()
    first = shares[shares["start"] == 2001]
    assert first[["group", "tiv", "share"]].values.tolist() == [["RUS", 10.0, 1.0]]
    late = shares[shares["start"] == 2021].set_index("group")["tiv"].to_dict()
    assert late == {"RUS": 12.0, "TUR": 8.0, "other": 3.0}
    assert arms.period_of(2021) == (2021, 2025) and arms.period_of(2005) == (2001, 2005)


def test_main_supplier_now_and_twenty_years_ago_and_turkeys_rank():
    from turan import arms
    from turan.filters import Filters

    data = _deals(*DEALS)
    then = arms.main_suppliers(data, ["KAZ", "UZB"], (2001, 2005), BOUNDS).set_index("iso3")
    now = arms.main_suppliers(data, ["KAZ", "UZB"], (2021, 2025), BOUNDS).set_index("iso3")
    assert then.loc["KAZ", "supplier_iso3"] == "RUS" and then.loc["KAZ", "share"] == 1.0
    assert now.loc["KAZ", "supplier_iso3"] == "RUS" and round(now.loc["KAZ", "share"], 4) == round(12 / 23, 4)
    assert pd.isna(now.loc["UZB", "supplier_iso3"]) and now.loc["UZB", "total"] == 0  # nothing delivered: no data
    rank = arms.turkey_rank(arms.yearly(data, Filters.make(["KAZ", "KGZ", "UZB"], (2021, 2025), BOUNDS)),
                            ["KAZ", "KGZ", "UZB"]).set_index("iso3")
    assert rank.loc["KAZ", ["rank", "suppliers"]].tolist() == [2, 3]
    assert rank.loc["KGZ", "rank"] == 1 and rank.loc["KGZ", "share"] == 1.0
    assert pd.isna(rank.loc["UZB", "rank"]) and rank.loc["UZB", "suppliers"] == 0


def test_deals_in_the_selection_by_order_or_delivery_year():
    from turan import arms
    from turan.filters import Filters

    chosen = arms.deals(_deals(*DEALS), Filters.make(["KAZ"], (2022, 2022), BOUNDS))
    assert chosen["deal_id"].tolist() == ["KAZ-TUR-2020-001"]  # delivered in 2022; the others are not
