"""The whole dataset as one download: the zip holds exactly the shipped CSVs and documents, its datapackage.json is
generated from the schema and describes exactly the shipped files, and the Frictionless tools and pandas read it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from turan import DATA_VERSION, datapackage, schema
from turan.load import DEFAULT_DATA_DIR

PREFIX = f"{datapackage.NAME}-{DATA_VERSION}/"


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dataset")
    with zipfile.ZipFile(io.BytesIO(datapackage.zip_bytes())) as archive:
        archive.extractall(folder)
    return folder / PREFIX


def test_the_package_describes_exactly_the_shipped_csvs_with_their_columns(unpacked):
    package = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    assert package == datapackage.descriptor()  # generated, never edited by hand
    shipped = sorted(p.name for p in DEFAULT_DATA_DIR.glob("*.csv"))
    assert sorted(Path(r["path"]).name for r in package["resources"]) == shipped
    assert package["version"] == DATA_VERSION
    for resource in package["resources"]:
        with (DEFAULT_DATA_DIR / Path(resource["path"]).name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header == list(
            schema.BY_NAME[resource["name"]].column_names)


def test_the_zip_holds_the_csvs_the_codebook_the_changelog_and_the_citation():
    with zipfile.ZipFile(io.BytesIO(datapackage.zip_bytes())) as archive:
        names = sorted(n.removeprefix(PREFIX) for n in archive.namelist())
        assert all(n.startswith(PREFIX) for n in archive.namelist())
        for inside, path in datapackage.files().items():
            assert archive.read(PREFIX + inside) == path.read_bytes(), inside
    assert names == sorted(["datapackage.json", "data/README.md", "data/CHANGELOG.md", "CITATION.cff",
                            *(f"data/{t.file}" for t in schema.TABLES)])
    assert datapackage.zip_bytes() == datapackage.zip_bytes()  # the same files give the same bytes


def test_frictionless_validates_the_package_and_pandas_reads_it(unpacked):
    report = frictionless.validate(str(unpacked / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]
    events = pd.read_csv(unpacked / "data" / "events.csv")
    assert len(events) == len(pd.read_csv(DEFAULT_DATA_DIR / "events.csv"))


def test_frictionless_catches_a_value_the_schema_forbids(unpacked, tmp_path):
    """The package's constraints have teeth: an unknown event kind and a dangling source id are reported."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(unpacked, copy)
    path = copy / "data" / "events.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    rows[1][header.index("kind")] = "picnic"
    rows[2][header.index("source_id")] = "nobody_2020"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = frictionless.validate(str(copy / "datapackage.json"))
    errors = {(e[0], e[1]) for e in report.flatten(["type", "fieldName"])}
    assert not report.valid
    assert ("constraint-error", "kind") in errors
    assert any(kind == "foreign-key" for kind, _ in errors)
