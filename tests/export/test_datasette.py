"""metadata.json: what Datasette needs to present the file with no configuration."""

from __future__ import annotations

from dehub_cli.export.dataset import Dataset
from dehub_cli.export.datasette import metadata
from dehub_cli.export.tables import TABLES, VIEWS


def test_top_level(dataset: Dataset) -> None:
    document = metadata(dataset, "dehub")
    assert list(document) == ["title", "description", "databases"]
    assert document["title"] == "de:hub registry"
    assert "2019-03-01" in document["description"]
    assert "0123abc" in document["description"]
    assert list(document["databases"]) == ["dehub"]


def test_license_and_source_when_given(dataset: Dataset) -> None:
    index = {**dataset.index, "license": "CC BY 4.0", "source": "https://example.org/reg"}
    document = metadata(Dataset(**{**dataset.__dict__, "index": index}), "dehub")
    assert (document["license"], document["source"], document["source_url"]) == (
        "CC BY 4.0",
        "https://example.org/reg",
        "https://example.org/reg",
    )


def test_tables(dataset: Dataset) -> None:
    tables = metadata(dataset, "dehub")["databases"]["dehub"]["tables"]
    assert list(tables) == [spec.name for spec in TABLES] + [view.name for view in VIEWS]
    organisations = tables["organisations"]
    assert organisations["label_column"] == "name"
    assert organisations["fts_table"] == "organisations_fts"
    assert organisations["fts_pk"] == "rowid"
    assert organisations["facets"] == ["kind", "active", {"array": "sectors"}, {"array": "hubs"}]
    assert organisations["sortable_columns"] == ["name", "kind", "city", "founded"]
    assert tables["hubs"]["fts_table"] == "hubs_fts"
    assert tables["hubs"]["label_column"] == "name"
    assert tables["sectors"]["label_column"] == "name"
    assert "fts_table" not in tables["memberships"]
    for spec in TABLES:
        columns = tables[spec.name]["columns"]
        assert list(columns) == spec.column_names
        assert all(description for description in columns.values()), spec.name
