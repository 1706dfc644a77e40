"""Control characters in the data: names, ids, cities, titles and URLs refuse them.

``description`` and a published figure's ``text`` are prose and may hold line breaks and
tabs, nothing else. Each refusal maps to DH209 with the value shown escaped.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from dehub_cli.codes import Code
from dehub_cli.models import Hub, Initiative, Org, Sector
from dehub_cli.schema_errors import findings_from_errors

SOURCE = {"url": "https://example.org/source"}
ORG: dict[str, Any] = {"name": "ACME", "kind": "startup", "sources": [SOURCE]}
HUB: dict[str, Any] = {
    "name": "Hub",
    "cities": ["Köln"],
    "sectors": ["iot"],
    "announced": "2016",
    "sources": [SOURCE],
}


def findings(model: type[BaseModel], record: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(record)
    return [
        (str(finding.code), finding.message, finding.hint or "")
        for finding in findings_from_errors(model, caught.value.errors(), "x.yaml")
    ]


@pytest.mark.parametrize(
    ("model", "record", "message"),
    [
        (
            Org,
            {**ORG, "name": "Evil\x1b[2JGmbH"},
            "name: 'Evil\\x1b[2JGmbH' holds the control character \\x1b",
        ),
        (Org, {**ORG, "name": "A\nB"}, "name: 'A\\nB' holds the control character \\n"),
        (Org, {**ORG, "city": "Köln\x07"}, "city: 'Köln\\x07' holds the control character \\x07"),
        (Org, {**ORG, "id": "acme\n"}, "id: 'acme\\n' holds the control character \\n"),
        (
            Org,
            {**ORG, "name": "abc\u202edcba"},
            "name: 'abc\\u202edcba' holds the control character \\u202e",
        ),
        (
            Org,
            {**ORG, "website": "https://a\x1bb.de"},
            "website: 'https://a\\x1bb.de' holds the control character \\x1b",
        ),
        (
            Org,
            {**ORG, "sources": [{"url": "https://x.de", "title": "T\x9b1m"}]},
            "sources[0].title: 'T\\x9b1m' holds the control character \\x9b",
        ),
        (
            Org,
            {**ORG, "description": "two\nlines\x1b"},
            "description: 'two\\nlines\\x1b' holds the control character \\x1b",
        ),
        (
            Hub,
            {**HUB, "cities": ["Kö\rln"]},
            "cities[0].name: 'Kö\\rln' holds the control character \\r",
        ),
        (
            Sector,
            {"id": "iot", "name": "IoT", "aliases": ["I\toT"]},
            "aliases[0]: 'I\\toT' holds the control character \\t",
        ),
    ],
)
def test_control_characters_are_errors_with_the_value_escaped(
    model: type[BaseModel], record: dict[str, Any], message: str
) -> None:
    [(code, shown, hint)] = findings(model, record)
    assert code == Code.CONTROL_CHARACTER
    assert str(code) == "DH209"
    assert shown == message
    assert hint.startswith("remove it")


def test_prose_keeps_line_breaks_and_tabs() -> None:
    org = Org.model_validate({**ORG, "description": "First line.\n\tSecond line."})
    assert org.description == "First line.\n\tSecond line."
    initiative = Initiative.model_validate(
        {
            "name": "Digital Hub Initiative",
            "sources": [SOURCE],
            "published": [
                {"date": "2018", "figures": {"hubs": 12}, "text": "a\nb", "sources": [SOURCE]}
            ],
        }
    )
    assert initiative.published[0].text == "a\nb"


def test_markup_and_html_are_text_not_errors() -> None:
    """Brackets and angle brackets are ordinary text: the renderers escape them."""
    org = Org.model_validate({**ORG, "name": "ACME [Europe] <GmbH> =1+1"})
    assert org.name == "ACME [Europe] <GmbH> =1+1"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/",
        "https://exa mple.org/",
        "https://example.org/ x",
        "https://",
        "//example.org/",
        "https://example.org/\x00",
        "https://example.org/\u2028",
        "www.example.org",
    ],
)
def test_only_http_addresses_without_spaces_or_controls(url: str) -> None:
    [(code, message, _)] = findings(Org, {**ORG, "website": url})
    assert code in (Code.WRONG_TYPE, Code.CONTROL_CHARACTER)
    assert message.startswith("website: '")


@pytest.mark.parametrize("url", ["https://example.org/", "http://x.de/a?b=c&d=%20#f"])
def test_http_addresses_pass(url: str) -> None:
    assert Org.model_validate({**ORG, "website": url}).website == url
