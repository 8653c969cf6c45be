"""The paper-checked charts in words."""

from __future__ import annotations

import pandas as pd

from turan import claims
from turan.describe.words import count, sentences


def _tally(frame: pd.DataFrame, column: str, labels: dict[str, str]) -> str:
    return ", ".join(f"{labels[v].lower()} {n}" for v, n in claims.tally(frame, column).items())


def verdicts(counts: pd.DataFrame, chosen: pd.DataFrame, selection: str) -> str:
    """How many claims, their verdicts, and the sections with the most problems."""
    what = f"The paper's claims checked against public evidence, {selection}"
    if chosen.empty:
        return sentences(f"{what}: no claim matches")
    problems = chosen[chosen["verdict"].isin(claims.PROBLEMS[:3])]
    worst = problems["section"].value_counts()
    parts = [f"{what}: {count(len(chosen), 'claim')}", f"verdicts: {_tally(chosen, 'verdict', claims.VERDICT_LABELS)}"]
    if len(worst):
        top = [f"{claims.SECTION_LABELS[s]} ({n})" for s, n in worst.head(3).items()]
        parts.append("the sections with the most contradictions, corrections and citation problems: " + ", ".join(top))
    return sentences(*parts)


def outlook(rows: pd.DataFrame, selection: str) -> str:
    """Each forecast or judgement with its verdict."""
    what = f"The paper's forecasts and judgements against what happened since 2021, {selection}"
    if rows.empty:
        return sentences(f"{what}: none matches")
    lines = [f"{row['claim']} ({claims.VERDICT_LABELS[row['verdict']].lower()})" for _, row in rows.iterrows()]
    return sentences(f"{what}: {_tally(rows, 'verdict', claims.VERDICT_LABELS)}", *lines)
