"""The static JSON API: every document as a file, byte for byte stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dehub_cli.export import ExportError
from dehub_cli.export.dataset import Dataset, build_dataset
from dehub_cli.export.jsonapi import document_bytes, write_json_api
from dehub_cli.registry import Registry
from tests.export.small_registry import TODAY


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_files_hold_the_documents(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "api"
    write_json_api(dataset, out)
    written = files(out)
    assert sorted(written) == sorted(dataset.documents())
    for relative, document in dataset.documents().items():
        assert json.loads(written[relative]) == document


@pytest.mark.parametrize(
    "document",
    [
        {"name": 'Köln \u2028 "quoted" \\ <&>', "text": "line\nbreak\ttab\x1b", "empty": []},
        {"latitude": 51.51494, "longitude": -7.466, "coverage": 108.3, "zero": 0.0, "none": None},
        {"nested": [{"a": {}}, [], [1, 2.5, True, False]], "emoji": "\U0001f600"},
        [],
        {},
    ],
)
def test_document_bytes_are_what_json_dumps_writes(document: object) -> None:
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert document_bytes(document) == expected.encode("utf-8")


def test_floats_in_exponent_form_read_back_the_same() -> None:
    document = {"tiny": 1e-7, "big": 1e22}
    assert document_bytes(document) == b'{\n  "tiny": 1e-7,\n  "big": 1e22\n}\n'
    assert json.loads(document_bytes(document)) == document


def test_every_document_as_json_dumps_writes_it(dataset: Dataset) -> None:
    for document in dataset.documents().values():
        expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        assert document_bytes(document) == expected.encode("utf-8")


def test_index_bytes(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "api"
    write_json_api(dataset, out)
    assert (out / "index.json").read_text(encoding="utf-8") == (
        "{\n"
        '  "schema_version": 1,\n'
        '  "title": "de:hub registry",\n'
        '  "as_of": "2019-03-01",\n'
        '  "commit": "0123abc",\n'
        '  "license": null,\n'
        '  "source": null,\n'
        '  "counts": {\n'
        '    "hubs": 2,\n'
        '    "organisations": 4,\n'
        '    "memberships": 5,\n'
        '    "sectors": 4\n'
        "  },\n"
        '  "documents": {\n'
        '    "hubs": "hubs.json",\n'
        '    "hub": "hubs/{id}.json",\n'
        '    "orgs": "orgs.json",\n'
        '    "org": "orgs/{id}.json",\n'
        '    "sectors": "sectors.json",\n'
        '    "stats": "stats.json"\n'
        "  }\n"
        "}\n"
    )


def test_unicode_written_as_is(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "api"
    write_json_api(dataset, out)
    text = (out / "orgs" / "acme.json").read_text(encoding="utf-8")
    assert '"name": "Acme Ümlaut GmbH"' in text
    assert text.endswith("}\n")


def test_same_input_same_bytes(registry: Registry, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_json_api(build_dataset(registry, TODAY, "0123abc"), first)
    write_json_api(build_dataset(registry, TODAY, "0123abc"), second)
    assert files(first) == files(second)


def test_replaces_an_earlier_export_and_drops_stale_files(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "api"
    write_json_api(dataset, out)
    (out / "orgs" / "gone.json").write_text("{}\n")
    write_json_api(dataset, out)
    assert not (out / "orgs" / "gone.json").exists()
    assert sorted(files(out)) == sorted(dataset.documents())


def test_refuses_a_directory_of_other_files(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>mine</p>")
    with pytest.raises(ExportError, match="not a dehub export"):
        write_json_api(dataset, out)
    assert files(out) == {"index.html": b"<p>mine</p>"}


def test_writes_into_an_empty_directory(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    write_json_api(dataset, out)
    assert (out / "index.json").is_file()


def test_missing_parent_is_an_error(dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist") as raised:
        write_json_api(dataset, tmp_path / "no" / "api")
    assert raised.value.hint is not None
