"""Colours follow the data: every organisation takes its leading power's colour (organisations.csv, led_by) unless the
theme's override table says otherwise, and every country and organisation in the data has a colour."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from turan import load, schema, theme

HEX = re.compile(r"^#[0-9A-F]{6}$")


@pytest.fixture(scope="module")
def bundle():
    return load.load(load.data_dir())


def test_every_organisation_in_the_data_has_a_colour_from_its_leader_or_the_override_table(bundle):
    colours = theme.org_colours(bundle.organisations)
    assert set(colours) == set(bundle.organisations["org_id"])
    for org, led in zip(bundle.organisations["org_id"], bundle.organisations["led_by"]):
        assert HEX.match(colours[org]), org
        if org in theme.ORG_COLOUR_OVERRIDES:
            assert colours[org] == theme.ORG_COLOUR_OVERRIDES[org]
        elif isinstance(led, str) and led in theme.COUNTRY_COLOURS:
            assert colours[org] == theme.country_colour(led), org
        else:
            assert colours[org] == theme.UNLED_ORG, org


def test_a_new_organisation_takes_its_leaders_colour_not_another_organisations(monkeypatch):
    orgs = pd.DataFrame({"org_id": ["NEWBLOC", "NEWFORUM", "HANDSET"], "led_by": ["CHN", None, "RUS"]})
    monkeypatch.setitem(theme.ORG_COLOUR_OVERRIDES, "HANDSET", "#117733")
    colours = theme.org_colours(orgs)
    assert colours == {"NEWBLOC": theme.country_colour("CHN"), "NEWFORUM": theme.UNLED_ORG, "HANDSET": "#117733"}


def test_blocs_led_by_different_powers_never_share_a_colour(bundle):
    colours = theme.org_colours(bundle.organisations)
    by_leader: dict[str, set[str]] = {}
    for org, led in zip(bundle.organisations["org_id"], bundle.organisations["led_by"]):
        if org not in theme.ORG_COLOUR_OVERRIDES:
            by_leader.setdefault(led if isinstance(led, str) and led else "", set()).add(colours[org])
    leaders = [next(iter(c)) for c in by_leader.values()]
    assert all(len(c) == 1 for c in by_leader.values())
    assert len(leaders) == len(set(leaders))


def test_every_country_in_the_data_has_a_colour_and_the_core_ten_are_distinct(bundle):
    for iso3 in bundle.countries["iso3"]:
        assert HEX.match(theme.country_colour(iso3)), iso3
    core = list(theme.COUNTRY_COLOURS)
    assert {"TUR", "AZE", "KAZ", "KGZ", "TKM", "UZB", *schema.POWERS} <= set(core)
    assert len({theme.country_colour(c) for c in core}) == len(core)
