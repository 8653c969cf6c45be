"""The alliance page's charts: the map (roles in one organisation, or the overlap of several), the roles matrix and
the combinations (set) chart, all as of one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import alliances, pages, theme
from turan.charts import ChartSpec
from turan.describe import alliances as words
from turan.filters import Filters
from turan.load import Bundle

TITLES = {"map": pages.page("alliances").title,  # the map's own title names its organisations
          "matrix": "Roles in each organisation",
          "sets": "Which combinations of the chosen organisations occur"}
NO_ORG = "Choose at least one organisation to compare."
NO_ORGS = "Choose organisations to compare to see which combinations occur."


@dataclass(frozen=True)
class Options:
    """The alliance page's widgets beyond the global filters."""

    year: int | None = None  # None: the sidebar range's last year (memberships as of its end; today for this year)
    mode: str = alliances.ONE
    org: str = alliances.DEFAULT_ORG
    orgs: tuple[str, ...] = alliances.DEFAULT_ORGS
    rivals: bool = True


@dataclass(frozen=True)
class Prepared:
    data: Bundle
    options: Options
    orgs: tuple[str, ...]  # the organisations compared, grouped by the power that leads them
    snap: alliances.Snapshot
    table: pd.DataFrame  # one row per study country: role, count, tooltip, label
    subtitle: str  # who and as of when
    defence: dict


def prepare(data: Bundle, f: Filters, options: Options, today: date) -> Prepared:
    """The memberships as of the chosen year's last day (today for the current year), and the map's table."""
    orgs = tuple(alliances.org_order(data.organisations, options.orgs))
    snap = alliances.snapshot(data, f, options.year or min(f.years[1], today.year), options.rivals, today)
    table = alliances.map_table(snap, data.countries, options.mode, options.org, orgs, today)
    return Prepared(data, options, orgs, snap, table, alliances.view_words(snap, f, today),
                    alliances.defence_orgs(data.organisations))


def legend_items(table: pd.DataFrame, mode: str, roles: list[str], n_orgs: int) -> list[tuple[str, str]]:
    """(label, colour) pairs for the map's legend, with how many countries in view each one covers."""
    shown = table[table["in_view"]]
    if mode == alliances.ONE:
        items = [(f"{alliances.ROLE_WORDS[r]} ({(shown['role'] == r).sum()})", theme.role_colour(r)) for r in roles]
        items.append((f"no role ({(shown['role'] == alliances.NO_ROLE).sum()})", theme.role_colour(alliances.NO_ROLE)))
    else:
        items = [(f"{k} of {n_orgs} ({(shown['count'] == k).sum()})", theme.overlap_colour(k))
                 for k in range(n_orgs + 1)]
    return items + [("not in the country selection", theme.NOT_SELECTED), ("outside the study", theme.OUTSIDE_STUDY)]


def _ids(p: Prepared, orgs) -> tuple[str, ...]:
    held = p.snap.held
    return tuple(sorted(set(held.loc[held["org_id"].isin(list(orgs)), "source_id"])))


def roles_map(p: Prepared) -> ChartSpec:
    """Every country's role in one organisation, or in how many of the chosen ones it is."""
    o = p.options
    one = o.mode == alliances.ONE
    orgs = [o.org] if one else list(p.orgs)
    labels = alliances.org_labels(p.data.organisations)
    title = (f"Roles in {labels[o.org]}" if one
             else f"Memberships in the chosen organisations: {', '.join(p.orgs) or 'none chosen'}")
    roles = alliances.roles_in(p.data.memberships, o.org)
    clashes = alliances.clash_words(alliances.double_defence(p.snap))
    note = " ".join(clashes) + (" " if clashes else "") + \
        f"Mutual-defence clauses: {alliances.defence_words(p.defence)}."
    return ChartSpec(
        "map", title, p.subtitle, alliances.source_words(p.snap, orgs) + "; shapes: Natural Earth",
        (*_ids(p, orgs), "natural_earth"), words.alliance_map(p.table, o.mode, o.org, p.orgs, p.subtitle),
        {"table": p.table, "mode": o.mode, "org": o.org, "orgs": p.orgs, "roles": roles, "clashes": tuple(clashes),
         "positions": p.data.countries, "legend": legend_items(p.table, o.mode, roles, len(p.orgs))},
        export_name=f"alliance-map-{o.org if one else 'overlap'}", words=p.subtitle, note=note)


def matrix(p: Prepared) -> ChartSpec:
    """Countries by organisations, each cell the role held."""
    o = p.options
    shown = alliances.shown_orgs(p.data.organisations, o.mode, o.org, p.orgs)
    if not shown:
        return ChartSpec("matrix", TITLES["matrix"], p.subtitle, "memberships.csv", (),
                         f"{TITLES['matrix']}: no organisation chosen.", empty=NO_ORG, export_name="alliance-roles",
                         words=p.subtitle)
    grid = alliances.matrix(p.snap.roles(shown))
    return ChartSpec(
        "matrix", TITLES["matrix"], p.subtitle, alliances.source_words(p.snap, shown), _ids(p, shown),
        words.roles_matrix(grid, p.snap.names, p.subtitle), {"grid": grid, "names": p.snap.names,
                                                              "defence": p.defence},
        export_name="alliance-roles", words=p.subtitle,
        note=f"{alliances.DEFENCE_MARK} Mutual-defence clause: {alliances.defence_words(p.defence)}.")


def sets(p: Prepared) -> ChartSpec:
    """How many countries belong to exactly each combination of the chosen organisations."""
    orgs = list(p.orgs)
    if not orgs:
        return ChartSpec("sets", TITLES["sets"], p.subtitle, "memberships.csv", (),
                         words.set_overlap(pd.DataFrame(), orgs, p.subtitle), empty=NO_ORGS,
                         export_name="alliance-combinations", words=p.subtitle)
    combos = alliances.combinations(p.snap.roles(orgs), p.snap.names)
    return ChartSpec(
        "sets", TITLES["sets"], p.subtitle, alliances.source_words(p.snap, orgs), _ids(p, orgs),
        words.set_overlap(combos, orgs, p.subtitle),
        {"combos": combos, "orgs": orgs, "defence": p.defence, "colours": theme.org_colours(p.data.organisations)},
        export_name="alliance-combinations", words=p.subtitle)


CHARTS = {"map": roles_map, "matrix": matrix, "sets": sets}
