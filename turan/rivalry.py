"""Power rivalry: the paper's evidence grid, institutional reach, foreign bases and hard indicators.

Pure functions, no Streamlit, no I/O. Reach is derived from memberships.csv only:

* An organisation counts for the power in its ``led_by`` column (organisations.csv): NATO and PfP for the
  USA, CSTO, CIS and EAEU for Russia, SCO for China, ECO for Iran, OTS and TAKM for Turkey. FIEP and GUAM
  have no leading power and count for nobody.
* A selected state counts for a power in a year when, on 31 December of that year (or on ``as_of``, for
  the current year), it belongs to at least one organisation that power leads. A state in several of one
  power's organisations counts once.
* "Belongs" means member, or partner of a partnership programme (NATO's PfP has partners, not members).
  With ``loose=True`` observers, associates, dialogue partners and other partners count too; the page
  offers this as a switch, so the two readings are never mixed in one line.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from turan import filters, membership, memo, schema
from turan.filters import Filters
from turan.sources import footnote_number, source_label
from turan.text import md_escape

FULL_ROLES = ("member",)
LOOSE_ROLES = ("member", "frozen_member", "partner", "associate", "observer", "dialogue_partner")
PROGRAMME_KIND = "partnership_programme"  # its participants are partners: partnership is full participation
DIMENSION_TITLES = {"interest": "Interests", "instrument": "Instruments", "stance": "Stance towards Turkey's role"}
NO_DATA = "no data"


# --- Evidence grid -------------------------------------------------------------------------------------

def footnote_label(sources: pd.DataFrame, source_id: str) -> str:
    """'fn 22' for a footnote source, 'main text' for the paper itself."""
    note = footnote_number(sources, source_id)  # a dictionary lookup, built once per sources table
    return "main text" if note is None else f"fn {note}"


def grid_table(rivalry: pd.DataFrame, sources: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The evidence grid as a flat table in reading order: power, dimension, type or stance, claim, footnote."""
    order = {p: i for i, p in enumerate(schema.POWERS)}
    dims = {d: i for i, d in enumerate(schema.DIMENSIONS)}
    table = rivalry.assign(
        power=rivalry["power_iso3"].map(names),
        footnote=rivalry["source_id"].map(lambda s: footnote_label(sources, s)),
        _p=rivalry["power_iso3"].map(order), _d=rivalry["dimension"].map(dims),
    ).sort_values(["_p", "_d"], kind="stable")
    return table[["power", "dimension", "instrument_type", "stance", "claim", "footnote", "paper_part",
                  "source_id", "note", "claim_id"]].reset_index(drop=True)


def cell_markdown(rows: pd.DataFrame) -> str:
    """One grid cell as escaped markdown bullets: '**Economic.** claim *(fn 25)*'; says so when empty."""
    if rows.empty:
        return "*None named in this section.*"
    lines = []
    for row in rows.itertuples(index=False):
        label = row.instrument_type if pd.notna(row.instrument_type) else row.stance
        lead = f"**{md_escape(str(label).capitalize())}.** " if pd.notna(label) else ""
        lines.append(f"- {lead}{md_escape(row.claim)} *({md_escape(row.footnote)})*")
    return "\n".join(lines)


def grid_cells(table: pd.DataFrame, dimension: str, power_name: str) -> pd.DataFrame:
    """The grid rows of one power and one dimension, instruments grouped by type."""
    rows = table[(table["dimension"] == dimension) & (table["power"] == power_name)]
    if dimension == "instrument":
        types = {t: i for i, t in enumerate(schema.INSTRUMENT_TYPES)}
        rows = rows.sort_values("instrument_type", key=lambda s: s.map(types), kind="stable")
    return rows


def types_not_named(table: pd.DataFrame) -> list[str]:
    """Instrument types the grid names for no power (the 'crowded market' section names no military one)."""
    named = set(table["instrument_type"].dropna())
    return [t for t in schema.INSTRUMENT_TYPES if t not in named]


# --- Institutional reach -------------------------------------------------------------------------------

@memo.per_object  # the same for every selection: once per organisations table (callers only read it)
def organisation_powers(organisations: pd.DataFrame) -> pd.DataFrame:
    """Which organisation counts for which power (from led_by), with its kind; unled ones are left out."""
    led = organisations.dropna(subset=["led_by"])
    return led[["org_id", "name", "kind", "led_by"]].rename(columns={"led_by": "power"}).reset_index(drop=True)


@memo.per_object
def orgs_by_power(organisations: pd.DataFrame) -> dict[str, str]:
    """Power -> its organisations in words: {'RUS': 'CSTO, CIS, EAEU', ...}."""
    return organisation_powers(organisations).groupby("power")["org_id"].agg(", ".join).to_dict()


def counted_roles(kind: str, loose: bool) -> tuple[str, ...]:
    """Roles that count as belonging to an organisation of this kind."""
    if loose:
        return LOOSE_ROLES
    return ("partner",) if kind == PROGRAMME_KIND else FULL_ROLES


def reach(memberships: pd.DataFrame, organisations: pd.DataFrame, f: Filters, loose: bool = False,
          as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Per power and year of the range: how many selected states belong to an organisation it leads."""
    spells = filters.memberships(memberships, f, extra=())
    groups = dict(tuple(spells.groupby(["org_id", "role"], sort=False)))  # split once, not once per organisation
    years = list(range(f.years[0], f.years[1] + 1))
    days = [pd.Timestamp(y, 12, 31) if as_of is None else min(pd.Timestamp(y, 12, 31), as_of) for y in years]
    via: dict[str, list[dict[str, list[str]]]] = {power: [{} for _ in years] for power in schema.POWERS}
    for org in organisation_powers(organisations).itertuples(index=False):
        for role in counted_roles(org.kind, loose):
            if (org.org_id, role) not in groups:
                continue
            for held, states in zip(via[org.power], _holders(groups[org.org_id, role], org.org_id, role, days)):
                for state in states:
                    held.setdefault(state, []).append(org.org_id)
    rows = []
    for power in schema.POWERS:
        for year, held in zip(years, via[power]):
            chosen = tuple(c for c in f.countries if c in held)
            rows.append({"power": power, "year": year, "count": len(chosen), "states": chosen,
                         "via": tuple(tuple(dict.fromkeys(held[c])) for c in chosen)})
    return pd.DataFrame(rows, columns=["power", "year", "count", "states", "via"])


def _holders(spells: pd.DataFrame, org_id: str, role: str, days: list[pd.Timestamp]) -> list[set[str]]:
    """membership.members_as_of's answer on each day (held_on's rule on arrays), worked out again only when a spell
    starts or ends in between. `spells`: one organisation's and role's spells, or any superset."""
    spells = spells[(spells["org_id"] == org_id) & (spells["role"] == role)]
    if spells.empty:
        return [set() for _ in days]
    edges = pd.concat([spells["start_first"], spells["end_first"].dropna()]).to_numpy()
    start, end, iso3 = (spells[c].to_numpy() for c in ("start_first", "end_first", "iso3"))
    out: list[set[str]] = []
    previous = None
    for day in days:
        if previous is None or ((edges >= previous.to_datetime64()) & (edges <= day.to_datetime64())).any():
            current = set(iso3[membership.held_mask(start, end, day)])  # held_on's rule, on arrays
        out.append(current)
        previous = day
    return out


def reach_source_ids(memberships: pd.DataFrame, organisations: pd.DataFrame, f: Filters) -> list[str]:
    """The sources of the membership spells behind the reach chart (organisations with a leading power)."""
    spells = filters.memberships(memberships, f, extra=())
    return sorted(spells.loc[spells["org_id"].isin(organisation_powers(organisations)["org_id"]), "source_id"].unique())


def reach_table(frame: pd.DataFrame, names: dict[str, str], organisations: pd.DataFrame) -> pd.DataFrame:
    """The reach series for download: power, its organisations, year, count and the states counted."""
    orgs = orgs_by_power(organisations)
    return pd.DataFrame({
        "power": frame["power"].map(names), "organisations": frame["power"].map(orgs),
        "year": frame["year"], "states_counted": frame["count"],
        "states": [state_words(states, via, names) for states, via in zip(frame["states"], frame["via"])],
    })


def state_words(states: tuple[str, ...], via: tuple[tuple[str, ...], ...], names: dict[str, str]) -> str:
    """'Kazakhstan (CSTO, CIS); Uzbekistan (CIS)', or 'none'."""
    return "; ".join(f"{names.get(c, c)} ({', '.join(orgs)})" for c, orgs in zip(states, via)) or "none"


# --- Foreign bases -------------------------------------------------------------------------------------

def bases_in_view(bases: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Bases in a selected country whose years of use meet the range (the shared filter)."""
    return filters.bases(bases, f)


def bases_timeline(bases: pd.DataFrame, names: dict[str, str], today: pd.Timestamp) -> pd.DataFrame:
    """One bar per base: from its first possible opening day to closing (or today, when still in use)."""
    ongoing = bases["closed"].isna()
    frame = pd.DataFrame({
        "base_id": bases["base_id"], "name": bases["name"],
        "label": bases["name"] + " · " + bases["host_iso3"].map(names),
        "operator": bases["operator_iso3"], "operator_name": bases["operator_iso3"].map(names),
        "host": bases["host_iso3"].map(names), "kind": bases["kind"].str.replace("_", " "),
        "start": bases["opened_first"], "end": bases["closed_last"].where(~ongoing, today),
        "ongoing": ongoing, "opened": bases["opened_label"],
        "closed": bases["closed_label"].where(~ongoing, "still in use"), "source_id": bases["source_id"],
    })
    return frame.sort_values(["operator", "start"]).reset_index(drop=True)


def bases_table(bases: pd.DataFrame, names: dict[str, str], sources: pd.DataFrame) -> pd.DataFrame:
    """Bases as shown and downloaded: name, host, operator, kind, dates in words, notes, source."""
    return pd.DataFrame({
        "name": bases["name"], "host": bases["host_iso3"].map(names),
        "operator": bases["operator_iso3"].map(names), "kind": bases["kind"].str.replace("_", " "),
        "opened": bases["opened_label"], "closed": bases["closed_label"].fillna("still in use"),
        "about_dates": bases["date_note"].fillna(""), "note": bases["note"].fillna(""),
        "source": bases["source_id"].map(lambda s: source_label(sources, s)),
    }).reset_index(drop=True)


# --- Hard indicators -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    """An indicator for some countries over the year range: one row per country and year, gaps kept."""

    indicator: schema.Indicator
    frame: pd.DataFrame  # iso3, year, value (NaN where the dataset has no value)
    countries: tuple[str, ...]
    years: tuple[int, int]

    def without_data(self) -> list[str]:
        """Countries with no value at all in the range."""
        has = set(self.frame.dropna(subset=["value"])["iso3"])
        return [c for c in self.countries if c not in has]

    def years_with_data(self) -> list[int]:
        """Years in which at least one country has a value (candidates for the index base year)."""
        return sorted(self.frame.dropna(subset=["value"])["year"].unique().tolist())


def indicator_countries(f: Filters, with_powers: bool) -> tuple[str, ...]:
    """The countries on the indicator chart: the selected states and Turkey, optionally the four powers."""
    powers = tuple(p for p in schema.POWERS if p != filters.REFERENCE) if with_powers else ()
    return tuple(dict.fromkeys(f.countries + (filters.REFERENCE,) + powers))


def series(indicators: pd.DataFrame, indicator_id: str, countries, years: tuple[int, int]) -> Series:
    """The indicator for the countries over the inclusive year range, one row per country-year, NaN kept."""
    countries = tuple(dict.fromkeys(countries))
    values = indicators[indicators["indicator_id"] == indicator_id]
    grid = pd.MultiIndex.from_product([countries, range(years[0], years[1] + 1)], names=["iso3", "year"])
    frame = (values.assign(year=values["year"].astype(int)).set_index(["iso3", "year"])["value"]
             .reindex(grid).reset_index())
    return Series(schema.INDICATOR_BY_ID[indicator_id], frame, countries, years)


def to_index(frame: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Adds 'index' = value / value in base_year x 100 per country; NaN when the base year has no value."""
    base = frame[frame["year"] == base_year].set_index("iso3")["value"]
    return frame.assign(index=frame["value"] / frame["iso3"].map(base) * 100)


def default_base_year(s: Series) -> int:
    """The first year of the range in which every country that has data has a value, else the first with any."""
    with_data = [c for c in s.countries if c not in s.without_data()]
    complete = s.frame[s.frame["iso3"].isin(with_data)].dropna(subset=["value"]).groupby("year")["iso3"].nunique()
    full = complete[complete == len(with_data)].index.tolist()
    candidates = full or s.years_with_data() or [s.years[0]]
    return int(candidates[0])


def indicator_table(frame: pd.DataFrame, indicator: schema.Indicator, names: dict[str, str],
                    base_year: int | None) -> pd.DataFrame:
    """The chart's data for download: country, year, value (empty where missing), unit, index, edition."""
    table = pd.DataFrame({
        "country": frame["iso3"].map(names), "iso3": frame["iso3"], "year": frame["year"],
        "value": frame["value"], "unit": indicator.unit,
    })
    if base_year is not None:
        table[f"index_{base_year}_100"] = to_index(frame, base_year)["index"]
    table["edition"] = indicator.edition
    table["price_basis"] = indicator.price_basis
    return table
