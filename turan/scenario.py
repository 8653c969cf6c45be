"""The Turan Army scenario: for each candidate and year, what stands in the way of joining a Turkey-led
alliance and what helps, read from sourced data only; the coalition summary; "what if" departures.

Pure pandas, no Streamlit, no I/O. The rules (also in data/README.md):

* A year means its last day, 31 December, or today for the current year (``alliances.as_of``); memberships,
  rules (obligations.csv) and bases are "held" on that day by the one rule of ``membership.held_on``.
* Obstacles: full membership of an organisation whose treaty has a rule in obligations.csv (a ban on other
  alliances, a mutual-defence clause, a ban on conflicting engagements), each with its article; a state's own
  neutrality, no-bloc, no-base or non-aligned rule; a military base or facility run by a power other than
  Turkey; membership, associate membership or observer status in another organisation led by a rival power
  (CIS, EAEU, SCO) that Turkey is not a member of.
* Enablers: a role in an organisation Turkey leads (OTS, TAKM); NATO Partnership for Peace partnership, which
  the paper ties to NATO interoperability; a defence pact with Turkey; a Turkish facility hosted; agreements
  and protocols, exercises, visits and defence-industry deals with Turkey dated up to the day (undated ones
  counted apart); Turkish military aid dated up to the year, summed by ``turan.aid``'s rule (a figure inside
  a total that is also counted is not added) with undated figures reported apart.
* Coalition: a candidate in an alliance that bars other alliances would have to leave it (and the power that
  leads it loses a member); a NATO member can only join something compatible with the North Atlantic Treaty;
  a state with a declared neutrality or no-bloc policy would have to set it aside; any other candidate could
  join without leaving an alliance. "What if" departures end the candidate's spell on the chosen day and
  recompute everything from the same data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import aid as aid_rules
from turan import alliances, arms, filters, membership, memo, rivalry
from turan.filters import FIRST_YEAR, Filters
from turan.formatting import format_usd
from turan.load import Bundle
from turan.sources import cite_short
from turan.text import md_escape

LEADER = filters.REFERENCE
OBSTACLE, ENABLER = "obstacle", "enabler"
FACTORS = {  # key -> (effect, label in the matrix and the download), in matrix order
    "alliance_ban": (OBSTACLE, "Bars other alliances"),
    "mutual_defence": (OBSTACLE, "Mutual-defence clause"),
    "treaty_limit": (OBSTACLE, "Treaty conflict clause"),
    "policy": (OBSTACLE, "Neutral or no-bloc policy"),
    "rival_ally": (OBSTACLE, "Allied with a rival power"),
    "rival_treaty": (OBSTACLE, "No alliance against a rival"),
    "foreign_bases": (OBSTACLE, "Foreign bases hosted"),
    "rival_arms": (OBSTACLE, "Arms mostly from a rival"),
    "rival_orgs": (OBSTACLE, "Other rival-led bodies"),
    "turkic_orgs": (ENABLER, "OTS / TAKM"),
    "pfp": (ENABLER, "NATO PfP partner"),
    "pact": (ENABLER, "Defence pact with Turkey"),
    "turkish_facility": (ENABLER, "Turkish facility hosted"),
    "agreements": (ENABLER, "Agreements, protocols"),
    "exercises": (ENABLER, "Joint exercises"),
    "visits": (ENABLER, "Visits"),
    "industry": (ENABLER, "Industry deals"),
    "aid": (ENABLER, "Turkish military aid"),
    "turkish_arms": (ENABLER, "Turkish arms delivered"),
}
ORG_RULE_FACTORS = {"no_rival_alliance": "alliance_ban", "mutual_defence": "mutual_defence",
                    "no_conflicting_engagement": "treaty_limit"}
POLICY_WORDS = {"neutrality": "neutrality", "no_blocs": "no blocs", "no_foreign_bases": "no foreign bases",
                "non_aligned": "non-aligned"}
TIE_KINDS = {"agreements": ("agreement", "protocol"), "exercises": ("exercise",), "visits": ("visit",),
             "industry": ("industry",)}
TIE_WORDS = {"agreements": "agreements and protocols", "exercises": "joint exercises", "visits": "visits",
             "industry": "defence-industry deals"}
NO_ARTICLE = ("NATO",)  # acronyms read as words take no article: "leaves NATO", "leaves the CSTO"
DEPENDENCE_ROLES = ("member", "frozen_member", "associate", "observer")  # dialogue partners are not counted
INTEROPERABILITY_POINT = "takm_interoperability"  # assessment.csv: the paper on PfP and NATO standards
CORE_TOPIC = "core"
FREE, POLICY, LIMITED, MUST_LEAVE = "free", "policy", "limited", "must_leave"
STATUS_WORDS = {
    FREE: "could join without leaving an alliance or setting aside a declared policy",
    POLICY: "could join without leaving an alliance, but would set aside a declared neutrality or no-bloc policy",
    LIMITED: "could join only in a form compatible with NATO (North Atlantic Treaty, Article 8)",
    MUST_LEAVE: "would have to leave an alliance first",
}
FACTOR_COLUMNS = ["iso3", "country", "effect", "factor", "label", "short", "detail", "org_id", "power",
                  "article", "since", "source_ids", "sources"]


@dataclass(frozen=True)
class Departure:
    """A 'what if' switch: a country leaves an organisation on the chosen day."""

    iso3: str
    org_id: str

    @property
    def key(self) -> str:
        """Widget value: 'KAZ:CSTO'."""
        return f"{self.iso3}:{self.org_id}"

    @classmethod
    def parse(cls, key: str) -> "Departure":
        iso3, org_id = key.split(":", 1)
        return cls(iso3, org_id)


# --- Inputs --------------------------------------------------------------------------------------------

def paper_core(assessment: pd.DataFrame) -> tuple[str, ...]:
    """The candidates the paper names as the likely core around Turkey (assessment.csv, topic 'core')."""
    rows = assessment[assessment["topic"] == CORE_TOPIC]
    return tuple(c for parties in rows["countries"] for c in parties if c != LEADER)


def default_candidates(assessment: pd.DataFrame, options) -> list[str]:
    """The paper's core, as far as the options offer it."""
    return [c for c in paper_core(assessment) if c in options]


def depart(memberships: pd.DataFrame, departures, day: pd.Timestamp) -> pd.DataFrame:
    """A copy of the spells in which each departing country's spell held on `day` ends that day."""
    out = memberships.copy()
    for d in departures:
        spells = out[(out["iso3"] == d.iso3) & (out["org_id"] == d.org_id)]
        for index in membership.held_on(spells, day).index:
            out.loc[index, ["end", "end_label"]] = [day.strftime("%Y-%m-%d"), f"{day.day} {day:%B %Y}"]
            out.loc[index, ["end_first", "end_last"]] = [day, day]
    return out


# --- Factors -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    bundle: Bundle
    year: int
    day: pd.Timestamp
    names: dict[str, str]
    orgs: dict[str, dict]  # org_id -> its organisations.csv row
    turkey_orgs: frozenset[str]
    rivals: frozenset[str]
    by_country: dict[str, dict[str, list]]  # table -> iso3 (org_id for 'org_rules') -> its rows, as named tuples

    def rows(self, table: str, iso3: str) -> list:
        """The rows of a grouped table ('held', 'rules', 'bases', 'events', 'aid') that concern iso3, or the rules of
        an organisation ('org_rules', keyed by org_id): named tuples with the table's columns."""
        return self.by_country[table].get(iso3, [])


def _group(rows, column: str) -> dict[str, list]:
    """Rows (named tuples, or a frame's rows) per value of a column, in their order."""
    out: dict[str, list] = {}
    for row in (rows.itertuples(index=False) if isinstance(rows, pd.DataFrame) else rows):
        key = getattr(row, column)
        if isinstance(key, str):
            out.setdefault(key, []).append(row)
    return out


def _events_by_partner(events: pd.DataFrame) -> dict[str, list]:
    """The events Turkey takes part in, per other party (an event with several partners is in each one's list)."""
    out: dict[str, list] = {}
    for event in events.itertuples(index=False):
        if LEADER in event.parties:
            for party in dict.fromkeys(event.parties):
                out.setdefault(party, []).append(event)
    return out


@memo.per_object
def _static(bundle: Bundle) -> dict:
    """What the context takes from the data alone, whatever the year: built once per data version."""
    countries = bundle.countries
    return {"names": bundle.country_names(),
            "orgs": {row["org_id"]: row for row in bundle.organisations.to_dict("records")},
            "rivals": frozenset(countries.loc[countries["group"] == "rival_power", "iso3"]),
            "events": _events_by_partner(bundle.events),
            "aid": _group(bundle.aid, "recipient_iso3"),
            "memberships": list(bundle.memberships.itertuples(index=False)),
            "obligations": list(bundle.obligations.itertuples(index=False)),
            "bases": list(bundle.bases.itertuples(index=False)),
            "arms": _arms_by_recipient(bundle.arms_transfers)}


CONTEXTS_KEPT = 64  # contexts (a year, departures and today) kept per data version, the least recently used dropped


def _context(bundle: Bundle, year: int, departures, today: date | None) -> _Context:
    departures = tuple(departures)
    return memo.derived(bundle, "scenario.context", (int(year), departures, today),
                        lambda: _new_context(bundle, int(year), departures, today), keep=CONTEXTS_KEPT)


def _new_context(bundle: Bundle, year: int, departures: tuple, today: date | None) -> _Context:
    day = alliances.as_of(year, today)
    static = _static(bundle)
    if departures:  # spells ended by the "what if": read from the changed table
        held = membership.held_on(depart(bundle.memberships, departures, day), day)
        held_rows = list(held.itertuples(index=False))
    else:
        held_rows = [s for s in static["memberships"] if membership.holds(s.start_first, s.end_first, day)]
    rules = [r for r in static["obligations"] if membership.holds(r.start_first, r.end_first, day)]
    bases = [b for b in static["bases"] if membership.holds(b.opened_first, b.closed_first, day)]
    return _Context(
        bundle, int(year), day, static["names"], static["orgs"],
        frozenset(s.org_id for s in held_rows if s.iso3 == LEADER and s.role == "member"), static["rivals"],
        {"held": _group(held_rows, "iso3"), "rules": _group(rules, "iso3"), "bases": _group(bases, "host_iso3"),
         "org_rules": _group(rules, "org_id"), "events": static["events"], "aid": static["aid"]})


def _row(ctx: _Context, iso3: str, factor: str, short: str, detail: str, source_ids, org_id=None, article=None,
         power=None, since=None) -> dict:
    ids = tuple(dict.fromkeys(s for s in source_ids if isinstance(s, str)))
    effect, label = FACTORS[factor]
    return {"iso3": iso3, "country": ctx.names.get(iso3, iso3), "effect": effect, "factor": factor, "label": label,
            "short": short, "detail": detail, "org_id": org_id, "power": power, "article": article, "since": since,
            "source_ids": ids, "sources": cite_short(ctx.bundle.sources, ids)}


def _membership_rows(ctx: _Context, iso3: str) -> list[dict]:
    rows = []
    interop = ctx.bundle.assessment.loc[ctx.bundle.assessment["point_id"] == INTEROPERABILITY_POINT, "source_id"]
    rule_order = list(ORG_RULE_FACTORS)
    for spell in ctx.rows("held", iso3):
        org = ctx.orgs[spell.org_id]
        lead = org["led_by"] if isinstance(org["led_by"], str) else None
        held = f"{alliances.ROLE_WORDS[spell.role]} since {alliances.date_words(spell.start)}"
        rules = ctx.rows("org_rules", spell.org_id)
        if spell.role in alliances.MEMBER_ROLES and rules:
            for rule in sorted(rules, key=lambda r: rule_order.index(r.kind)):  # stable: the file's order in a kind
                factor = ORG_RULE_FACTORS[rule.kind]
                detail = (f"{spell.org_id} (led by {power_name(ctx.names, lead)}), {held}. {rule.instrument}: "
                          f"{rule.summary}")
                rows.append(_row(ctx, iso3, factor, spell.org_id, detail, (spell.source_id, rule.source_id),
                                 spell.org_id, rule.instrument, lead))
        elif lead == LEADER:
            rows.append(_row(ctx, iso3, "turkic_orgs", spell.org_id,
                             f"{spell.org_id} ({org['name'].split(' (')[0]}), {held}.", (spell.source_id,),
                             spell.org_id))
        elif org["kind"] == rivalry.PROGRAMME_KIND and spell.role == "partner":
            rows.append(_row(ctx, iso3, "pfp", spell.org_id,
                             f"{org['name']} partner since {alliances.date_words(spell.start)}: Turkey, as a NATO "
                             "member, can apply NATO interoperability standards with it (the paper's point).",
                             (spell.source_id, *interop), spell.org_id))
        elif (lead in ctx.rivals and org["kind"] not in ("military_alliance", rivalry.PROGRAMME_KIND)
              and spell.org_id not in ctx.turkey_orgs and spell.role in DEPENDENCE_ROLES):
            rows.append(_row(ctx, iso3, "rival_orgs", spell.org_id,
                             f"{spell.org_id} ({org['name'].split(' (')[0]}, led by {power_name(ctx.names, lead)}), "
                             f"{held}; Turkey is not a member.", (spell.source_id,), spell.org_id, power=lead))
    return rows


def _state_rule_rows(ctx: _Context, iso3: str) -> list[dict]:
    rows = []
    for rule in ctx.rows("rules", iso3):
        when = rule.start_label.replace(" (month unknown)", "")
        if rule.kind in POLICY_WORDS:
            rows.append(_row(ctx, iso3, "policy", POLICY_WORDS[rule.kind],
                             f"{rule.instrument}, since {when}: {rule.summary}", (rule.source_id,),
                             article=rule.instrument, since=str(rule.start_first.year)))
        elif rule.kind == "allied_declaration" and rule.partner_iso3 in ctx.rivals:
            rows.append(_row(ctx, iso3, "rival_ally", ctx.names.get(rule.partner_iso3, rule.partner_iso3),
                             f"{rule.instrument}, since {when}: {rule.summary}", (rule.source_id,),
                             article=rule.instrument, power=rule.partner_iso3, since=str(rule.start_first.year)))
        elif rule.kind == "no_hostile_alliance" and rule.partner_iso3 in ctx.rivals:
            rows.append(_row(ctx, iso3, "rival_treaty", ctx.names.get(rule.partner_iso3, rule.partner_iso3),
                             f"{rule.instrument}, since {when}: {rule.summary}", (rule.source_id,),
                             article=rule.instrument, power=rule.partner_iso3, since=str(rule.start_first.year)))
        elif rule.kind == "bilateral_defence_pact" and rule.partner_iso3 == LEADER:
            rows.append(_row(ctx, iso3, "pact", str(rule.start_first.year),
                             f"{rule.instrument}, since {when}: {rule.summary}", (rule.source_id,),
                             article=rule.instrument))
    return rows


def _base_rows(ctx: _Context, iso3: str) -> list[dict]:
    rows = []
    for base in ctx.rows("bases", iso3):
        operator = ctx.names.get(base.operator_iso3, base.operator_iso3)
        detail = f"{base.name}: {base.kind.replace('_', ' ')} run by {operator} since {base.opened_label}."
        factor = "turkish_facility" if base.operator_iso3 == LEADER else "foreign_bases"
        rows.append(_row(ctx, iso3, factor, base.operator_iso3, detail, (base.source_id,), power=base.operator_iso3))
    return rows


def _window(iso3: str, year: int) -> Filters:
    """The shared filter for one country from 1991 to the year; the bounds go past it, so no undated row."""
    return Filters.make((iso3,), (FIRST_YEAR, year), (FIRST_YEAR, year + 1))


def _tie_rows(ctx: _Context, iso3: str) -> list[dict]:
    events = ctx.rows("events", iso3)  # the events of Turkey and iso3 together
    window = _window(iso3, ctx.year)
    dated = [e for e in events if filters.meets(e.date_first, e.date_last, window) and e.date_first <= ctx.day]
    undated = [e for e in events if pd.isna(e.date_first)]
    rows = []
    for factor, kinds in TIE_KINDS.items():
        part, loose = [e for e in dated if e.kind in kinds], [e for e in undated if e.kind in kinds]
        if not part and not loose:
            continue
        detail = f"{TIE_WORDS[factor].capitalize()} with Turkey dated up to {ctx.year}: {len(part)}"
        detail += f"; undated: {len(loose)}." if len(loose) else "."
        if part:
            latest = sorted(part, key=lambda e: e.date_first)[-2:]  # sorted() is stable, as the order of ties
            detail += " Latest: " + "; ".join(f"{e.title}, {e.date_label}" for e in latest) + "."
        short = ", ".join(([str(len(part))] if len(part) else []) + ([f"{len(loose)} undated"] if len(loose) else []))
        rows.append(_row(ctx, iso3, factor, short, detail, [e.source_id for e in part + loose]))
    return rows


def _aid_row(ctx: _Context, iso3: str) -> list[dict]:
    figures = ctx.rows("aid", iso3)
    window = _window(iso3, ctx.year)
    dated = tuple(a.aid_id for a in figures if filters.aid_meets(a, window))
    undated = tuple(a.aid_id for a in figures
                    if pd.isna(a.date_first) and pd.isna(a.period_start_first) and pd.isna(a.period_end_first))
    if not dated and not undated:
        return []
    # The sums change only when the figures up to the year do: computed once per set of figures, not per year.
    found = memo.derived(ctx.bundle, "scenario.aid_sums", (iso3, dated, undated),
                         lambda: _aid_sums(ctx.bundle, iso3, dated, undated), keep=MEMBER_ROWS_KEPT)
    low, high, parts, in_year, unknown, loose, loose_usd, source_ids = found
    total = aid_rules.range_words(low, high)
    detail = (f"Recorded up to {ctx.year}: {total} in {in_year} figure(s)"
              + (f" ({'; '.join(parts)})" if parts else "") + ", summed without counting any figure twice"
              + (": a range, as the paper leaves open whether some figures sit inside a total also counted"
                 if round(high - low) else "") + ".")
    if unknown:
        detail += f" {unknown} figure(s) with no amount."
    if loose:
        detail += f" Undated, so not placed in any year: {format_usd(loose_usd)} in {loose} figure(s)."
    loose_words = f"{format_usd(loose_usd)} undated" if loose else ""
    short = ", ".join(w for w in (total if in_year else "", loose_words) if w)
    return [_row(ctx, iso3, "aid", short, detail, source_ids)]


def _aid_sums(bundle: Bundle, iso3: str, dated: tuple[str, ...], undated: tuple[str, ...]) -> tuple:
    """The aid sums of one recipient's figures (by aid_id): (low, high, per-commitment words, figures counted in
    the years, of which without an amount, undated figures counted, their sum, every source id)."""
    every = bundle.aid
    position = {a: i for i, a in enumerate(every["aid_id"])}
    shown = aid_rules.annotate(every.iloc[[position[a] for a in dated + undated]], every=every)
    counted = shown[shown["counted"]]
    in_year = counted[counted["aid_id"].isin(dated)]
    loose = counted[counted["aid_id"].isin(undated)]
    totals = aid_rules.totals(in_year, [iso3])
    parts = [f"{format_usd(t.amount_usd)} {t.commitment}" for t in totals.itertuples() if t.figures]
    low, high = aid_rules.bounds(totals)
    return (low, high, parts, len(in_year), int(in_year["amount_usd"].isna().sum()), len(loose),
            float(loose["amount_usd"].sum()), tuple(shown["source_id"]))


ARMS_YEARS = 5  # "recent" arms imports: the five years up to the scenario's year
ARMS_DEPENDENCE = 0.5  # a rival power supplying at least this share of them is an obstacle


def _arms_by_recipient(transfers: pd.DataFrame) -> dict:
    """Per recipient, each deal's TIV delivered spread over its delivery years (arms.yearly's rows) as (year,
    supplier, TIV), and the register's source ids: built once per data version."""
    every = arms.spread(transfers)
    rows: dict[str, list[tuple[int, str, float]]] = {}
    for recipient, year, supplier, tiv in zip(every["recipient_iso3"], every["year"], every["supplier_iso3"],
                                              every["tiv"]):
        rows.setdefault(recipient, []).append((int(year), supplier, float(tiv)))
    return {"spread": rows, "ids": tuple(dict.fromkeys(transfers["source_id"]))}


def _arms_rows(ctx: _Context, iso3: str) -> list[dict]:
    """From SIPRI's register, the five years up to the year: a rival power that delivered ARMS_DEPENDENCE or more of
    the state's arms (by TIV, each deal spread over its delivery years) is an obstacle; Turkish deliveries a tie."""
    window = (ctx.year - ARMS_YEARS + 1, ctx.year)
    register = _static(ctx.bundle)["arms"]
    parts: dict[str, list[float]] = {}
    for year, supplier, tiv in register["spread"].get(iso3, ()):
        if window[0] <= year <= window[1]:
            parts.setdefault(supplier, []).append(tiv)
    # Correctly rounded sums (math.fsum): the total does not depend on the order the deals are added in.
    per_supplier = {supplier: math.fsum(values) for supplier, values in parts.items()}
    total = math.fsum(per_supplier.values())
    if total <= 0:
        return []
    ids = register["ids"]
    when = f"{window[0]}-{window[1]}"
    rows = []
    for power in sorted(ctx.rivals, key=lambda p: -per_supplier.get(p, 0.0)):
        share = float(per_supplier.get(power, 0.0)) / total
        if share >= ARMS_DEPENDENCE:
            detail = (f"{power_name(ctx.names, power)} delivered {share:.0%} of the major arms {ctx.names[iso3]} "
                      f"received in {when} ({total:,.1f} million SIPRI TIV in all; {arms.SPREAD_NOTE})")
            rows.append(_row(ctx, iso3, "rival_arms", f"{ctx.names.get(power, power)} {share:.0%}", detail, ids,
                             power=power))
    turkish = float(per_supplier.get(LEADER, 0.0))
    if turkish > 0:
        rows.append(_row(ctx, iso3, "turkish_arms", f"{turkish / total:.0%}",
                         f"Turkey delivered {turkish / total:.0%} of the major arms {ctx.names[iso3]} received in "
                         f"{when} ({turkish:,.1f} of {total:,.1f} million SIPRI TIV; {arms.SPREAD_NOTE})", ids))
    return rows


MEMBER_ROWS_KEPT = 1024  # one state's factor rows in a year (with departures), kept per data version


def _member_rows(ctx: _Context, iso3: str) -> list[dict]:
    """One state's factors in the context's year: the same whoever else is a candidate (rows are never changed)."""
    rows = _membership_rows(ctx, iso3) + _state_rule_rows(ctx, iso3) + _base_rows(ctx, iso3)
    if iso3 != LEADER:
        rows += _tie_rows(ctx, iso3) + _aid_row(ctx, iso3) + _arms_rows(ctx, iso3)
    return rows


def factors(bundle: Bundle, candidates, year: int, departures=(), today: date | None = None) -> pd.DataFrame:
    """Every obstacle and enabler of Turkey (the leader) and the candidates in the year, one row each, with
    short matrix text, a sentence and its sources; after the 'what if' departures."""
    ctx = _context(bundle, year, departures, today)
    rows: list[dict] = []
    for iso3 in members(candidates):
        rows += memo.derived(bundle, "scenario.member_rows", (ctx.year, ctx.day, tuple(departures), iso3),
                             lambda iso3=iso3: _member_rows(ctx, iso3), keep=MEMBER_ROWS_KEPT)
    table = pd.DataFrame(rows, columns=FACTOR_COLUMNS)
    order = {f: i for i, f in enumerate(FACTORS)}
    rank = {c: i for i, c in enumerate(members(candidates))}
    keys = table["iso3"].map(rank) * 100 + table["factor"].map(order)
    return table.loc[keys.sort_values(kind="stable").index].reset_index(drop=True)


def members(candidates) -> tuple[str, ...]:
    """Turkey first, then the candidates in the order chosen."""
    return (LEADER,) + tuple(c for c in dict.fromkeys(candidates) if c != LEADER)


def leave_options(bundle: Bundle, candidates, year: int, today: date | None = None,
                  table: pd.DataFrame | None = None) -> dict[str, str]:
    """'What if' switches that exist in the year: key 'KAZ:CSTO' -> 'Kazakhstan leaves the CSTO', for every
    organisation behind an obstacle of a candidate (or of Turkey); `table` is the factor table without
    departures, computed here unless given."""
    table = factors(bundle, candidates, year, today=today) if table is None else table
    offered: dict[str, str] = {}
    for r in memo.records(table):
        if r["effect"] == OBSTACLE and isinstance(r["org_id"], str):
            offered.setdefault(Departure(r["iso3"], r["org_id"]).key, f"{r['country']} leaves {org_words(r['org_id'])}")
    return offered


def org_words(org_id: str) -> str:
    """'the CSTO', but 'NATO'."""
    return org_id if org_id in NO_ARTICLE else f"the {org_id}"


# --- Coalition summary ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Standing:
    """One member's position: its status and what stands behind it."""

    iso3: str
    country: str
    status: str
    leave: tuple[tuple[str, str, str], ...]  # (organisation, article, leading power)
    limits: tuple[tuple[str, str], ...]  # (organisation, article)
    policies: tuple[tuple[str, str, str], ...]  # (short words, instrument, year adopted)


@dataclass(frozen=True)
class Summary:
    """The coalition in a year: each member's standing, which powers lose members, the departures applied."""

    year: int
    day: pd.Timestamp
    standings: tuple[Standing, ...]  # Turkey first
    losers: dict[str, tuple[tuple[str, str], ...]]  # power -> ((iso3, organisation), ...)
    departures: tuple[Departure, ...]
    source_ids: tuple[str, ...]
    # (iso3, rival powers it declared itself allied with, rival powers it promised no alliance against them, base
    # operators, rival-led bodies)
    ties: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = ()

    def group(self, status: str) -> list[Standing]:
        """The candidates (never Turkey) with this status."""
        return [s for s in self.standings if s.status == status and s.iso3 != LEADER]

    @property
    def leader(self) -> Standing:
        return self.standings[0]


def _status(factors_present: set[str]) -> str:
    if "alliance_ban" in factors_present:
        return MUST_LEAVE
    if "treaty_limit" in factors_present:
        return LIMITED
    return POLICY if "policy" in factors_present else FREE


def summarise(bundle: Bundle, candidates, year: int, departures=(), today: date | None = None,
              table: pd.DataFrame | None = None) -> Summary:
    """The coalition summary computed from the factor table (computed here unless given)."""
    departures = tuple(departures)
    table = factors(bundle, candidates, year, departures, today) if table is None else table
    names = bundle.country_names()
    led_by = dict(zip(bundle.organisations["org_id"], bundle.organisations["led_by"]))
    standings, losers = [], {}
    by_member = _by_member(table)
    for iso3 in members(candidates):
        rows = by_member.get(iso3, [])
        leave = tuple((r["org_id"], r["article"], r["power"]) for r in rows if r["factor"] == "alliance_ban")
        limits = tuple((r["org_id"], r["article"]) for r in rows if r["factor"] == "treaty_limit")
        policies = tuple((r["short"], r["article"], r["since"]) for r in rows if r["factor"] == "policy")
        standings.append(Standing(iso3, names.get(iso3, iso3), _status({r["factor"] for r in rows}), leave, limits,
                                  policies))
        for org, _, power in leave:
            if isinstance(power, str):
                losers.setdefault(power, []).append((iso3, org))
    day = alliances.as_of(year, today)
    chosen = set(members(candidates))
    for d in departures:
        power = led_by.get(d.org_id)
        if d.iso3 in chosen and isinstance(power, str) and (d.iso3, d.org_id) not in losers.get(power, []):
            losers.setdefault(power, []).append((d.iso3, d.org_id))
    cited = table[table["factor"].isin(["alliance_ban", "treaty_limit", "policy"])]["source_ids"]
    ids = tuple(dict.fromkeys(s for group in cited for s in group))
    ties = []
    for iso3 in members(candidates)[1:]:
        rows = by_member.get(iso3, [])
        allies = tuple(dict.fromkeys(r["power"] for r in rows if r["factor"] == "rival_ally"))
        pledges = tuple(dict.fromkeys(r["power"] for r in rows if r["factor"] == "rival_treaty"))
        bases = tuple(dict.fromkeys(r["power"] for r in rows if r["factor"] == "foreign_bases"))
        orgs = tuple(dict.fromkeys(r["org_id"] for r in rows if r["factor"] == "rival_orgs"))
        if allies or pledges or bases or orgs:
            ties.append((iso3, allies, pledges, bases, orgs))
    rank = {c: i for i, c in enumerate(members(candidates))}
    lost = {p: tuple(sorted(v, key=lambda pair: rank.get(pair[0], 99))) for p, v in losers.items()}
    return Summary(int(year), day, tuple(standings), lost, departures, ids, tuple(ties))


def _by_member(table: pd.DataFrame) -> dict[str, list[dict]]:
    """The factor table's rows as records, per member, in the table's order (one pass: per-member pandas filters
    cost more than the rest of the summary)."""
    out: dict[str, list[dict]] = {}
    for row in memo.records(table):
        out.setdefault(row["iso3"], []).append(row)
    return out


def power_name(names: dict[str, str], iso3: object) -> str:
    """'Russia', 'the United States'; 'no single power' for an organisation nobody leads."""
    if not isinstance(iso3, str):
        return "no single power"
    name = names.get(iso3, iso3)
    return f"the {name}" if name.startswith("United") else name


def and_list(items) -> str:
    """'A', 'A and B', 'A, B and C'; 'none' for no items (a data folder may hold no rows)."""
    items = list(items)
    if not items:
        return "none"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _names(standings) -> str:
    return and_list(s.country for s in standings)


def summary_lines(summary: Summary, names: dict[str, str]) -> list[str]:
    """The summary as escaped markdown bullets, one per group, in words a reader can check against the cards."""
    lines = []
    for status in (FREE, POLICY, LIMITED, MUST_LEAVE):
        group = summary.group(status)
        if not group:
            continue
        if status == MUST_LEAVE:
            by_rule: dict[tuple[str, str], list[str]] = {}
            for s in group:
                for org, article, _ in s.leave:
                    by_rule.setdefault((org, article), []).append(s.country)
            details = "; ".join(f"{and_list(who)} from {org_words(org)} ({article})"
                                for (org, article), who in by_rule.items())
        elif status == POLICY:
            details = "; ".join(f"{s.country}: {', '.join(dict.fromkeys(w for w, _, _ in s.policies))} "
                                f"(since {and_list(dict.fromkeys(y for _, _, y in s.policies))})" for s in group)
        elif status == LIMITED:
            details = "; ".join(f"{s.country}: {org_words(org)}, {article}" for s in group for org, article in s.limits)
        else:
            details = _names(group)
        heading = STATUS_WORDS[status][0].upper() + STATUS_WORDS[status][1:]
        lines.append(f"- **{md_escape(heading)}:** {md_escape(details)}.")
    if summary.ties:
        ties = "; ".join(f"{names.get(c, c)}: " + ", ".join(
            ([f"declared allied with {and_list(power_name(names, o) for o in allies)}"] if allies else [])
            + ([f"promised {and_list(power_name(names, o) for o in pledges)} no alliance against it"]
               if pledges else [])
            + ([f"bases of {', '.join(power_name(names, o) for o in bases)}"] if bases else [])
            + ([f"in {', '.join(orgs)}"] if orgs else [])) for c, allies, pledges, bases, orgs in summary.ties)
        lines.append(f"- **Other ties to rival powers (see the cards):** {md_escape(ties)}.")
    if summary.losers:
        lost = "; ".join(f"{power_name(names, p)} loses {and_list(names.get(c, c) for c, _ in v)} from "
                         f"{', '.join(org_words(o) for o in dict.fromkeys(o for _, o in v))}"
                         for p, v in summary.losers.items())
        lines.append(f"- **Powers that would lose members:** {md_escape(lost)}.")
    leader = summary.leader
    if leader.limits:
        bound = "; ".join(f"member of {org_words(o)}, bound by {a}" for o, a in leader.limits)
        lines.append(f"- **Turkey, the leader:** {md_escape(bound)}. A new alliance would have to fit its NATO "
                     "obligations.")
    elif any(d.iso3 == LEADER for d in summary.departures):
        lines.append("- **Turkey, the leader:** outside NATO in this 'what if', so no NATO article binds it.")
    if summary.departures:
        what = "; ".join(f"{names.get(d.iso3, d.iso3)} leaves {org_words(d.org_id)}" for d in summary.departures)
        lines.append(f"- **What if:** {md_escape(what)} on {md_escape(alliances.day_words(summary.day))}; "
                     "everything on this page is recomputed without those memberships.")
    return lines


# --- Cards, matrix, download, the paper's assessment -----------------------------------------------------

def card_lines(table: pd.DataFrame, iso3: str, effect: str) -> list[str]:
    """A member's obstacles or enablers as escaped markdown bullets, each with its label and sources."""
    return every_card_line(table).get((iso3, effect), [])


def every_card_line(table: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """card_lines of every member and effect, in one pass over the table: (iso3, effect) -> bullets."""
    out: dict[tuple[str, str], list[str]] = {}
    for r in memo.records(table):
        out.setdefault((r["iso3"], r["effect"]), []).append(
            f"- **{md_escape(r['label'])}.** {md_escape(r['detail'])} *Source: {md_escape(r['sources'])}*")
    return out


def status_words(summary: Summary, iso3: str) -> str:
    """One line under a member's name: its status in words."""
    standing = next(s for s in summary.standings if s.iso3 == iso3)
    if iso3 == LEADER:
        return "The leader. " + ("Bound by NATO's treaty: the alliance must be compatible with it."
                                 if standing.limits else "No NATO obligation in this view.")
    return STATUS_WORDS[standing.status][0].upper() + STATUS_WORDS[standing.status][1:] + "."


def matrix(table: pd.DataFrame, candidates, names: dict[str, str]) -> pd.DataFrame:
    """Members x factors: the short text of each cell ('' where the factor is absent), rows Turkey first."""
    cells: dict[tuple[str, str], dict[str, None]] = {}  # (iso3, factor) -> short texts, each once, in table order
    for iso3, factor, short in zip(table["iso3"], table["factor"], table["short"]):
        cells.setdefault((iso3, factor), {})[short] = None
    rows = members(candidates)
    return pd.DataFrame([[", ".join(cells.get((iso3, factor), ())) for factor in FACTORS] for iso3 in rows],
                        index=pd.Index([names.get(c, c) for c in rows], name="country"),
                        columns=pd.Index(list(FACTORS), name="factor"), dtype="str")


def download_table(table: pd.DataFrame, year: int, departures) -> pd.DataFrame:
    """The obstacles and enablers as downloaded: one row each, with year, what-if and sources in words."""
    what_if = "; ".join(d.key for d in departures)
    return pd.DataFrame({
        "year": year, "country": table["country"], "iso3": table["iso3"], "effect": table["effect"],
        "factor": table["label"], "detail": table["detail"], "organisation": table["org_id"].fillna(""),
        "article": table["article"].fillna(""), "sources": table["sources"],
        "source_ids": table["source_ids"].map(";".join), "what_if": what_if,
    })


ASSESSMENT_HEADINGS = {"core": "Likely core", "deterrent": "What stands in the way", "verdict": "Verdict",
                       "prospect": "Why it is discussed", "enabler": "What helps"}
ASSESSMENT_MAIN = ("core", "deterrent", "verdict")  # the topics the computed summary answers, shown first


def assessment_markdown(assessment: pd.DataFrame, sources: pd.DataFrame,
                        topics=tuple(ASSESSMENT_HEADINGS)) -> list[tuple[str, str]]:
    """The paper's own reading, grouped by topic: (heading, escaped markdown bullets with footnotes)."""
    out = []
    for topic in topics:
        heading = ASSESSMENT_HEADINGS[topic]
        rows = assessment[assessment["topic"] == topic]
        if rows.empty:
            continue
        bullets = [f"- {md_escape(r.point)} *({md_escape(rivalry.footnote_label(sources, r.source_id))})*"
                   for r in rows.itertuples()]
        out.append((heading, "\n".join(bullets)))
    return out


def view_words(candidates, year: int, departures, names: dict[str, str], today: date | None = None) -> str:
    """The view in words: 'Turkey with Azerbaijan, Kazakhstan; as of 31 December 2021; what if: ...'."""
    who = "Turkey" + (f" with {', '.join(names.get(c, c) for c in members(candidates)[1:])}"
                      if len(members(candidates)) > 1 else " alone")
    text = f"{who}; as of {alliances.day_words(alliances.as_of(year, today), today)}"
    if departures:
        text += "; what if " + ", ".join(f"{names.get(d.iso3, d.iso3)} leaves {org_words(d.org_id)}"
                                         for d in departures)
    return text
