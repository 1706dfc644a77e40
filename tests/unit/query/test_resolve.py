"""``dehub_cli.query.resolve``: a hub or an organisation found by id, name or city."""

from __future__ import annotations

import pytest

from dehub_cli import Registry
from dehub_cli.errors import UnknownRecord
from dehub_cli.query.resolve import resolve_record


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("berlin", ("hub", "berlin")),
        ("Koeln", ("hub", "koeln")),
        ("Köln", ("hub", "koeln")),
        ("Logistics Hub Dortmund", ("hub", "dortmund")),
        ("gamma", ("org", "gamma")),
        ("Beta Versicherung", ("org", "beta")),
    ],
)
def test_resolve_record(registry: Registry, text: str, expected: tuple[str, str]) -> None:
    assert resolve_record(registry, text) == expected


def test_resolve_unknown_suggests(registry: Registry) -> None:
    with pytest.raises(UnknownRecord) as caught:
        resolve_record(registry, "hamburgg")
    assert caught.value.hint == "did you mean 'hamburg'?"
