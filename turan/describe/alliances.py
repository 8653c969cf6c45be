"""The alliance map, its roles matrix and the set chart in words."""

from __future__ import annotations

import pandas as pd

from turan import alliances
from turan.describe.words import count, most_least, sentences, words


def _out_of_view(table: pd.DataFrame) -> str | None:
    """'Shown in grey, not in the country selection: ...; rival powers hidden: ...'."""
    hidden = table[~table["in_view"]]
    if hidden.empty:
        return None
    rivals = hidden["tooltip"].str.contains(alliances.RIVAL_HIDDEN_TEXT, regex=False)
    parts = []
    if (~rivals).any():
        parts.append(f"not in the country selection: {words(hidden.loc[~rivals, 'name'])}")
    if rivals.any():
        parts.append(f"rival powers hidden: {words(hidden.loc[rivals, 'name'])}")
    return "shown in grey, " + "; ".join(parts)


def alliance_map(table: pd.DataFrame, mode: str, org: str, orgs, subtitle: str) -> str:
    """The map (alliances.map_table): roles in one organisation, or how many of the chosen ones each holds."""
    shown = table[table["in_view"]]
    orgs = list(orgs)
    if mode == alliances.ONE:
        first = f"Map of {org} roles, {subtitle}"
        groups = []
        for role in (*alliances.ROLE_ORDER, alliances.NO_ROLE):
            who = shown.loc[shown["role"] == role, "name"].tolist()
            if who:
                groups.append(f"{alliances.ROLE_WORDS.get(role, 'no role')}: {words(who)}")
        second = "; ".join(groups) if groups else "no country in view"
    else:
        if not orgs:
            first = f"Map of memberships, {subtitle}: no organisation chosen, so every country shows 0"
            second = None
        else:
            first = (f"Map of how many of the {count(len(orgs), 'chosen organisation')} ({words(orgs)}) each country "
                     f"belongs to as member, associate or partner, {subtitle}")
            values = dict(zip(shown["name"], shown["count"]))
            share = lambda n: f"{int(n)} of {len(orgs)}"  # noqa: E731
            if len(values) == 1:
                name, n = next(iter(values.items()))
                second = f"{name} belongs to {share(n)}"
            else:
                second = most_least(values, share, "most", "fewest") or "no country in view"
    return sentences(first, second, _out_of_view(table))


def roles_matrix(matrix: pd.DataFrame, names: dict[str, str], subtitle: str) -> str:
    """The roles matrix (alliances.matrix of Snapshot.roles): who holds most full roles, the largest
    organisation, and the empty cells."""
    orgs = list(matrix.columns)
    what = f"Roles of {count(len(matrix), 'country', 'countries')} in {words(orgs) or 'no organisation'}, {subtitle}"
    if matrix.empty or not orgs:
        return sentences(what)
    full = matrix.isin(alliances.BELONGING)
    per_country = {names.get(c, c): int(full.loc[c].sum()) for c in matrix.index}
    per_org = {o: int(full[o].sum()) for o in orgs}
    share = lambda n: f"{int(n)} of {len(orgs)}"  # noqa: E731
    second = []
    if len(per_country) > 1:
        second.append("full roles (member, associate or partner) per country, " +
                      most_least(per_country, share, "most", "fewest"))
    if len(per_org) > 1:
        second.append("per organisation, " + most_least(per_org, lambda n: count(int(n), "country", "countries"),
                                                        "most", "fewest"))
    if len(per_country) == 1 and len(per_org) == 1:
        (name, n), = per_country.items()
        role = matrix.iloc[0, 0]
        second.append(f"{name} is {alliances.ROLE_WORDS.get(role, 'without a role') if role else 'without a role'}")
    empty_cells = int(matrix.isna().sum().sum())
    nobody = [o for o in orgs if matrix[o].isna().all()]
    third = [f"{empty_cells} of the {matrix.size} cells are empty (no role)"] if empty_cells else \
        ["every cell holds a role"]
    if nobody:
        third.append(f"no country in view holds any role in {words(nobody)}")
    return sentences(what, "; ".join(second) if second else None, "; ".join(third))


def set_overlap(combos: pd.DataFrame, orgs, subtitle: str) -> str:
    """The UpSet-style chart (alliances.combinations): the most common combinations and who belongs to none."""
    orgs = list(orgs)
    if not orgs:
        return sentences(f"Combinations of organisations, {subtitle}: no organisation chosen")
    total = int(combos["count"].sum()) if len(combos) else 0
    what = (f"Which combinations of {words(orgs)} occur, {subtitle}: "
            f"{count(len(combos), 'combination')} among {count(total, 'country', 'countries')}")
    if combos.empty:
        return sentences(what)
    who = lambda r: f"{r['label']} ({words(r['countries'])})"  # noqa: E731
    real = combos[combos["label"] != alliances.NONE_OF_THESE]
    if len(combos) == 1:
        row = combos.iloc[0]
        second = (f"all {count(total, 'country', 'countries')} share one: {row['label']}" if total > 1 else
                  f"the only country, {row['countries'][0]}, holds {row['label']}")
    elif not real.empty:
        top = real["count"].max()
        high = real[real["count"] == top]
        if len(high) == 1:
            second = f"the most common is {who(high.iloc[0])}, with {count(int(top), 'country', 'countries')}"
        else:
            second = (f"the most common, with {count(int(top), 'country', 'countries')} each, are "
                      f"{words(who(r) for _, r in high.iterrows())}")
        singles = int((real["count"] == 1).sum())
        if singles and top > 1:
            second += f"; {count(singles, 'combination')} {'holds' if singles == 1 else 'hold'} a single country"
    else:
        second = None
    none = combos[combos["label"] == alliances.NONE_OF_THESE]
    if none.empty:
        third = "every country in view belongs to at least one of them"
    else:
        names = list(none.iloc[0]["countries"])
        third = f"{words(names)} {'belongs' if len(names) == 1 else 'belong'} to none of these"
    return sentences(what, second, third)
