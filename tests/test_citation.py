"""One data version everywhere: turan.DATA_VERSION, the codebook, the changelog and CITATION.cff agree, and the
changelog names every data file (a new table needs an entry)."""

from __future__ import annotations

import re

from datahelp import DATA, ROOT

from turan import DATA_VERSION, schema

CFF = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
CHANGELOG = (DATA / "CHANGELOG.md").read_text(encoding="utf-8")


def test_citation_file_carries_the_data_version_and_the_paper():
    assert re.search(r"^cff-version: 1\.2\.0$", CFF, re.M)
    assert re.findall(r'^version: "([^"]+)"$', CFF, re.M) == [DATA_VERSION]
    assert re.search(r"^title: .+", CFF, re.M) and re.search(r"^authors:\n  - name: ", CFF, re.M)
    assert 'title: "The Turan Army: Opportunities for a new military cooperation led by Turkey"' in CFF
    assert 'family-names: "Biró"' in CFF and "year: 2021" in CFF
    assert "\t" not in CFF  # YAML: spaces only


def test_codebook_states_the_data_version():
    assert f"Data version: **{DATA_VERSION}**" in (DATA / "README.md").read_text(encoding="utf-8")


def test_changelog_newest_entry_is_this_version_and_names_every_file():
    versions = re.findall(r"^## (\S+)", CHANGELOG, re.M)
    assert versions and versions[0] == DATA_VERSION
    missing = [t.file for t in schema.TABLES if f"`{t.file}`" not in CHANGELOG]
    assert missing == []
    assert "`geo/countries.geojson`" in CHANGELOG
