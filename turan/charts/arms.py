"""The arms-transfers page's charts: SIPRI TIV delivered per year by supplier, each supplier's share per five-year
period, and each state's main supplier now and twenty years ago with Turkey's rank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import arms, filters
from turan.charts import ChartSpec
from turan.describe import arms as words
from turan.export import LazyCsv
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import cite_short

TITLES = {"arms_time": "Arms delivered to the selected states, by supplier",
          "arms_shares": "Each supplier's share of the arms delivered, per five-year period",
          "arms_main": "Main supplier now and twenty years ago, and Turkey's rank"}
EMPTY = "No delivery of major arms to the selected states in these years is recorded in SIPRI's register."
NOW, THEN = (2021, 2025), (2001, 2005)  # five-year windows of the register's complete years (data to 2025)


@dataclass(frozen=True)
class Prepared:
    f: Filters
    names: dict[str, str]
    spread: pd.DataFrame  # arms.yearly: one row per deal and delivery year in the selection
    main: pd.DataFrame  # per state: main supplier THEN and NOW, Turkey's rank in the selection
    selection: str
    source: str
    source_ids: tuple[str, ...]


def _group_name(group: str, names: dict[str, str]) -> str:
    return "Other suppliers" if group == arms.OTHER else names.get(group, group)


def prepare(data: Bundle, f: Filters, options: None, today: date) -> Prepared:
    """The selection's deliveries spread over their years, and the per-state summary."""
    table = data.arms_transfers
    spread = arms.yearly(table, f)
    names = {**dict(zip(table["supplier_iso3"], table["supplier"])), **data.country_names()}  # ours where we have one
    then = arms.main_suppliers(table, f.countries, THEN, f.bounds).set_index("iso3")
    now = arms.main_suppliers(table, f.countries, NOW, f.bounds).set_index("iso3")
    rank = arms.turkey_rank(spread, f.countries).set_index("iso3")
    states = list(f.countries)
    main = pd.DataFrame({
        "iso3": states, "state": [names.get(c, c) for c in states],
        "then": then["supplier_iso3"].reindex(states).tolist(), "then_share": then["share"].reindex(states).tolist(),
        "now": now["supplier_iso3"].reindex(states).tolist(), "now_share": now["share"].reindex(states).tolist(),
        "rank": rank["rank"].reindex(states).tolist(), "suppliers": rank["suppliers"].reindex(states).tolist(),
        "turkey_share": rank["share"].reindex(states).tolist()})
    ids = tuple(sorted(set(table["source_id"])))
    return Prepared(f, names, spread, main, filters.in_words(f, data.country_names(), record=False),
                    cite_short(data.sources, ids), ids)


def arms_time(p: Prepared) -> ChartSpec:
    """Stacked bars: TIV delivered per year, one colour per power (Russia, China, the US, Turkey, Iran), the other
    suppliers grouped."""
    totals = arms.by_group(p.spread)
    table = totals.assign(supplier=totals["group"].map(lambda g: _group_name(g, p.names)))[["year", "supplier", "tiv"]]
    return ChartSpec("arms_time", TITLES["arms_time"],
                     f"{p.selection} · {arms.UNIT}, not US dollars · a deal spread evenly over its delivery years",
                     p.source, p.source_ids, words.time(totals, p.names, p.selection),
                     {"totals": totals, "years": p.f.years, "names": p.names},
                     empty=EMPTY if totals.empty else "", export_name="arms-deliveries-by-supplier", words=p.selection,
                     csv=LazyCsv(table.rename(columns={"tiv": "sipri_tiv_millions"})), note=arms.SPREAD_NOTE)


def arms_shares(p: Prepared) -> ChartSpec:
    """100% bars: each supplier group's share of the TIV delivered in each five-year period of the selection."""
    shares = arms.shares(p.spread)
    table = shares.assign(supplier=shares["group"].map(lambda g: _group_name(g, p.names)))
    return ChartSpec("arms_shares", TITLES["arms_shares"],
                     f"{p.selection} · share of {arms.UNIT} per period · a period cut by the year range counts "
                     "only its selected years", p.source, p.source_ids, words.shares(shares, p.names, p.selection),
                     {"shares": shares, "names": p.names}, empty=EMPTY if shares.empty else "",
                     export_name="arms-supplier-shares", words=p.selection,
                     csv=LazyCsv(table[["start", "end", "supplier", "tiv", "share"]].rename(
                         columns={"tiv": "sipri_tiv_millions"})), note=arms.SPREAD_NOTE)


def arms_main(p: Prepared) -> ChartSpec:
    """Per state: its largest supplier in 2001-2005 and in 2021-2025, and Turkey's rank among its suppliers in the
    selected years."""
    return ChartSpec("arms_main", TITLES["arms_main"],
                     f"{p.selection} · main supplier by {arms.UNIT} delivered in {THEN[0]}-{THEN[1]} and "
                     f"{NOW[0]}-{NOW[1]}; Turkey's rank over {p.f.years[0]}-{p.f.years[1]}",
                     p.source, p.source_ids, words.main(p.main, p.names, p.selection),
                     {"main": p.main, "names": p.names},
                     empty="No state selected: choose countries in the sidebar." if p.main.empty else "",
                     export_name="arms-main-suppliers", words=p.selection, note=arms.SPREAD_NOTE)


CHARTS = {"arms_time": arms_time, "arms_shares": arms_shares, "arms_main": arms_main}
