"""The one membership rule: which spells of memberships.csv are held on a day. Every page reads memberships
through it (the map, the reach panels, the scenario and the overview's counts)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def held_on(spells: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The membership spells held on `day`: begun (start <= day) and not yet ended (no end, or day < end).

    `end` is the day the status changed, so on a hand-over day the new spell wins; a date known only to
    the month or year counts from its first day. Every page reads memberships through this one rule.
    """
    return spells[held_mask(spells["start_first"], spells["end_first"], day)]


def held_mask(start, end, day: pd.Timestamp):
    """held_on's rule on the spells' first possible start and end days (Series or numpy datetime64 arrays, for
    callers that test many days): begun by `day` and not ended on or before it."""
    if isinstance(start, np.ndarray):
        day = day.to_datetime64()
    return (start <= day) & (pd.isna(end) | (day < end))


def holds(start, end, day: pd.Timestamp) -> bool:
    """held_on's rule for one spell: its first possible start and end day (Timestamps, NaT for no end)."""
    return bool(start <= day) and (pd.isna(end) or day < end)


def members_as_of(memberships: pd.DataFrame, org_id: str, day: pd.Timestamp,
                  role: str = "member") -> list[str]:
    """ISO3 codes holding `role` in `org_id` on `day` (see held_on for the rule)."""
    spells = memberships[(memberships["org_id"] == org_id) & (memberships["role"] == role)]
    return sorted(held_on(spells, day)["iso3"].unique())
