"""The paper checked: its claims with their verdicts, filtered, counted by section, and the marks they leave on the
paper's own rows (events and aid figures) where the check found a problem."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from turan import memo, schema
from turan.filters import Filters
from turan.sources import source_label

VERDICT_LABELS = {
    "confirmed": "Confirmed",
    "confirmed_with_correction": "Confirmed, with a correction",
    "contradicted": "Contradicted",
    "unverifiable": "Unverifiable",
    "citation_problem": "Citation problem",
    "holds_so_far": "Holds so far",
    "overtaken": "Overtaken",
    "open": "Still open",
}
VERDICT_MEANINGS = {
    "confirmed": "public evidence says the same",
    "confirmed_with_correction": "it stands, but a detail is off",
    "contradicted": "public evidence says otherwise",
    "unverifiable": "no public evidence found beyond the paper's own source",
    "citation_problem": "the footnote does not support it, points elsewhere or is garbled",
    "holds_so_far": "what happened since 2021 bears it out",
    "overtaken": "events since 2021 have overtaken it",
    "open": "not settled by what happened since 2021",
}
SECTION_LABELS = {
    "intro": "Introduction",
    "post_soviet": "After the Soviet collapse",
    "rivalry": "The crowded market",
    "russia": "Rivalry: Russia",
    "usa": "Rivalry: USA",
    "china": "Rivalry: China",
    "iran": "Rivalry: Iran",
    "takm": "TAKM",
    "turan_army": "Can the Turan Army be formed?",
    "cooperation": "Recent cooperation",
    "azerbaijan": "Cooperation: Azerbaijan",
    "kazakhstan": "Cooperation: Kazakhstan",
    "kyrgyzstan": "Cooperation: Kyrgyzstan",
    "uzbekistan": "Cooperation: Uzbekistan",
    "conclusion": "Conclusion",
}
KIND_LABELS = {"fact": "Fact", "figure": "Figure", "date": "Date", "membership": "Membership",
               "citation": "Footnote", "forecast": "Forecast", "judgement": "Judgement"}
# The verdicts that mark a row of the paper's record, worst first: a row several checks mark shows the worst.
PROBLEMS = ("contradicted", "citation_problem", "confirmed_with_correction", "unverifiable")
MARK = "\u2691"  # the flag drawn beside a figure or event whose check found a problem
assert set(VERDICT_LABELS) == set(schema.VERDICTS) and set(SECTION_LABELS) == set(schema.CLAIM_SECTIONS)
assert set(KIND_LABELS) == set(schema.CLAIM_KINDS)

TABLE_COLUMNS = ("Section", "Footnote", "Kind", "Claim", "Verdict", "Evidence", "Note", "Evidence sources", "Link",
                 "Countries", "Claim id")


@dataclass(frozen=True)
class Choice:
    """The page's own filters: verdicts, kinds and sections (empty = all), a text search, and whether claims that
    name none of the selected partner states (about Turkey, the powers or the paper in general) are kept."""

    verdicts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    search: str = ""
    general: bool = True


def select(claims: pd.DataFrame, f: Filters, partners: tuple[str, ...], choice: Choice | None = None) -> pd.DataFrame:
    """The claims of the selection: naming a selected partner (or, with choice.general, naming no partner state at
    all), narrowed by verdict, kind, section and a case-insensitive search of the claim, evidence and note. The year
    range and the record filter do not apply: every claim is about the paper of 2021."""
    choice = choice or Choice()
    chosen, offered = set(f.countries), set(partners)
    keep = pd.Series([bool(set(c) & offered & chosen) or (choice.general and not set(c) & offered)
                      for c in claims["countries"]], index=claims.index, dtype=bool)
    for column, values in (("verdict", choice.verdicts), ("kind", choice.kinds), ("section", choice.sections)):
        if values:
            keep &= claims[column].isin(values)
    words = choice.search.strip().lower()
    if words:
        text = (claims["claim"].fillna("") + " " + claims["evidence"].fillna("") + " " + claims["note"].fillna("")
                + " " + claims["claim_id"]).str.lower()
        keep &= text.str.contains(words, regex=False)
    return claims[keep]


def counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per section and verdict (only the pairs that occur), sections in the paper's order, verdicts in the
    vocabulary's order: columns section, verdict, claims."""
    if claims.empty:
        return pd.DataFrame({"section": pd.Series(dtype="str"), "verdict": pd.Series(dtype="str"),
                             "claims": pd.Series(dtype="int64")})
    out = claims.groupby(["section", "verdict"]).size().rename("claims").reset_index()
    out["s"] = out["section"].map(schema.CLAIM_SECTIONS.index)
    out["v"] = out["verdict"].map(schema.VERDICTS.index)
    return out.sort_values(["s", "v"]).drop(columns=["s", "v"]).reset_index(drop=True)


def tally(claims: pd.DataFrame, column: str) -> dict[str, int]:
    """Claims per value of a column (verdict or kind), in the vocabulary's order, values that occur only."""
    order = {"verdict": schema.VERDICTS, "kind": schema.CLAIM_KINDS, "section": schema.CLAIM_SECTIONS}[column]
    found = claims[column].value_counts()
    return {v: int(found[v]) for v in order if v in found.index}


@dataclass(frozen=True)
class Mark:
    """What the checks found of one row of the paper's record: the worst verdict and every check's words."""

    verdict: str
    text: str  # 'Checked: Contradicted. ...' (one sentence per check), for a hover or a tooltip


def _finding(row) -> str:
    said = row["note"] if isinstance(row["note"], str) and row["note"] else row["evidence"]
    said = said if isinstance(said, str) else ""
    return f"{VERDICT_LABELS[row['verdict']]}: {said}".strip()


@memo.per_object  # the same for every selection: computed once per claims table
def marks(claims: pd.DataFrame, column: str) -> dict[str, Mark]:
    """Row id (of events.csv for column 'paper_events', aid.csv for 'paper_aid') -> the mark of the checks that
    found a problem with it. Rows whose checks all confirm it carry no mark."""
    found: dict[str, list[tuple[int, str]]] = {}
    for row in claims[claims["verdict"].isin(PROBLEMS)].to_dict("records"):
        for item in row[column]:
            found.setdefault(item, []).append((PROBLEMS.index(row["verdict"]), _finding(row)))
    return {item: Mark(PROBLEMS[min(rank for rank, _ in checks)],
                       "Checked: " + " · ".join(dict.fromkeys(text for _, text in sorted(checks))))
            for item, checks in found.items()}


def table(claims: pd.DataFrame, sources: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The claims as the page lists them and the CSV gives them: words for codes, every source by its short label,
    and the first source's link."""
    urls = dict(zip(sources["source_id"], sources["url"]))

    def first_link(ids: tuple[str, ...]) -> str | None:
        public = [urls.get(i) for i in ids if isinstance(urls.get(i), str) and not i.startswith("biro2021")]
        return (public or [u for u in (urls.get(i) for i in ids) if isinstance(u, str)] or [None])[0]

    rows = claims.assign(ids=claims["source_id"].map(lambda s: tuple(s)))
    return pd.DataFrame({
        "Section": rows["section"].map(SECTION_LABELS),
        "Footnote": rows["paper_footnote"],
        "Kind": rows["kind"].map(KIND_LABELS),
        "Claim": rows["claim"],
        "Verdict": rows["verdict"].map(VERDICT_LABELS),
        "Evidence": rows["evidence"],
        "Note": rows["note"],
        "Evidence sources": rows["ids"].map(lambda ids: "; ".join(source_label(sources, i) for i in ids)),
        "Link": rows["ids"].map(first_link),
        "Countries": rows["countries"].map(lambda c: ", ".join(names.get(i, i) for i in c)),
        "Claim id": rows["claim_id"],
    }, columns=list(TABLE_COLUMNS)).reset_index(drop=True)


def outlook(claims: pd.DataFrame) -> pd.DataFrame:
    """The paper's forecasts and judgements, its conclusion's first, then the others in the paper's order."""
    rows = claims[claims["kind"].isin(schema.OUTLOOK_KINDS)]
    order = rows["section"].map(lambda s: -1 if s == "conclusion" else schema.CLAIM_SECTIONS.index(s))
    return rows.assign(_o=order).sort_values(["_o"], kind="stable").drop(columns="_o").reset_index(drop=True)


def later_events(events: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """The events of `ids`, oldest first (undated last): found once per events table and ids (callers only read)."""
    return memo.derived(events, "claims.later_events", (tuple(ids),), lambda: (
        events[events["event_id"].isin(ids)].sort_values("date_first", na_position="last")), keep=1024)


def source_ids(claims: pd.DataFrame) -> tuple[str, ...]:
    """Every source the claims cite, sorted."""
    return tuple(sorted({i for ids in claims["source_id"] for i in ids}))
