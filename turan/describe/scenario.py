"""The scenario matrix in words."""

from __future__ import annotations

import pandas as pd

from turan.describe.words import count, most_least, sentences, words


def matrix(table: pd.DataFrame, grid: pd.DataFrame, summary, view: str) -> str:
    """The scenario page's matrix (scenario.matrix of scenario.factors, with scenario.summarise): how many
    obstacles and enablers, what each candidate would have to do to join, who has most factors, empty rows."""
    from turan import scenario  # scenario imports query and alliances, not this module: no cycle

    what = f"Obstacles and enablers of a Turan Army, {view}"
    if grid.empty or summary is None:
        return sentences(f"{what}: no candidate chosen")
    effects = table["effect"].value_counts() if len(table) else pd.Series(dtype=int)
    first = (f"{what}: {count(len(grid), 'state')} by {count(grid.shape[1], 'factor')}, with "
             f"{count(int(effects.get(scenario.OBSTACLE, 0)), 'obstacle')} and "
             f"{count(int(effects.get(scenario.ENABLER, 0)), 'enabler')} in the data")
    groups = []
    for status, status_words in scenario.STATUS_WORDS.items():
        who = [s.country for s in summary.group(status)]
        if who:
            groups.append(f"{words(who)}: {status_words}")
    per = dict(zip(grid.index, (grid.to_numpy() != "").sum(axis=1).tolist()))
    third = []
    if len(per) > 1:
        third.append("factors present per state, " + most_least(per, lambda n: count(int(n), "factor"),
                                                                 "most", "fewest"))
    empty = [name for name, n in per.items() if n == 0]
    if empty:
        third.append(f"no factor in the data for {words(empty)}")
    return sentences(first, "; ".join(groups) if groups else None, "; ".join(third) if third else None)
