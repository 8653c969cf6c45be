"""Who arms the study's states: SIPRI's trade register (arms_transfers.csv) as yearly volumes, shares per period,
main suppliers and Turkey's rank. Pure pandas, no Streamlit.

SIPRI TIV (trend-indicator value) measures a volume of major conventional arms, in millions: it is not money and is
never added to US dollars. The register gives one TIV delivered per deal and the list of its delivery years; here a
deal's TIV delivered is spread evenly over those years (SPREAD_NOTE). SIPRI's own yearly tables allocate a deal by
the deliveries of each year and can differ from this spread; totals over a deal's whole delivery span agree.
"""

from __future__ import annotations

import pandas as pd

from turan import memo
from turan.filters import Filters

UNIT = "SIPRI TIV (millions)"
UNIT_NOTE = ("SIPRI TIV is SIPRI's trend-indicator value: a volume of arms in millions, comparable across deals and "
             "years, not a price in US dollars.")
SPREAD_NOTE = ("A deal's TIV delivered is spread evenly over its delivery years; SIPRI's own yearly tables "
               "allocate it by the actual deliveries of each year and can differ.")
POWERS = ("RUS", "CHN", "USA", "TUR", "IRN")  # suppliers shown on their own, each in its theme colour
OTHER = "other"  # every other supplier, grouped
PERIOD = 5  # years per period of the share chart: 1991-1995, ..., 2021-2025
YEARLY_COLUMNS = ("deal_id", "recipient_iso3", "supplier_iso3", "group", "year", "tiv")


def group(iso3: str) -> str:
    """The supplier's group: one of POWERS, or OTHER."""
    return iso3 if iso3 in POWERS else OTHER


def delivery_years(text: object) -> list[int]:
    """'2021; 2022' -> [2021, 2022]; [] for no recorded delivery."""
    return [int(y) for y in str(text).split(";") if y.strip()] if isinstance(text, str) else []


def deals(arms: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The deals of the selected recipients ordered in the years, or delivered (in part) in them."""
    lo, hi = f.years
    years = memo.derived(arms, "arms.delivery_years", (), lambda: [delivery_years(t) for t in arms["delivery_years"]])
    delivered = pd.Series([any(lo <= y <= hi for y in ys) for ys in years], index=arms.index, dtype=bool)
    ordered = arms["order_year"].between(lo, hi)
    return arms[arms["recipient_iso3"].isin(f.countries) & (ordered | delivered)]


def yearly(arms: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """One row per deal and delivery year in the selected years: its share of the deal's TIV delivered (the TIV
    divided evenly among all its delivery years, inside the range or not)."""
    every = spread(arms)  # every deal and delivery year, worked out once per register
    years = every["year"]
    chosen = every[every["recipient_iso3"].isin(f.countries) & (years >= f.years[0]) & (years <= f.years[1])]
    return chosen.reset_index(drop=True)


@memo.per_object
def spread(arms: pd.DataFrame) -> pd.DataFrame:
    """Every deal with a TIV delivered, one row per delivery year (yearly's rows for every recipient and year), made
    once per register (callers only read it)."""
    rows = []
    for deal in arms[arms["tiv_delivered"].notna()].itertuples(index=False):
        years = delivery_years(deal.delivery_years)
        for year in years:
            rows.append((deal.deal_id, deal.recipient_iso3, deal.supplier_iso3, group(deal.supplier_iso3), year,
                         float(deal.tiv_delivered) / len(years)))
    return pd.DataFrame(rows, columns=list(YEARLY_COLUMNS))


def by_group(spread: pd.DataFrame) -> pd.DataFrame:
    """TIV per year and supplier group: year, group, tiv (groups in POWERS order, then OTHER)."""
    order = {g: i for i, g in enumerate((*POWERS, OTHER))}
    totals = spread.groupby(["year", "group"], as_index=False)["tiv"].sum()
    return totals.sort_values(["year", "group"], key=lambda c: c.map(order) if c.name == "group" else c,
                              ignore_index=True)


def period_of(year):
    """The PERIOD-year period a year falls in: 2003 -> (2001, 2005); a Series of years gives a Series of each."""
    start = (year - 1) // PERIOD * PERIOD + 1
    return start, start + PERIOD - 1


def shares(spread: pd.DataFrame) -> pd.DataFrame:
    """Each supplier group's share of the TIV delivered per period: start, end, group, tiv, share (0 to 1)."""
    if spread.empty:
        return pd.DataFrame(columns=["start", "end", "group", "tiv", "share"])
    start, end = period_of(spread["year"])  # on the whole column at once
    frame = spread.assign(start=start, end=end)
    totals = frame.groupby(["start", "end", "group"], as_index=False)["tiv"].sum()
    totals["share"] = totals["tiv"] / totals.groupby("start")["tiv"].transform("sum")
    order = {g: i for i, g in enumerate((*POWERS, OTHER))}
    return totals.sort_values(["start", "group"], key=lambda c: c.map(order) if c.name == "group" else c,
                              ignore_index=True)


def main_suppliers(arms: pd.DataFrame, states, window: tuple[int, int], bounds: tuple[int, int]) -> pd.DataFrame:
    """Per state: its largest supplier by TIV delivered in the window (spread over delivery years), that supplier's
    share and the state's total; a state with no delivery in the window has none (supplier empty). Worked out once
    per register, states and window (the page's windows are fixed): callers only read it."""
    return memo.derived(arms, "arms.main_suppliers", (tuple(states), tuple(window), tuple(bounds)),
                        lambda: _main_suppliers(arms, states, window, bounds), keep=256)


def _main_suppliers(arms: pd.DataFrame, states, window: tuple[int, int], bounds: tuple[int, int]) -> pd.DataFrame:
    spread = yearly(arms, Filters.make(list(states), window, bounds))
    rows = []
    for state in states:
        mine = spread[spread["recipient_iso3"] == state].groupby("supplier_iso3")["tiv"].sum()
        total = float(mine.sum())
        if total > 0:
            top = mine.sort_values(ascending=False, kind="stable")
            rows.append({"iso3": state, "supplier_iso3": top.index[0], "share": float(top.iloc[0]) / total,
                         "total": total})
        else:
            rows.append({"iso3": state, "supplier_iso3": None, "share": None, "total": total})
    return pd.DataFrame(rows, columns=["iso3", "supplier_iso3", "share", "total"])


def turkey_rank(spread: pd.DataFrame, states, supplier: str = "TUR") -> pd.DataFrame:
    """Per state: Turkey's rank among its suppliers by TIV delivered in the spread's years (1 = largest), how many
    suppliers delivered, Turkey's TIV and share; rank empty where Turkey delivered nothing."""
    rows = []
    # One grouping for every state (each state's sums as its own grouping gives them: the same rows, in order).
    per_state = {state: part.droplevel(0) for state, part in
                 spread.groupby(["recipient_iso3", "supplier_iso3"])["tiv"].sum().groupby(level=0)}
    empty = pd.Series(dtype="float64")
    for state in states:
        mine = per_state.get(state, empty)
        mine = mine[mine > 0].sort_values(ascending=False, kind="stable")
        total = float(mine.sum())
        rank = list(mine.index).index(supplier) + 1 if supplier in mine.index else None
        tiv = float(mine.get(supplier, 0.0))
        rows.append({"iso3": state, "rank": rank, "suppliers": len(mine), "tiv": tiv,
                     "share": tiv / total if total else None})
    return pd.DataFrame(rows, columns=["iso3", "rank", "suppliers", "tiv", "share"])


def _flagged(value: object, flag: object) -> str:
    """A value with the register's '?' where it marks it uncertain: '2021?', '3?'; '' for none."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return f"{value}{'?' if flag == '?' else ''}"


DEAL_COLUMNS = ("Recipient", "Supplier", "Ordered", "Number ordered", "Weapon", "Description", "Number delivered",
                "Delivered in", "Status", "TIV per unit", "TIV of order", "TIV delivered", "Comments")


def deals_shown(arms: pd.DataFrame, chosen: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """deal_table of the chosen deals (rows of the register `arms`), cut from the whole register's table, which is
    made once per register: each row reads its own deal alone, and the order is the same (deal ids break ties)."""
    if chosen.empty:
        return deal_table(chosen, names)
    whole, order = memo.derived(arms, "arms.deals_shown", (), lambda: (
        deal_table(arms, names), _deal_order(arms).index))
    return whole[order.isin(chosen.index)].reset_index(drop=True)


def _deal_order(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values(["order_year", "recipient_iso3", "deal_id"], ascending=[False, True, True])


def deal_table(chosen: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The deals as shown and downloaded: newest order first, the register's '?' kept beside each value it
    qualifies, TIV in millions as the register gives it (empty where it has none)."""
    rows = _deal_order(chosen)
    return pd.DataFrame({
        "Recipient": rows["recipient_iso3"].map(lambda c: names.get(c, c)),
        "Supplier": rows["supplier_iso3"].map(lambda c: names.get(c, c)).where(rows["supplier_iso3"] != "XUS",
                                                                                rows["supplier"]),
        "Ordered": [_flagged(v, q) for v, q in zip(rows["order_year"], rows["order_year_uncertain"])],
        "Number ordered": [_flagged(v, q) for v, q in zip(rows["number_ordered"], rows["number_ordered_uncertain"])],
        "Weapon": rows["weapon_designation"], "Description": rows["weapon_description"],
        "Number delivered": [_flagged(v, q) for v, q in zip(rows["number_delivered"],
                                                            rows["number_delivered_uncertain"])],
        "Delivered in": rows["delivery_years"], "Status": rows["status"],
        "TIV per unit": rows["tiv_per_unit"], "TIV of order": rows["tiv_order"], "TIV delivered": rows["tiv_delivered"],
        "Comments": rows["comments"],
    }).reset_index(drop=True)


MAIN_COLUMNS = ("State", "Main supplier 2001-2005", "Main supplier 2021-2025", "Turkey's rank in the years chosen")


def main_rows(main: pd.DataFrame, names: dict[str, str]) -> list[list[str]]:
    """The main-supplier table's rows in words: state, then, now, Turkey's rank."""
    def who(iso3, share) -> str:
        return f"{names.get(iso3, iso3)} ({share:.0%})" if isinstance(iso3, str) else "no data"
    return [[row.state, who(row.then, row.then_share), who(row.now, row.now_share),
             f"{int(row.rank)} of {int(row.suppliers)}" if pd.notna(row.rank) else
             ("none delivered" if row.suppliers else "no data")]
            for row in main.itertuples(index=False)]


def state_shares(table: pd.DataFrame, states, window: tuple[int, int], names: dict[str, str]) -> pd.DataFrame:
    """Each state's supplier groups' shares of the TIV delivered in the window: label (the state's name), group, tiv,
    share; states with no delivery have no rows."""
    spread = yearly(table, Filters.make(list(states), window, window))
    if spread.empty:
        return pd.DataFrame(columns=["label", "group", "tiv", "share"])
    totals = spread.groupby(["recipient_iso3", "group"], as_index=False)["tiv"].sum()
    totals["share"] = totals["tiv"] / totals.groupby("recipient_iso3")["tiv"].transform("sum")
    rank = {s: i for i, s in enumerate(states)}
    order = {g: i for i, g in enumerate((*POWERS, OTHER))}
    totals = totals.assign(label=totals["recipient_iso3"].map(lambda c: names.get(c, c)),
                           _state=totals["recipient_iso3"].map(rank), _group=totals["group"].map(order))
    return totals.sort_values(["_state", "_group"], ignore_index=True)[["label", "group", "tiv", "share"]]
