"""Words shared by every description: lists, counts, plurals, sentences, extremes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

KIND_WORDS = {  # event kind -> (one, several), as read in a sentence
    "agreement": ("agreement", "agreements"), "protocol": ("protocol", "protocols"), "visit": ("visit", "visits"),
    "exercise": ("exercise", "exercises"), "organisation": ("organisation event", "organisation events"),
    "industry": ("defence-industry deal", "defence-industry deals"), "summit": ("summit", "summits"),
    "deployment": ("deployment", "deployments"), "conflict": ("conflict", "conflicts"),
    "other": ("other event", "other events"),
}



def words(items: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C' ('' for none)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def count(n: int, one: str, several: str | None = None) -> str:
    """'1 figure', '3 figures'."""
    return f"{n} {one if n == 1 else (several or one + 's')}"


def kind_count(n: int, kind: str) -> str:
    """'1 agreement', '2 organisation events'."""
    one, several = KIND_WORDS.get(kind, (kind, kind + "s"))
    return count(n, one, several)


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def sentences(*sentences: str | None) -> str:
    return " ".join(sentence(s) for s in sentences if s)


def extremes(values: dict[str, float]) -> tuple[list[str], float, list[str], float]:
    """(names with the highest value, highest, names with the lowest, lowest); missing values ignored."""
    known = {k: float(v) for k, v in values.items() if v is not None and not pd.isna(v)}
    if not known:
        return [], float("nan"), [], float("nan")
    top, bottom = max(known.values()), min(known.values())
    return ([k for k, v in known.items() if v == top], top, [k for k, v in known.items() if v == bottom], bottom)


def most_least(values: dict[str, float], fmt: Callable[[float], str], most: str, least: str) -> str:
    """'largest: A, $2M; smallest: B and C, $1M each', or 'A and B both have $1M' on a full tie.
    Callers handle a single entry themselves."""
    high, top, low, bottom = extremes(values)
    if not high:
        return ""
    each = lambda names: " each" if len(names) > 1 else ""  # noqa: E731
    if top == bottom:
        return f"{words(high)} {'both have' if len(high) == 2 else 'all have'} {fmt(top)}"
    return f"{most}: {words(high)}, {fmt(top)}{each(high)}; {least}: {words(low)}, {fmt(bottom)}{each(low)}"
