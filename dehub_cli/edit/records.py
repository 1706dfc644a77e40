"""New records and edits to existing ones, each checked with the models before it is written.

New files are built as plain mappings in the models' key order and written by ruamel.yaml;
edits to an existing file go through :mod:`dehub_cli.edit.roundtrip` so that everything
else in the file stays as it was. Every resulting text is read back with the strict reader
and validated with its model: :class:`RecordInvalidError` means nothing may be written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dehub_cli.dates import PartialDate
from dehub_cli.edit import EditError
from dehub_cli.textnorm import quoted, slugify

if TYPE_CHECKING:
    from pydantic import BaseModel

    from dehub_cli.entries import OrgEntry
    from dehub_cli.models import Role

__all__ = [
    "RecordInvalidError",
    "add_membership_text",
    "add_twin_text",
    "end_membership_text",
    "hub_id_for",
    "hub_mapping",
    "membership_conflict",
    "membership_mapping",
    "new_record_text",
    "org_mapping",
    "source_mapping",
    "validate_text",
]

LIST_COLUMN = 2
"""Column of the ``-`` of a top-level key's list items in the registry's layout."""
ITEM_KEY_COLUMN = 4
"""Column of the keys of a mapping inside such a list item."""


class RecordInvalidError(EditError):
    """The record an edit would produce does not pass validation; ``problems`` says why."""

    def __init__(self, display: str, problems: list[str]) -> None:
        super().__init__(
            f"{display} would not be valid",
            "nothing was written; correct the values and run the command again",
            details=problems,
        )
        self.display = display
        self.problems = problems


# --- matching names and websites ------------------------------------------------------------


# --- building mappings ----------------------------------------------------------------------


def _yaml_date(value: PartialDate) -> Any:
    from dehub_cli.edit.roundtrip import yaml_date

    return yaml_date(value)


def source_mapping(
    url: str, title: str | None = None, date: PartialDate | None = None
) -> dict[str, Any]:
    """One ``sources`` entry; a title only when the page's real title is given."""
    mapping: dict[str, Any] = {"url": url.strip()}
    if title and title.strip():
        mapping["title"] = title.strip()
    if date is not None:
        mapping["date"] = _yaml_date(date)
    return mapping


def membership_mapping(
    hub: str,
    since: PartialDate,
    role: Role | str | None = None,
    source: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One ``memberships`` entry with its own source; ``role`` left out when it is ``member``."""
    mapping: dict[str, Any] = {"hub": hub}
    if role is not None and str(role) != "member":
        mapping["role"] = str(role)
    mapping["since"] = _yaml_date(since)
    if source is not None:
        mapping["sources"] = [dict(source)]
    return mapping


def _ordered(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` in the model's field order, empty ones left out."""
    return {
        key: values[key]
        for key in model.model_fields
        if key in values and values[key] not in (None, "", [])
    }


def org_mapping(
    *,
    org_id: str,
    name: str,
    kind: str,
    sources: list[dict[str, Any]],
    city: str | None = None,
    website: str | None = None,
    sectors: Iterable[str] = (),
    memberships: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A new organisation record in the model's key order."""
    from dehub_cli.models import Org

    return _ordered(
        Org,
        {
            "id": org_id,
            "name": name.strip(),
            "kind": str(kind),
            "city": city.strip() if city else None,
            "website": website.strip() if website else None,
            "sectors": list(dict.fromkeys(sectors)),
            "memberships": list(memberships),
            "sources": sources,
        },
    )


def hub_mapping(
    *,
    hub_id: str,
    name: str,
    cities: list[str],
    sectors: list[str],
    announced: PartialDate,
    sources: list[dict[str, Any]],
    twins: Iterable[str] = (),
    website: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """A new hub record in the model's key order."""
    from dehub_cli.models import Hub

    return _ordered(
        Hub,
        {
            "id": hub_id,
            "name": name.strip(),
            "cities": [city.strip() for city in cities],
            "sectors": list(dict.fromkeys(sectors)),
            "announced": _yaml_date(announced),
            "twins": list(dict.fromkeys(twins)),
            "website": website.strip() if website else None,
            "description": description.strip() if description else None,
            "sources": sources,
        },
    )


def hub_id_for(cities: list[str]) -> str:
    """A hub's id from its cities, as the registry names them: ``dresden-leipzig``."""
    return slugify(" ".join(cities))


# --- texts and validation -------------------------------------------------------------------


def new_record_text(mapping: dict[str, Any]) -> str:
    """The YAML text of a new record in the registry's layout."""
    from dehub_cli.edit import roundtrip

    return roundtrip.dump(roundtrip.new_map(list(mapping.items())))


def validate_text(text: str, model: type[BaseModel], record_id: str, display: str) -> Any:
    """Read ``text`` strictly and validate it as ``model``; :class:`RecordInvalidError` if not."""
    from pydantic import ValidationError

    from dehub_cli.schema_errors import findings_from_errors
    from dehub_cli.yamlparse import parse_yaml

    parsed = parse_yaml(text)
    if parsed.problems:
        raise RecordInvalidError(
            display, [f"line {problem.line}: {problem.message}" for problem in parsed.problems]
        )
    value = parsed.value
    if not isinstance(value, dict):
        raise RecordInvalidError(display, ["the top level is not a mapping"])
    if value.get("id", record_id) != record_id:
        raise RecordInvalidError(
            display, [f"id {quoted(value.get('id'))} is not {quoted(record_id)}"]
        )
    try:
        return model.model_validate({"id": record_id, **value})
    except ValidationError as error:
        problems = [
            finding.message for finding in findings_from_errors(model, error.errors(), display)
        ]
        raise RecordInvalidError(display, problems) from None


def membership_conflict(org: OrgEntry, hub: str, since: PartialDate) -> str | None:
    """Why ``org`` cannot get a membership in ``hub`` from ``since`` on, or ``None``."""
    for membership in org.memberships:
        if membership.hub != hub:
            continue
        if membership.end is None:
            return f"is a member of {quoted(hub)} since {membership.start or 'an unknown date'} already"
        if membership.end.last_day >= since.first_day:
            return (
                f"was a member of {quoted(hub)} until {membership.end}; "
                "a new membership must start after that"
            )
    return None


def _load_record(text: str) -> Any:
    from dehub_cli.edit import roundtrip
    from dehub_cli.edit.roundtrip import CommentedMap

    try:
        document = roundtrip.load(text.lstrip("\ufeff").replace("\r\n", "\n"))
    except Exception as error:  # ruamel raises many types; all mean "cannot edit"
        raise EditError(f"cannot read the file for editing: {error}") from None
    if not isinstance(document, CommentedMap):
        raise EditError("the file is not a record of 'key: value' lines")
    return document


def _with_newlines_of(original: str, text: str) -> str:
    return text.replace("\n", "\r\n") if "\r\n" in original else text


def add_membership_text(text: str, membership: dict[str, Any]) -> str:
    """``text`` of an organisation file with ``membership`` appended to its memberships."""
    from dehub_cli.edit import roundtrip
    from dehub_cli.edit.roundtrip import CommentedSeq
    from dehub_cli.models import Org

    document = _load_record(text)
    current = document.get("memberships")
    if isinstance(current, CommentedSeq) and len(current):
        roundtrip.append_item(current, membership, column=LIST_COLUMN)
    elif current is None or (isinstance(current, list) and not current):
        roundtrip.insert_key(
            document, "memberships", [membership], order=list(Org.model_fields), column=0
        )
    else:
        raise EditError("'memberships' is not a list", "write it as a list of '- hub: ...' items")
    return _with_newlines_of(text, roundtrip.dump(document))


def add_twin_text(text: str, twin: str) -> str:
    """``text`` of a hub file with ``twin`` added to its twins (twins name each other)."""
    from dehub_cli.edit import roundtrip
    from dehub_cli.edit.roundtrip import CommentedSeq
    from dehub_cli.models import Hub

    document = _load_record(text)
    current = document.get("twins")
    if isinstance(current, CommentedSeq) and len(current):
        if twin not in current:
            roundtrip.append_item(current, twin, column=LIST_COLUMN)
    elif current is None or (isinstance(current, list) and not current):
        roundtrip.insert_key(document, "twins", [twin], order=list(Hub.model_fields), column=0)
    else:
        raise EditError("'twins' is not a list", "write it as a list of '- hub-id' items")
    return _with_newlines_of(text, roundtrip.dump(document))


def end_membership_text(
    text: str, hub: str, until: PartialDate, source: dict[str, Any] | None = None
) -> str:
    """``text`` of an organisation file with its open membership in ``hub`` ended on ``until``.

    ``source``, the page that states the end, joins the membership's own sources.
    """
    from dehub_cli.edit import roundtrip
    from dehub_cli.edit.roundtrip import CommentedMap
    from dehub_cli.models import Membership

    document = _load_record(text)
    memberships = document.get("memberships") or []
    open_ones = [
        item
        for item in memberships
        if isinstance(item, CommentedMap)
        and item.get("hub") == hub
        and item.get("until") is None
        and item.get("last_seen") is None
    ]
    if not open_ones:
        raise EditError(
            f"no open membership in {quoted(hub)}",
            "only a membership without 'until' or 'last_seen' can be ended; see the file's memberships",
        )
    if len(open_ones) > 1:
        raise EditError(f"{len(open_ones)} open memberships in {quoted(hub)}; end one by hand")
    ended = open_ones[0]
    roundtrip.insert_key(
        ended,
        "until",
        roundtrip.yaml_date(until),
        order=list(Membership.model_fields),
        column=ITEM_KEY_COLUMN,
    )
    if source is not None:
        _add_source(ended, source)
    return _with_newlines_of(text, roundtrip.dump(document))


def _add_source(membership: Any, source: dict[str, Any]) -> None:
    """Give a membership ``source`` among its own sources (once)."""
    from dehub_cli.edit import roundtrip
    from dehub_cli.edit.roundtrip import CommentedSeq
    from dehub_cli.models import Membership

    existing = membership.get("sources")
    if isinstance(existing, CommentedSeq):
        if all(not isinstance(item, dict) or item.get("url") != source["url"] for item in existing):
            roundtrip.append_item(existing, roundtrip.new_map(list(source.items())), column=6)
        return
    roundtrip.insert_key(
        membership,
        "sources",
        [source],
        order=list(Membership.model_fields),
        column=ITEM_KEY_COLUMN,
    )
