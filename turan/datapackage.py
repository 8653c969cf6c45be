"""The whole dataset as one download: a zip with every CSV of data/, the codebook (data/README.md), the changelog,
CITATION.cff and a datapackage.json (the Frictionless Data Package standard) generated from turan.schema, so any
Frictionless tool, or pandas, can load it with the columns' types, vocabularies, keys and descriptions.

    python -m turan.datapackage --out turan-dataset.zip     # what the Sources page's download button gives
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from turan import DATA_VERSION, schema
from turan.load import DEFAULT_DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
NAME = "turan-dashboard-dataset"
FIELD_TYPES = {  # schema column kind -> Frictionless field type (partial dates and lists stay strings)
    schema.TEXT: "string", schema.ID: "string", schema.ISO3: "string", schema.ISO3_LIST: "string",
    schema.DATE: "string", schema.INT: "integer", schema.FLOAT: "number", schema.ENUM: "string",
    schema.URL: "string", schema.ID_LIST: "string",
}
PATTERNS = {  # what the validator accepts for these kinds, as a Frictionless pattern
    schema.ISO3: r"^[A-Z]{3}$", schema.ISO3_LIST: r"^[A-Z]{3}(;[A-Z]{3})*$",
    schema.DATE: r"^\d{4}(-\d{2}(-\d{2})?)?$", schema.URL: r"^https?://\S+$", schema.ID_LIST: r"^[^;\s]+(;[^;\s]+)*$",
}
KIND_WORDS = {schema.DATE: " A partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD, at the precision the source gives.",
              schema.ISO3_LIST: " ISO 3166-1 alpha-3 codes separated by ';'.",
              schema.ID_LIST: " Identifiers separated by ';'."}
EXTRAS = {"data/README.md": "data/README.md", "data/CHANGELOG.md": "data/CHANGELOG.md",
          "CITATION.cff": "CITATION.cff"}  # path in the zip -> path in the project


def field(column: schema.Column) -> dict:
    """One column as a Frictionless field: type, description (with its unit), constraints."""
    out = {"name": column.name, "type": FIELD_TYPES[column.kind],
           "description": column.description + KIND_WORDS.get(column.kind, "")}
    if column.unit:
        out["description"] += f" Unit: {column.unit}."
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if column.pattern or column.kind in PATTERNS:
        constraints["pattern"] = column.pattern or PATTERNS[column.kind]
    if constraints:
        out["constraints"] = constraints
    return out


def resource(table: schema.Table) -> dict:
    """One CSV as a Frictionless tabular resource, with its key and its references into other tables."""
    fields = [field(c) for c in table.columns]
    keys = [c.name for c in table.columns if c.unique and c.required]
    refs = [{"fields": c.name, "reference": {"resource": c.ref[0], "fields": c.ref[1]}}
            for c in table.columns if c.ref and c.kind not in schema.LISTS]  # a list cell is no single key
    table_schema: dict = {"fields": fields}
    if keys:
        table_schema["primaryKey"] = keys[0]
    if refs:
        table_schema["foreignKeys"] = refs
    return {"name": table.name, "path": f"data/{table.file}", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": table.description, "schema": table_schema}


def descriptor() -> dict:
    """The datapackage.json of the shipped dataset, from the schema: one resource per table, in the schema's order."""
    return {
        "profile": "tabular-data-package", "name": NAME, "version": DATA_VERSION,
        "title": "Turan Dashboard dataset: Turkey's defence ties with the Turkic states",
        "description": "Curated, schema-validated tables behind the Turan Dashboard. Every row names its source "
                       "(sources.csv): Dávid Biró's paper with its footnote, or an official page, treaty or "
                       "dataset. data/README.md is the codebook; data/CHANGELOG.md says what each version changed.",
        "sources": [{"title": "Dávid Biró, \"The Turan Army: Opportunities for a new military cooperation led by "
                              "Turkey\", Storia Militare Contemporanea, fasc. 2 / N.8 (2021)"},
                    {"title": "The official pages, treaties and datasets listed in data/sources.csv"}],
        "resources": [resource(t) for t in schema.TABLES],
    }


def files(data_dir: str | Path = DEFAULT_DATA_DIR) -> dict[str, Path]:
    """Path in the zip -> file on disk, for every file the zip holds but datapackage.json."""
    data_dir = Path(data_dir)
    out = {f"data/{t.file}": data_dir / t.file for t in schema.TABLES}
    out.update({inside: ROOT / path for inside, path in EXTRAS.items()})
    return out


def zip_bytes(data_dir: str | Path = DEFAULT_DATA_DIR) -> bytes:
    """The dataset as a zip (the same bytes for the same files: fixed timestamps and order)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = {"datapackage.json": json.dumps(descriptor(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"}
        entries.update({inside: path.read_bytes() for inside, path in files(data_dir).items()})
        for inside, content in entries.items():
            info = zipfile.ZipInfo(f"{NAME}-{DATA_VERSION}/{inside}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


def filename() -> str:
    """'turan-dashboard-dataset-0.2.0.zip'."""
    return f"{NAME}-{DATA_VERSION}.zip"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m turan.datapackage", description=(
        "Write the whole dataset (every CSV, the codebook, the changelog, CITATION.cff, datapackage.json) as a zip."))
    parser.add_argument("--out", type=Path, default=Path(filename()), help="where to write the zip")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    args.out.write_bytes(zip_bytes(args.data))
    print(f"Wrote {args.out}: {len(schema.TABLES)} tables, data version {DATA_VERSION}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
