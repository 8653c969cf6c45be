"""The one declaration of every CSV in data/: columns, types, vocabularies, keys, titles and units.

The app's loader, the tests, the command-line validator and the codebook in data/README.md all read
this module; nothing else in the project spells out a column list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds understood by turan.validate.
TEXT, ID, ISO3, ISO3_LIST, DATE, INT, FLOAT, ENUM, URL, ID_LIST = (
    "text", "id", "iso3", "iso3_list", "date", "int", "float", "enum", "url", "id_list",
)
LISTS = (ISO3_LIST, ID_LIST)  # ';'-separated kinds: each item is checked (and, with a ref, looked up) on its own


@dataclass(frozen=True)
class Column:
    """One column: its type, whether it may be empty, its vocabulary, its key and its meaning."""

    name: str
    kind: str
    description: str
    required: bool = False
    values: tuple[str, ...] = ()
    ref: tuple[str, str] | None = None  # (table, column) this column points into
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    unit: str = ""


@dataclass(frozen=True)
class Table:
    """One CSV file and its columns; `unique_together` names column groups that must not repeat."""

    name: str
    description: str
    columns: tuple[Column, ...]
    unique_together: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SOURCE_KINDS = ("paper", "paper_footnote", "official", "treaty", "dataset", "reference")
COUNTRY_GROUPS = ("turkic_state", "rival_power", "other")
ORG_KINDS = (
    "military_alliance", "partnership_programme", "security_cooperation", "political_cooperation",
    "economic_union", "economic_cooperation", "law_enforcement_cooperation",
)
ROLES = ("member", "frozen_member", "observer", "partner", "associate", "dialogue_partner")
AID_BASES = ("delivered", "agreed", "pledged", "period_total", "cumulative")
COMMITMENTS = ("delivered", "agreed", "pledged")
AMOUNT_QUALIFIERS = ("exact", "approximately", "nearly", "about")
EVENT_KINDS = ("agreement", "protocol", "visit", "exercise", "organisation", "industry", "summit", "deployment",
               "conflict", "other")
EVIDENCE = ("paper", "public")  # where a row's facts come from: Biró 2021 (and its footnotes), or public sources
PAPER_SOURCE_KINDS = ("paper", "paper_footnote")  # the source kinds of `paper` evidence

_SOURCE = Column("source_id", ID, "Where the row's facts come from: a source_id in sources.csv.",
                 required=True, ref=("sources", "source_id"))
_EVIDENCE = Column("evidence", ENUM, "Where the row's facts come from: `paper` when its source is Biró 2021 or one of "
                   "the footnotes the paper cites, `public` when it is another public page, treaty or dataset "
                   "(later public evidence, or records the paper does not give). Agrees with the kind of source_id.",
                   required=True, values=EVIDENCE)
_DATE_NOTE = Column("date_note", TEXT, "Why a date is missing, approximate or uncertain, "
                    "in words (e.g. garbled text, 'before 2010'). Empty when the date is as the source gives it.")

SOURCES = Table("sources", "The bibliography: the paper, each of its footnotes the data relies on, "
                "and every official page, treaty or dataset used.", (
    Column("source_id", ID, "Stable identifier, lowercase snake_case.", required=True, unique=True,
           pattern=r"^[a-z0-9_]+$"),
    Column("citation", TEXT, "Author, title, publication and year as the work gives them.", required=True),
    Column("url", URL, "Address of the work or page, when it has one."),
    Column("accessed", DATE, "Day the page was consulted (empty when not consulted online)."),
    Column("kind", ENUM, "What sort of source it is.", required=True, values=SOURCE_KINDS),
    Column("paper_footnote", INT, "The paper's footnote number that cites this work.", minimum=1, maximum=71),
    Column("note", TEXT, "What the source is used for; how an ambiguous footnote was read."),
))

COUNTRIES = Table("countries", "Every country the data names, by ISO 3166-1 alpha-3.", (
    Column("iso3", ISO3, "ISO 3166-1 alpha-3 code.", required=True, unique=True),
    Column("name", TEXT, "English short name.", required=True),
    Column("group", ENUM, "Role in this study: a Turkic state, a rival power, or other.",
           required=True, values=COUNTRY_GROUPS),
    Column("lat", FLOAT, "Latitude of a label point inside the country.", required=True,
           minimum=-90, maximum=90, unit="degrees"),
    Column("lon", FLOAT, "Longitude of a label point inside the country.", required=True,
           minimum=-180, maximum=180, unit="degrees"),
    _SOURCE,
))

ORGANISATIONS = Table("organisations", "International organisations and programmes, by short id.", (
    Column("org_id", ID, "Short id (NATO, PFP, CSTO, SCO, CIS, EAEU, OTS, TAKM, ECO, FIEP, GUAM).",
           required=True, unique=True, pattern=r"^[A-Z]+$"),
    Column("name", TEXT, "Full English name.", required=True),
    Column("founded", DATE, "When it was founded, at the precision known.", required=True),
    Column("kind", ENUM, "What kind of organisation it is.", required=True, values=ORG_KINDS),
    Column("defence_clause", ENUM, "Whether members owe each other armed defence.", required=True,
           values=("yes", "no")),
    Column("defence_clause_ref", TEXT, "The treaty article that creates (or bears on) that obligation."),
    Column("led_by", ISO3, "The power that leads or founded it, for the power-rivalry view.",
           ref=("countries", "iso3")),
    Column("description", TEXT, "One or two sentences in our own words.", required=True),
    _SOURCE,
))

MEMBERSHIPS = Table("memberships", "One row per continuous spell of a country's role in an organisation.", (
    Column("org_id", ID, "The organisation.", required=True, ref=("organisations", "org_id")),
    Column("iso3", ISO3, "The country.", required=True, ref=("countries", "iso3")),
    Column("role", ENUM, "Its role during the spell. `frozen_member`: still a party to the organisation's treaty, but "
           "the state has declared its participation frozen (no formal withdrawal).", required=True, values=ROLES),
    Column("start", DATE, "First day (or month, or year) of the spell.", required=True),
    Column("end", DATE, "Day the spell ended, i.e. the day the status changed (a role that starts that "
           "day is the next spell); empty while ongoing."),
    _SOURCE,
    _EVIDENCE,
    Column("note", TEXT, "What the dates mean (signature, accession, decision) and how they were checked."),
    _DATE_NOTE,
), unique_together=(("org_id", "iso3", "role", "start"),))

AID = Table("aid", "Every military aid figure the paper gives, modelled so nothing is counted twice.", (
    Column("aid_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("donor_iso3", ISO3, "The giver.", required=True, ref=("countries", "iso3")),
    Column("recipient_iso3", ISO3, "The receiver.", required=True, ref=("countries", "iso3")),
    Column("date", DATE, "When the figure was agreed, pledged or delivered (empty for period figures)."),
    Column("period_start", DATE, "First year of the period a total covers (empty if not given)."),
    Column("period_end", DATE, "Last year of the period a total covers (empty if not given)."),
    Column("amount_usd", FLOAT, "The amount as the source states it; empty when the text lost it.",
           minimum=0, unit="US dollars, nominal, as reported"),
    Column("amount_qualifier", ENUM, "How precise the source says the amount is.", values=AMOUNT_QUALIFIERS),
    Column("basis", ENUM, "What the figure is: a single delivery, agreement or pledge, a total over a "
           "period, or a running total.", required=True, values=AID_BASES),
    Column("commitment", ENUM, "Whether the money was delivered, agreed or only pledged; for single "
           "figures it equals basis.", required=True, values=COMMITMENTS),
    Column("part_of", ID, "aid_id of a period or cumulative total that already contains this figure.",
           ref=("aid", "aid_id")),
    Column("maybe_part_of", ID, "aid_id of a period or cumulative total that may contain this figure, where the "
           "source leaves it open: totals then give a range, from the sum with the figure inside that total (not "
           "added) to the sum with it added.", ref=("aid", "aid_id")),
    Column("purpose", TEXT, "What the money was for, as the source says."),
    Column("description", TEXT, "Our own words.", required=True),
    _SOURCE,
    _EVIDENCE,
    _DATE_NOTE,
    Column("note", TEXT, "How the figure was read: garbled text, links to other figures, judgement calls."),
))

EVENTS = Table("events", "Dated agreements, protocols, visits, exercises, organisation steps and "
               "defence-industry deals in Turkey's ties with the Turkic states.", (
    Column("event_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("date", DATE, "When, at the precision the source gives; empty only with a date_note."),
    Column("parties", ISO3_LIST, "Countries involved, ';'-separated ISO3 codes.", required=True,
           ref=("countries", "iso3")),
    Column("kind", ENUM, "What sort of event.", required=True, values=EVENT_KINDS),
    Column("title", TEXT, "Short title, our own words.", required=True),
    Column("description", TEXT, "One or two sentences, our own words.", required=True),
    Column("amount_usd", FLOAT, "Value of a deal when the source gives one (not aid).", minimum=0,
           unit="US dollars, nominal, as reported"),
    _SOURCE,
    _EVIDENCE,
    _DATE_NOTE,
    Column("note", TEXT, "How the row was read: garbled text, inferred parties, footnote doubts."),
))

TABLES: tuple[Table, ...] = (SOURCES, COUNTRIES, ORGANISATIONS, MEMBERSHIPS, AID, EVENTS)

# --- Power rivalry: the paper's evidence grid, foreign bases, hard indicators --------------------------

POWERS = ("RUS", "CHN", "USA", "IRN", "TUR")  # the four rival powers, and Turkey as the reference
PAPER_PARTS = ("intro", "russia", "usa", "china", "iran", "conclusion")
DIMENSIONS = ("interest", "instrument", "stance")
INSTRUMENT_TYPES = ("military", "economic", "institutional", "cultural")
STANCES = ("cooperative", "competitive", "mixed")
BASE_KINDS = ("air_base", "army_base", "radar", "space_launch_site", "monitoring_centre", "peacekeeping_force")


@dataclass(frozen=True)
class Indicator:
    """One hard indicator: what it measures, its unit, the dataset edition and the price basis."""

    indicator_id: str
    title: str
    unit: str
    edition: str
    price_basis: str
    source_id: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator("milex_share_gdp", "Military expenditure as a share of GDP", "% of GDP",
              "SIPRI Military Expenditure Database, 2025 release (data 1949-2024)",
              "none (a ratio of two current-price, local-currency amounts)", "sipri_milex_2025_share_gdp"),
    Indicator("milex_constant_usd", "Military expenditure", "constant 2023 US$",
              "SIPRI Military Expenditure Database, 2025 release (data 1949-2024)",
              "constant 2023 US dollars (2023 prices and exchange rates)", "sipri_milex_2025_constant_usd"),
)
INDICATOR_BY_ID = {i.indicator_id: i for i in INDICATORS}

RIVALRY = Table("rivalry", "The evidence grid: every claim of the paper's 'crowded market' section (and its "
                "conclusion) about Russia, China, the USA and Iran, with Turkey as the reference, each in our own "
                "words with the footnote the first-marker rule gives it. An instrument row names its type; a stance "
                "row says how the power stands towards Turkey's role.", (
    Column("claim_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("power_iso3", ENUM, "The power the claim is about (TUR is the reference).", required=True,
           values=POWERS, ref=("countries", "iso3")),
    Column("paper_part", ENUM, "Where the claim stands: the section's introduction, its part on one power, "
           "or the paper's conclusion.", required=True, values=PAPER_PARTS),
    Column("dimension", ENUM, "What the claim is about: the power's interests, its instruments, or its stance "
           "towards Turkey's role.", required=True, values=DIMENSIONS),
    Column("instrument_type", ENUM, "Instrument rows only: military, economic, institutional (organisations, "
           "diplomacy, ties between governments and leaders) or cultural (kinship, religion, language, media).",
           values=INSTRUMENT_TYPES),
    Column("stance", ENUM, "Stance rows only: cooperative, competitive or mixed towards Turkey's role.",
           values=STANCES),
    Column("claim", TEXT, "The claim in our own words, never the paper's sentence.", required=True),
    _SOURCE,
    Column("note", TEXT, "Garbled text, how the footnote was chosen, judgement calls."),
), unique_together=(("power_iso3", "claim"),))

BASES = Table("bases", "Foreign military bases and facilities in the region, one row per operating power, "
              "dated from stored copies of official pages and well-documented reports.", (
    Column("base_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("host_iso3", ISO3, "The country the base is in.", required=True, ref=("countries", "iso3")),
    Column("operator_iso3", ISO3, "The foreign power that runs or leases it.", required=True,
           ref=("countries", "iso3")),
    Column("name", TEXT, "Name of the base or facility.", required=True),
    Column("kind", ENUM, "What sort of facility.", required=True, values=BASE_KINDS),
    Column("opened", DATE, "When the operator's use began under the arrangement recorded (for a Soviet-era "
           "site, the agreement that made it a foreign facility).", required=True),
    Column("closed", DATE, "When the operator left or its use ended; empty while in use."),
    _SOURCE,
    _EVIDENCE,
    Column("note", TEXT, "What the facility is, and which stored copies the dates were read in."),
    _DATE_NOTE,
))

INDICATOR_VALUES = Table("indicators", "Hard indicators by country and year, transcribed from a named dataset "
                         "edition; a year the dataset does not cover has no row (never interpolated). "
                         "Indicators: " + "; ".join(
                             f"`{i.indicator_id}`, {i.title} ({i.unit}; {i.edition}; price basis: {i.price_basis})"
                             for i in INDICATORS) + ".", (
    Column("indicator_id", ENUM, "Which indicator (declared with title, unit, edition and price basis in "
           "turan/schema.py).", required=True, values=tuple(INDICATOR_BY_ID)),
    Column("iso3", ISO3, "The country.", required=True, ref=("countries", "iso3")),
    Column("year", INT, "Calendar year of the value.", required=True, minimum=1949, maximum=2100),
    Column("value", FLOAT, "The value as the dataset gives it, all digits kept.", required=True, minimum=0,
           unit="the indicator's unit"),
    Column("unit", TEXT, "The indicator's unit, repeated so the file reads on its own.", required=True),
    _SOURCE,
    Column("note", TEXT, "Anything particular about this value."),
), unique_together=(("indicator_id", "iso3", "year"),))

TABLES += (RIVALRY, BASES, INDICATOR_VALUES)

# --- Turan Army scenario: treaty rules as data, and the paper's own assessment -------------------------

OBLIGATION_KINDS = (
    "mutual_defence", "no_rival_alliance", "no_conflicting_engagement", "neutrality", "no_blocs",
    "no_foreign_bases", "non_aligned", "bilateral_defence_pact", "allied_declaration", "no_hostile_alliance",
)
EFFECTS = ("obstacle", "enabler")
FORCES = ("treaty", "law", "resolution", "policy")
ASSESSMENT_PARTS = ("intro", "takm", "section_ii", "conclusion")
ASSESSMENT_TOPICS = ("prospect", "core", "enabler", "deterrent", "verdict")

OBLIGATIONS = Table("obligations", "Rules that bear on joining a new military alliance, one row per treaty article, "
                    "law or declared policy, with the article and a source: mutual-defence clauses and bans on other "
                    "alliances (binding the members of an organisation, org_id), a state's neutrality or no-bloc "
                    "policy (iso3), defence pacts between a state and Turkey and its declared alliances with a rival "
                    "power (iso3 and partner_iso3).", (
    Column("rule_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("kind", ENUM, "What the rule does: a mutual-defence clause, a ban on joining rival alliances, a ban on "
           "engagements that conflict with a treaty, neutrality, no military blocs, no foreign bases, "
           "non-alignment, a defence pact with Turkey, a declaration of allied relations with a rival power, or a "
           "treaty promise to a rival power to join no alliance directed against it.",
           required=True, values=OBLIGATION_KINDS),
    Column("effect", ENUM, "Whether the rule stands in the way of a Turkey-led alliance or helps it.", required=True,
           values=EFFECTS),
    Column("force", ENUM, "How binding it is: a treaty between states, a state's own law, a resolution of an "
           "international body, or a declared policy.", required=True, values=FORCES),
    Column("org_id", ID, "The organisation whose members the rule binds (empty for a state's own rule).",
           ref=("organisations", "org_id")),
    Column("iso3", ISO3, "The state the rule binds (empty for an organisation's rule).", ref=("countries", "iso3")),
    Column("partner_iso3", ISO3, "The other party of a pact, an allied declaration or a no-hostile-alliance promise "
           "(empty otherwise).",
           ref=("countries", "iso3")),
    Column("instrument", TEXT, "The treaty, law or document and its article, as the source gives them.",
           required=True),
    Column("start", DATE, "When the rule was signed, adopted or declared.", required=True),
    Column("end", DATE, "When it lapsed or was revoked; empty while in force."),
    Column("summary", TEXT, "What the rule says, in our own words.", required=True),
    _SOURCE,
    _EVIDENCE,
    _DATE_NOTE,
    Column("note", TEXT, "Which stored copies the wording and dates were read in; judgement calls."),
))

ASSESSMENT = Table("assessment", "The paper's own answer to 'Can the Turan Army be formed?': its likely core, the "
                   "deterrents and the enablers it names, and its verdict, each point in our own words with the "
                   "footnote the first-marker rule gives it.", (
    Column("point_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("paper_part", ENUM, "Where the point stands: the introduction, the TAKM section, section II ('Can the "
           "Turan Army be formed?') or the conclusion.", required=True, values=ASSESSMENT_PARTS),
    Column("topic", ENUM, "What the point is: the prospect of an alliance, its likely core members, an enabler, a "
           "deterrent, or the verdict.", required=True, values=ASSESSMENT_TOPICS),
    Column("countries", ISO3_LIST, "Countries the point names, ';'-separated (empty when it names none).",
           ref=("countries", "iso3")),
    Column("point", TEXT, "The point in our own words, never the paper's sentence.", required=True),
    _SOURCE,
    Column("note", TEXT, "How the footnote was chosen; garbled text; links to other tables."),
))

TABLES += (OBLIGATIONS, ASSESSMENT)

# --- Arms transfers: SIPRI's trade register for the study's partner countries (scripts/build_arms.py) ----------

UNCERTAIN = ("?",)  # the register's flag of an uncertain value, kept as it prints it
_ARMS_NOTE = "as the register gives it"
ARMS_TRANSFERS = Table(
    "arms_transfers", "Deals of major conventional arms to the study's partner countries ordered or delivered "
    "since 1991, one row per deal of SIPRI's trade register, every value as the register gives it "
    "(scripts/build_arms.py writes the file from the stored register). SIPRI TIV is SIPRI's trend-indicator value, "
    "a volume of arms in millions: not US dollars, never to be added to money.", (
        Column("deal_id", ID, "Recipient-supplier-order year-number (the register has no id; "
               "scripts/build_arms.py numbers the deals in a fixed order).", required=True, unique=True,
               pattern=r"^[A-Z]{3}-[A-Z]{3}-\d{4}-\d{3}$"),
        Column("supplier_iso3", ISO3, "The supplier: ISO 3166-1 alpha-3; SUN for the Soviet Union (its former code), "
               "XUS for the register's 'unknown supplier(s)' (user-assigned range).", required=True),
        Column("supplier", TEXT, f"The supplier's name, {_ARMS_NOTE}.", required=True),
        Column("recipient_iso3", ISO3, "The recipient.", required=True, ref=("countries", "iso3")),
        Column("order_year", INT, f"Year of order, {_ARMS_NOTE}.", required=True, minimum=1900, maximum=2100),
        Column("order_year_uncertain", ENUM, "'?' where the register marks the year of order uncertain.",
               values=UNCERTAIN),
        Column("number_ordered", INT, f"Number ordered, {_ARMS_NOTE}; empty where the register has none yet.",
               minimum=0),
        Column("number_ordered_uncertain", ENUM, "'?' where the register marks the number ordered uncertain.",
               values=UNCERTAIN),
        Column("weapon_designation", TEXT, f"The weapon, {_ARMS_NOTE}.", required=True),
        Column("weapon_description", TEXT, f"What sort of weapon, {_ARMS_NOTE}.", required=True),
        Column("number_delivered", INT, f"Number delivered, {_ARMS_NOTE}.", minimum=0),
        Column("number_delivered_uncertain", ENUM, "'?' where the register marks the number delivered uncertain.",
               values=UNCERTAIN),
        Column("delivery_years", TEXT, "The years of delivery, ';'-separated as the register lists them; empty where "
               "none is recorded.", pattern=r"^\d{4}(; \d{4})*$"),
        Column("status", ENUM, "New or second-hand, as the register says.", required=True,
               values=("New", "Second hand", "Second hand but modernized")),
        Column("comments", TEXT, f"The register's comments, {_ARMS_NOTE}."),
        Column("tiv_per_unit", FLOAT, f"SIPRI TIV of one unit, {_ARMS_NOTE}.", minimum=0,
               unit="SIPRI TIV, millions (not US dollars)"),
        Column("tiv_order", FLOAT, f"SIPRI TIV of the whole order, {_ARMS_NOTE}; empty where SIPRI has none.",
               minimum=0, unit="SIPRI TIV, millions (not US dollars)"),
        Column("tiv_delivered", FLOAT, f"SIPRI TIV of the weapons delivered, {_ARMS_NOTE}: 0 means between 0 and "
               "0.5, empty that no delivery is identified.", minimum=0, unit="SIPRI TIV, millions (not US dollars)"),
        _SOURCE,
    ))
TABLES += (ARMS_TRANSFERS,)

# --- The paper checked: every checkable statement of Biró 2021 against public evidence ------------------------------

CLAIM_SECTIONS = (  # the paper's sections, in its order
    "intro", "post_soviet", "rivalry", "russia", "usa", "china", "iran", "takm", "turan_army", "cooperation",
    "azerbaijan", "kazakhstan", "kyrgyzstan", "uzbekistan", "conclusion",
)
FACT_KINDS = ("fact", "figure", "date", "membership", "citation")
OUTLOOK_KINDS = ("forecast", "judgement")
CLAIM_KINDS = FACT_KINDS + OUTLOOK_KINDS
FACT_VERDICTS = ("confirmed", "confirmed_with_correction", "contradicted", "unverifiable", "citation_problem")
OUTLOOK_VERDICTS = ("holds_so_far", "overtaken", "open")
VERDICTS = FACT_VERDICTS + OUTLOOK_VERDICTS
NOTED_VERDICTS = ("confirmed_with_correction", "unverifiable", "citation_problem", "overtaken")  # the note says why
LAST_FOOTNOTE = 71  # the paper's footnotes run from 1 to 71

CLAIMS = Table("claims", "Every checkable statement of the paper, one row each, with what public evidence says of "
               "it: its facts, figures, dates, memberships and footnotes, and its forecasts and judgements set "
               "against what happened since 2021.", (
    Column("claim_id", ID, "Stable identifier.", required=True, unique=True, pattern=r"^[a-z0-9_]+$"),
    Column("section", ENUM, "The section of the paper the statement stands in (its footnote's marker, for a "
           "citation).", required=True, values=CLAIM_SECTIONS),
    Column("paper_footnote", INT, "The footnote the statement rests on; empty when no marker follows it.",
           minimum=1, maximum=LAST_FOOTNOTE),
    Column("kind", ENUM, "What is checked: a fact, a figure, a date, a membership, a footnote (citation), or a "
           "forecast or judgement.", required=True, values=CLAIM_KINDS),
    Column("claim", TEXT, "What the paper says, in our own words.", required=True),
    Column("verdict", ENUM, "For facts, figures, dates, memberships and citations: confirmed, "
           "confirmed_with_correction (stands, a detail is off), contradicted, unverifiable (no public evidence "
           "found) or citation_problem (the footnote does not support it, points elsewhere or is garbled). For "
           "forecasts and judgements: holds_so_far, overtaken (by named events since) or open.",
           required=True, values=VERDICTS),
    Column("evidence", TEXT, "What the evidence says, in our own words; empty only when nothing was found."),
    Column("source_id", ID_LIST, "The evidence: ';'-separated source_ids in sources.csv (the paper's own footnote "
           "where nothing else was found).", required=True, ref=("sources", "source_id")),
    Column("checked_on", DATE, "The day the check was made.", required=True),
    Column("note", TEXT, "The correction, where we looked, caveats: required for a correction, an unverifiable or "
           "overtaken claim and a citation problem."),
    Column("countries", ISO3_LIST, "States the statement is about, ';'-separated (empty when it names none).",
           ref=("countries", "iso3")),
    Column("paper_events", ID_LIST, "The rows of events.csv that record the statement from the paper, "
           "';'-separated: they carry the check's mark on the timeline.", ref=("events", "event_id")),
    Column("paper_aid", ID_LIST, "The rows of aid.csv that record the statement from the paper, ';'-separated: they "
           "carry the check's mark on the aid page.", ref=("aid", "aid_id")),
    Column("later_events", ID_LIST, "The events of events.csv the verdict rests on, ';'-separated (for a forecast "
           "or judgement, what happened since): the page opens the timeline on them.", ref=("events", "event_id")),
))
TABLES += (CLAIMS,)
BY_NAME = {t.name: t for t in TABLES}
