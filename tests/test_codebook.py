"""The codebook in data/README.md is generated from turan.schema and must not drift from it."""

from turan import codebook, schema


def test_codebook_matches_schema():
    text = codebook.README.read_text(encoding="utf-8")
    assert codebook.updated(text) == text, "run: python -m turan.codebook"


def test_codebook_lists_every_column():
    rendered = codebook.render()
    for table in schema.TABLES:
        assert f"### `{table.file}`" in rendered
        for column in table.columns:
            assert f"| `{column.name}` |" in rendered
