"""Alliance memberships as of a year: who holds which role where, how memberships overlap, and which
countries hold two mutual-defence memberships at once. Pure pandas, no Streamlit.

The "as of a year" rule
-----------------------
A year means the situation on its last day, 31 December; for the current year it means today. So
"2012" shows Uzbekistan outside the CSTO (suspended on 19 December 2012), "1999" shows Hungary in NATO
and no longer a PfP partner, and "2023" shows Iran as an SCO member, not an observer.

On a day D a spell is held when it has begun (start <= D) and has not ended (no end, or D < end). The
end is the day the status changed, as the data's codebook says ("a change of role ends one spell the
day the next begins"), so on a handover day the new spell wins and no country ever holds two roles in
one organisation. A date known only to the month or the year counts from its first day; on 31
December every past date is unambiguous, so this matters only for partial dates in the current year.

"Belonging" to an organisation (the overlap counts and the set-overlap chart) means holding a full
role: member, associate member (Turkmenistan in the CIS) or partner (the Partnership for Peace has no
other kind of participant). Observers and dialogue partners are shown in the matrix and the hover,
not counted.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from turan import dates, filters, load, membership, memo
from turan.filters import Filters
from turan.load import Bundle

ONE, OVERLAP = "one", "overlap"  # the map's two modes
MODES = {ONE: "One organisation", OVERLAP: "Overlap of several"}
MEMBER_ROLES = ("member", "frozen_member")  # parties to the organisation's treaty, its obligations included
BELONGING = ("member", "frozen_member", "associate", "partner")
ROLE_ORDER = ("member", "frozen_member", "associate", "partner", "observer", "dialogue_partner")  # strongest first
ROLE_WORDS = {"member": "member", "frozen_member": "frozen member", "associate": "associate member",
              "partner": "partner", "observer": "observer", "dialogue_partner": "dialogue partner"}
NO_ROLE = "none"  # the legend key of a country in view without a role
BLOC_ORDER = ("USA", "RUS", "CHN", "TUR", "IRN")  # led_by order of organisations: columns show blocs
DEFAULT_ORG = "CSTO"
DEFENCE_MARK = "\u25c6"  # marks an organisation with a mutual-defence clause, on screen and on slides
DEFAULT_ORGS = ("NATO", "CSTO", "SCO", "CIS", "EAEU", "OTS")
NONE_OF_THESE = "none of these"
NO_MEMBERSHIP = "no membership in the chosen organisations"
NOT_SELECTED_TEXT = "Not in the country selection: add it with the sidebar filter to see its memberships."
RIVAL_HIDDEN_TEXT = "Rival power hidden: switch on 'Show the rival powers' to see its memberships."
OUTSIDE_STUDY_TEXT = "Outside the study: its memberships are not recorded here."


def read_shapes(path: str | Path | None = None) -> dict:
    """The shipped country shapes (GeoJSON), read once per file version: this module's only I/O."""
    path = Path(path or load.data_dir() / "geo" / "countries.geojson")
    stat = path.stat()
    return _read_shapes(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_shapes(path: str, mtime_ns: int, size: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def as_of(year: int, today: date | None = None) -> pd.Timestamp:
    """The day a year stands for: 31 December, or today for the current year."""
    today_ts = pd.Timestamp(today or date.today()).normalize()
    return min(pd.Timestamp(int(year), 12, 31), today_ts)


def day_words(day: pd.Timestamp, today: date | None = None) -> str:
    """'31 December 2010', or '25 November 2026 (today)'."""
    words = f"{day.day} {day:%B %Y}"
    return words + " (today)" if day == pd.Timestamp(today or date.today()).normalize() else words


held_on = membership.held_on  # the one membership rule, shared with the other pages


def view_countries(countries: pd.DataFrame, chosen: tuple[str, ...], rivals: bool = True) -> tuple[str, ...]:
    """The countries the map shows: Turkey, the chosen partners, then (optionally) the rival powers,
    in the order of countries.csv."""
    rows = countries[(countries["iso3"] == filters.REFERENCE) | countries["iso3"].isin(chosen)
                     | ((countries["group"] == "rival_power") & rivals)]
    first = rows["iso3"] == filters.REFERENCE
    return tuple(rows.loc[first, "iso3"]) + tuple(rows.loc[~first, "iso3"])


def org_rank(organisations: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Each organisation's place in org_order: (its leading power's bloc, its row in organisations.csv)."""
    return {org: (BLOC_ORDER.index(lead) if lead in BLOC_ORDER else len(BLOC_ORDER), i)
            for i, (org, lead) in enumerate(zip(organisations["org_id"], organisations["led_by"]))}


def org_order(organisations: pd.DataFrame, org_ids, rank: dict | None = None) -> list[str]:
    """Organisations grouped by the power that leads them (US, Russian, Chinese, Turkish, Iranian, none),
    in organisations.csv order within a bloc. `rank`: org_rank(organisations), when already at hand."""
    rank = org_rank(organisations) if rank is None else rank
    return sorted(dict.fromkeys(org_ids), key=lambda org: rank.get(org, (99, 99)))


@memo.per_object
def org_labels(organisations: pd.DataFrame) -> dict[str, str]:
    """'OTS · Organization of Turkic States': id and name without its parenthesis, for select boxes."""
    return {org: f"{org} · {name.split(' (')[0]}" for org, name in zip(organisations["org_id"], organisations["name"])}


def shown_orgs(organisations: pd.DataFrame, mode: str, org: str, orgs) -> list[str]:
    """The organisations the matrix and the download cover: the chosen set, plus the map's one
    organisation in that mode, in bloc order."""
    return org_order(organisations, list(orgs) + ([org] if mode == ONE and org else []))


@dataclass(frozen=True)
class Snapshot:
    """Everything the page shows for one day: the countries in view and their spells."""

    year: int
    day: pd.Timestamp
    countries: tuple[str, ...]  # in view, Turkey first
    names: dict[str, str]
    spells: pd.DataFrame  # every spell of those countries begun on or before `day`
    held: pd.DataFrame  # the spells held on `day`
    organisations: pd.DataFrame

    @functools.cached_property
    def org_rank(self) -> dict[str, tuple[int, int]]:
        """org_rank of the organisations, worked out once per snapshot (every hover sorts by it)."""
        return org_rank(self.organisations)

    @functools.cached_property
    def current(self) -> dict[str, dict[str, str]]:
        """iso3 -> organisation -> the role held on the day."""
        out: dict[str, dict[str, str]] = {}
        for iso3, org, role in zip(self.held["iso3"], self.held["org_id"], self.held["role"]):
            out.setdefault(iso3, {})[org] = role
        return dict(sorted(out.items()))  # as groupby gave it: countries in code order

    @functools.cached_property
    def history(self) -> dict[str, dict[str, list[dict]]]:
        """iso3 -> organisation -> its spells begun by the day, oldest first (plain records for the hover)."""
        out: dict[str, dict[str, list[dict]]] = {}
        for spell in self.spells[["iso3", "org_id", "role", "start", "end", "end_first"]].to_dict("records"):
            out.setdefault(spell["iso3"], {}).setdefault(spell["org_id"], []).append(spell)
        return out

    def roles(self, orgs) -> pd.DataFrame:
        """Country x organisation table of roles on the day (None: no role), rows in view order."""
        orgs = list(orgs)
        return pd.DataFrame([[self.current.get(c, {}).get(o) for o in orgs] for c in self.countries],
                            index=pd.Index(self.countries, name="iso3"), columns=pd.Index(orgs, name="org_id"),
                            dtype=object)


def snapshot(bundle: Bundle, f: Filters, year: int, rivals: bool = True, today: date | None = None) -> Snapshot:
    """The memberships of the countries in view as of `year` (see the module's rule)."""
    day = as_of(year, today)
    countries = view_countries(bundle.countries, f.countries, rivals)
    extra = tuple(c for c in countries if c not in f.countries)
    history = Filters.make(f.countries, (f.bounds[0], day.year), (f.bounds[0], max(f.bounds[1], day.year)))
    spells = filters.memberships(bundle.memberships, history, extra=extra)
    spells = spells[spells["start_first"] <= day].sort_values(["iso3", "org_id", "start_first"])
    return Snapshot(int(year), day, countries, bundle.country_names(), spells, held_on(spells, day),
                    bundle.organisations)


def overlap_counts(roles: pd.DataFrame) -> pd.Series:
    """How many of the table's organisations each country belongs to (member, associate or partner)."""
    return roles.isin(BELONGING).sum(axis=1).astype(int)


def combinations(roles: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """UpSet-style counts: each combination of the table's organisations that some country belongs to
    exactly, with its countries; most common first. The empty combination is 'none of these'."""
    orgs = list(roles.columns)
    groups: dict[tuple[str, ...], list[str]] = {}
    for iso3, row in roles.iterrows():
        combo = tuple(org for org in orgs if row[org] in BELONGING)
        groups.setdefault(combo, []).append(iso3)
    table = pd.DataFrame(
        [{"orgs": combo, "label": " + ".join(combo) or NONE_OF_THESE, "count": len(who), "degree": len(combo),
          "iso3": tuple(who), "countries": tuple(names.get(c, c) for c in who)} for combo, who in groups.items()],
        columns=["orgs", "label", "count", "degree", "iso3", "countries"])
    return table.sort_values(["count", "degree", "label"], ascending=[False, False, True], ignore_index=True)


def role_rank(role: str | None) -> int:
    """Strength of a role for sorting: member highest, no role 0."""
    return len(ROLE_ORDER) - ROLE_ORDER.index(role) if role in ROLE_ORDER else 0


def matrix(roles: pd.DataFrame) -> pd.DataFrame:
    """The role table with rows sorted so blocs sit together: by role strength in each column, left to
    right (columns in bloc order), then by the number of memberships."""
    ranks = {iso3: [role_rank(r) for r in row] for iso3, row in zip(roles.index, roles.to_numpy().tolist())}

    def key(iso3: str) -> tuple:
        return tuple(-r for r in ranks[iso3]) + (-sum(ranks[iso3]),)
    return roles.loc[sorted(roles.index, key=key)]


@memo.per_object  # the same for every view of the data: callers only read it
def roles_in(memberships: pd.DataFrame, org: str) -> list[str]:
    """The roles an organisation has ever given in the data, strongest first (the legend's entries)."""
    given = set(memberships.loc[memberships["org_id"] == org, "role"])
    return [r for r in ROLE_ORDER if r in given]


@memo.per_object
def defence_orgs(organisations: pd.DataFrame) -> dict[str, str]:
    """Organisations with a mutual-defence clause -> the treaty article."""
    rows = organisations[organisations["defence_clause"] == "yes"]
    return dict(zip(rows["org_id"], rows["defence_clause_ref"].fillna("treaty article not recorded")))


def double_defence(snap: Snapshot) -> pd.DataFrame:
    """Countries in view that are full members of two or more mutual-defence organisations on the day:
    iso3, country, organisations (tuple) and their treaty articles (tuple)."""
    clauses = defence_orgs(snap.organisations)
    held = snap.held[snap.held["role"].isin(MEMBER_ROLES) & snap.held["org_id"].isin(clauses)]
    rows = []
    for iso3, group in held.groupby("iso3", sort=False):
        orgs = org_order(snap.organisations, group["org_id"], snap.org_rank)
        if len(orgs) >= 2:
            rows.append({"iso3": iso3, "country": snap.names.get(iso3, iso3), "orgs": tuple(orgs),
                         "articles": tuple(clauses[o] for o in orgs)})
    return pd.DataFrame(rows, columns=["iso3", "country", "orgs", "articles"])


def defence_words(defence: dict[str, str]) -> str:
    """'NATO (North Atlantic Treaty, Article 5); CSTO (...)': the mutual-defence organisations in words."""
    return "; ".join(f"{org} ({ref})" for org, ref in defence.items()) or "none in the data"


def clash_words(clashes: pd.DataFrame) -> list[str]:
    """One sentence per country holding two mutual-defence memberships at once, with the articles."""
    return [f"{row.country} is a full member of {len(row.orgs)} mutual-defence organisations at once: "
            + "; ".join(f"{o} ({a})" for o, a in zip(row.orgs, row.articles)) + "."
            for row in clashes.itertuples()]


def source_words(snap: Snapshot, orgs) -> str:
    """The charts' source line: the spells shown come from many official pages, too many for a footer."""
    count = snap.held.loc[snap.held["org_id"].isin(list(orgs)), "source_id"].nunique()
    return (f"memberships.csv, {count} official page{'s' if count != 1 else ''}, treaties and reports "
            "(each row's source is in the CSV download and on the Sources page)")


def date_words(text: str) -> str:
    """A spell date as a reader wants it in a hover: 'May 1992', or '1985' when only the year is known."""
    partial = dates.parse(text)
    return str(partial.year) if partial.month is None else f"{partial.first:%B %Y}"


def membership_line(snap: Snapshot, iso3: str, org: str) -> str | None:
    """'CSTO: member since August 2006 (earlier: member May 1992 to April 1999)', or None without a role."""
    role = snap.current.get(iso3, {}).get(org)
    if role is None:
        return None
    spells = snap.history[iso3][org]
    now = next(s for s in reversed(spells) if s["role"] == role and (pd.isna(s["end"]) or snap.day < s["end_first"]))
    earlier = [f"{ROLE_WORDS[s['role']]} {date_words(s['start'])} to {date_words(s['end'])}"
               for s in spells if pd.notna(s["end"]) and s["end_first"] <= snap.day]
    line = f"{org}: {ROLE_WORDS[role]} since {date_words(now['start'])}"
    return line + (f" (earlier: {'; '.join(earlier)})" if earlier else "")


def left_during_year(snap: Snapshot, iso3: str) -> list[str]:
    """'CSTO (member until April 1999)' for each organisation the country left during the year."""
    start, still = pd.Timestamp(snap.year, 1, 1), snap.current.get(iso3, {})
    return [f"{org} ({ROLE_WORDS[s['role']]} until {date_words(s['end'])})"
            for org in org_order(snap.organisations, snap.history.get(iso3, {}), snap.org_rank) if org not in still
            for s in snap.history[iso3][org] if pd.notna(s["end"]) and start <= s["end_first"] <= snap.day]


def summary_line(snap: Snapshot, iso3: str, mode: str, org: str, orgs) -> str:
    """The hover's line about the map's own question: the role in the one organisation, or the count."""
    held = snap.current.get(iso3, {})
    if mode == ONE:
        return f"{org}: {ROLE_WORDS[held[org]]}" if org in held else f"{org}: no membership"
    belongs = [o for o in orgs if held.get(o) in BELONGING]
    if not belongs:
        return NO_MEMBERSHIP[0].upper() + NO_MEMBERSHIP[1:]
    return f"In {len(belongs)} of the {len(list(orgs))} chosen organisations: {', '.join(belongs)}"


def tooltip(snap: Snapshot, iso3: str, mode: str, org: str, orgs, today: date | None = None) -> str:
    """Plain-text hover for a country in view: the map's question, then every membership it holds on the
    day with role and since-when, then what it left during the year."""
    lines = [f"{snap.names.get(iso3, iso3)}, as of {day_words(snap.day, today)}",
             summary_line(snap, iso3, mode, org, orgs)]
    held = org_order(snap.organisations, snap.current.get(iso3, {}), snap.org_rank)
    lines.append("All its memberships:" if held else "No role in any organisation recorded here.")
    lines += [f"• {membership_line(snap, iso3, o)}" for o in held]
    left = left_during_year(snap, iso3)
    if left:
        lines.append(f"Left during {snap.year}: {'; '.join(left)}")
    return "\n".join(lines)


def map_table(snap: Snapshot, study: pd.DataFrame, mode: str, org: str, orgs,
              today: date | None = None) -> pd.DataFrame:
    """One row per study country (index iso3): name, in_view, role in the one organisation (NO_ROLE
    without one), count of the chosen organisations it belongs to, tooltip and a short map label.
    Out-of-view rows carry an empty role, a zero count and a tooltip saying why; nothing is missing."""
    orgs = list(orgs)
    counts = overlap_counts(snap.roles(orgs))
    rows = []
    for iso3, name, group in zip(study["iso3"], study["name"], study["group"]):
        if iso3 not in snap.countries:
            why = RIVAL_HIDDEN_TEXT if group == "rival_power" else NOT_SELECTED_TEXT
            rows.append({"iso3": iso3, "name": name, "in_view": False, "role": "", "count": 0,
                         "tooltip": f"{name}\n{why}", "label": ""})
            continue
        role = (snap.current.get(iso3, {}).get(org) if org else None) or NO_ROLE
        count = int(counts.get(iso3, 0))
        label = f"{name}\n{ROLE_WORDS.get(role, 'no role')}" if mode == ONE else f"{name}\n{count} of {len(orgs)}"
        rows.append({"iso3": iso3, "name": name, "in_view": True, "role": role, "count": count,
                     "tooltip": tooltip(snap, iso3, mode, org, orgs, today), "label": label})
    columns = ["iso3", "name", "in_view", "role", "count", "tooltip", "label"]
    return pd.DataFrame(rows, columns=columns).astype({"role": object}).set_index("iso3")


def download_rows(snap: Snapshot, orgs, sources: pd.DataFrame) -> pd.DataFrame:
    """The membership rows behind the view: the spells the countries in view hold on the day in the
    shown organisations, with names, the as-of day and the source's citation."""
    held = snap.held[snap.held["org_id"].isin(list(orgs))]
    org_names = dict(zip(snap.organisations["org_id"], snap.organisations["name"]))
    citations = dict(zip(sources["source_id"], sources["citation"]))
    order = {iso3: i for i, iso3 in enumerate(snap.countries)}
    bloc = {o: i for i, o in enumerate(org_order(snap.organisations, held["org_id"], snap.org_rank))}
    table = pd.DataFrame({
        "as_of": snap.day.strftime("%Y-%m-%d"),
        "iso3": held["iso3"], "country": held["iso3"].map(lambda c: snap.names.get(c, c)),
        "org_id": held["org_id"], "organisation": held["org_id"].map(org_names),
        "role": held["role"], "start": held["start"], "end": held["end"],
        "source_id": held["source_id"], "source": held["source_id"].map(citations),
        "note": held["note"], "date_note": held["date_note"],
    })
    keys = table["iso3"].map(order) * 100 + table["org_id"].map(bloc)
    return table.loc[keys.sort_values(kind="stable").index].reset_index(drop=True)


def view_words(snap: Snapshot, f: Filters, today: date | None = None) -> str:
    """The view in words for subtitles: 'Turkey with Kazakhstan, Kyrgyzstan and the rival powers; as of ...'."""
    partners = [snap.names.get(c, c) for c in snap.countries if c in f.countries]
    rivals = [c for c in snap.countries if c != filters.REFERENCE and c not in f.countries]
    who = "Turkey" + (f" with {', '.join(partners)}" if partners else " (no partner selected)")
    if rivals:
        who += " and the rival powers"
    return f"{who}; as of {day_words(snap.day, today)}"
