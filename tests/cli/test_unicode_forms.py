"""One Unicode form: a name typed decomposed (NFD, as macOS writes it) means the same as NFC.

``Mu`` + U+0308 used to get the id ``muller`` instead of ``mueller``, escape duplicate
detection and fail ``--hub München``. Arguments, prompt answers and spreadsheet cells are
normalised to NFC; the folding helpers give one answer for both forms.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import typer

from dehub_cli.cli import app
from dehub_cli.cli.common import handles_errors
from dehub_cli.textnorm import fold, fold_key, folds, nfc, normalise_name, slugify
from tests.helpers import RegistryFactory, hub, member, org, run

NAMES = ["Müller & Söhne GmbH", "München", "Björn Müller", "Düsseldorf ÄÖÜ", "Crème brûlée"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("name", NAMES)
def test_folding_gives_one_answer_for_nfc_and_nfd(name: str) -> None:
    decomposed = nfd(name)
    assert decomposed != name
    assert fold(decomposed) == fold(name)
    assert fold_key(decomposed) == fold_key(name)
    assert slugify(decomposed) == slugify(name)
    assert normalise_name(decomposed) == normalise_name(name)
    assert folds(decomposed) == folds(name)
    assert nfc(decomposed) == name


def test_the_ids_of_the_issue() -> None:
    assert slugify(nfd("Björn Müller")) == slugify("Björn Müller") == "bjoern-mueller"


def test_every_command_normalises_its_arguments() -> None:
    """Each command's callback is the handles_errors wrapper: the one place for NFC."""
    wrapper_code = handles_errors(lambda: None).__code__

    def commands(typer_app: typer.Typer, prefix: str = "") -> list[tuple[str, Any]]:
        found = [(f"{prefix}{info.name}", info.callback) for info in typer_app.registered_commands]
        for group in typer_app.registered_groups:
            assert group.typer_instance is not None
            found += commands(group.typer_instance, f"{prefix}{group.name} ")
        return found

    listed = commands(app)
    assert len(listed) >= 12
    for name, callback in listed:
        assert callback.__code__ is wrapper_code, f"{name} is not wrapped by handles_errors"


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(
        hubs=[hub("muenchen", name="Digital Hub Mobility", cities=["München"])],
        orgs=[org("mueller", name="Müller GmbH", city="München", memberships=[member("muenchen")])],
    )


def test_hub_given_in_nfd_is_found(data: Path) -> None:
    result = run("list", "orgs", "--hub", nfd("München"), "--data", str(data), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == ["mueller"]
    shown = run("show", nfd("Müller GmbH"), "--data", str(data), "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "mueller"


def test_add_org_in_nfd_writes_nfc_and_sees_the_duplicate(data: Path) -> None:
    args = ["--kind", "startup", "--hub", nfd("München"), "--since", "2018"]
    args += ["--source-url", "https://example.org/x", "--yes", "--data", str(data)]
    duplicate = run("add", "org", nfd("Müller GmbH"), *args)
    assert (duplicate.exit_code, duplicate.stdout) == (1, "")
    assert duplicate.stderr == (
        "note: 'Müller GmbH' is similar to mueller ('Müller GmbH')\n"
        f"error: 'Müller GmbH' looks like {data / 'orgs' / 'mueller.yaml'} ('Müller GmbH')\n"
        "hint: add a membership to it instead: "
        "dehub add membership mueller --hub muenchen --since 2018\n"
    )
    result = run("add", "org", nfd("Björn Müller"), "--city", nfd("München"), *args)
    assert result.exit_code == 0, result.stderr
    written = (data / "orgs" / "bjoern-mueller.yaml").read_text(encoding="utf-8")
    assert written == (
        "id: bjoern-mueller\n"
        "name: Björn Müller\n"
        "kind: startup\n"
        "city: München\n"
        "memberships:\n"
        "  - hub: muenchen\n"
        "    since: 2018\n"
        "    sources:\n"
        "      - url: https://example.org/x\n"
        "sources:\n"
        "  - url: https://example.org/x\n"
    )
    assert unicodedata.is_normalized("NFC", written)


def test_import_cells_are_read_as_nfc(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "members.csv"
    rows = f"name,kind,city,since\n{nfd('Müller GmbH')},sme,,2019\n{nfd('Jörg Bär')},startup,{nfd('München')},2019\n"
    sheet.write_text(rows, encoding="utf-8")
    result = run(
        "import", str(sheet), "--hub", "muenchen", "--source-url", "https://example.org/list",
        "--yes", "--data", str(data), "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert [(row["action"], row["id"], row["name"]) for row in plan["rows"]] == [
        ("unchanged", "mueller", "Müller GmbH"),
        ("new", "joerg-baer", "Jörg Bär"),
    ]
    written = (data / "orgs" / "joerg-baer.yaml").read_text(encoding="utf-8")
    assert "name: Jörg Bär\n" in written
    assert "city: München\n" in written


def test_prompt_answers_are_read_as_nfc(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    from dehub_cli.cli import editing

    monkeypatch.setattr(typer, "prompt", lambda *args, **kwargs: nfd("Köln"))
    assert editing.ask(None, "--city", "City", True, str) == "Köln"
