"""Shell completion: hub ids, organisation ids, sectors, kinds, roles and codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dehub_cli.cli import app
from dehub_cli.cli.complete import (
    complete_code,
    complete_hub,
    complete_kind,
    complete_record,
    complete_sector,
)
from tests.helpers import RegistryFactory, hub, org


class Ctx:
    """The part of a click context the completion reads: the parsed parameters."""

    def __init__(self, data: Path | None) -> None:
        self.params = {"data": str(data) if data else None}


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(
        hubs=[hub("dortmund", name="Digital Hub Logistics"), hub("dresden"), hub("berlin")],
        orgs=[org("dhl"), org("bitkom")],
    )


def test_hubs_with_their_names(data: Path) -> None:
    assert complete_hub(Ctx(data), "d") == [
        ("dortmund", "Digital Hub Logistics"),
        ("dresden", "Hub dresden"),
    ]


def test_records_are_hubs_then_organisations(data: Path) -> None:
    assert complete_record(Ctx(data), "d") == [
        ("dortmund", "Digital Hub Logistics"),
        ("dresden", "Hub dresden"),
        ("dhl", "organisation"),
    ]


def test_sectors_kinds_codes(data: Path) -> None:
    assert complete_sector(Ctx(data), "i") == [("insurtech", "sector"), ("iot", "sector")]
    assert complete_kind(Ctx(data), "s") == [("sme", "kind"), ("startup", "kind")]
    assert complete_code(Ctx(None), "dh30") == [
        ("DH301", "duplicate id"),
        ("DH302", "unknown hub"),
        ("DH303", "unknown sector"),
        ("DH304", "unknown twin hub"),
        ("DH305", "twins not symmetric"),
        ("DH306", "until before since"),
        ("DH307", "membership starts before the hub was announced"),
        ("DH308", "organisation names that look like duplicates"),
        ("DH309", "hub without an operator"),
    ]


def test_no_registry_completes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete_hub(Ctx(None), "") == []
    assert complete_record(Ctx(tmp_path / "nowhere"), "") == []


def test_the_shell_asks_and_gets_ids(data: Path) -> None:
    result = CliRunner().invoke(
        app,
        [],
        prog_name="dehub",
        env={
            "_DEHUB_COMPLETE": "complete_bash",
            "COMP_WORDS": f"dehub list --data {data} --hub d",
            "COMP_CWORD": "5",
        },
    )
    assert result.stdout == "dortmund\ndresden\n"
