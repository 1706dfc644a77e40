"""The records of the registry: hubs, organisations, sectors and the initiative.

Each model checks one record on its own (types, required keys, allowed values,
``until`` not before ``since``); rules across records live in :mod:`dehub_cli.rules`.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from dehub_cli.dates import PartialDate

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Lowercase ASCII letters, digits and single hyphens: ``koeln``, ``fraunhofer-iml``."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]

FlexDate = Annotated[
    PartialDate,
    PlainValidator(PartialDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "ISO date (2017-04-21), month (2017-04) or year (2017)",
        }
    ),
]


class OrgKind(enum.StrEnum):
    """What sort of organisation a record describes."""

    STARTUP = "startup"
    SME = "sme"
    CORPORATE = "corporate"
    UNIVERSITY = "university"
    RESEARCH = "research"
    INVESTOR = "investor"
    ACCELERATOR = "accelerator"
    ASSOCIATION = "association"
    PUBLIC = "public"


class Role(enum.StrEnum):
    """An organisation's part in a hub."""

    MEMBER = "member"
    OPERATOR = "operator"
    PARTNER = "partner"
    MENTOR = "mentor"
    INVESTOR = "investor"


class Record(BaseModel):
    """Base of every model: unknown keys are errors, values do not change once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle the field values and which were set: the cache holds 10,000s of records."""
        return {"d": self.__dict__, "s": self.__pydantic_fields_set__}

    def __setstate__(self, state: dict[Any, Any]) -> None:
        # Records have no extra fields (extra="forbid") and no private attributes.
        setattr_ = object.__setattr__
        setattr_(self, "__dict__", state["d"])
        setattr_(self, "__pydantic_fields_set__", state["s"])
        setattr_(self, "__pydantic_extra__", None)
        setattr_(self, "__pydantic_private__", None)


class Source(Record):
    """Where a fact was read."""

    url: Url
    title: Text
    date: FlexDate | None = None


Sources = Annotated[list[Source], Field(min_length=1)]


class Span(Record):
    """A period with a start and an optional end; ``until`` may not precede ``since``."""

    @model_validator(mode="after")
    def _until_not_before_since(self) -> Any:
        since: PartialDate | None = getattr(self, "since", None)
        until: PartialDate | None = getattr(self, "until", None)
        if since is not None and until is not None and until.last_day < since.first_day:
            raise PydanticCustomError(
                "until_before_since",
                "until {until} is before since {since}",
                {"until": str(until), "since": str(since)},
            )
        return self


class SectorSpan(Span):
    """A hub's focus on one sector, possibly for a period only."""

    sector: Id
    since: FlexDate | None = None
    until: FlexDate | None = None


class Hub(Record):
    """One digital hub of the initiative (``data/hubs/<id>.yaml``)."""

    id: Id | None = None
    name: Text
    cities: Annotated[list[Text], Field(min_length=1)]
    sectors: Annotated[list[SectorSpan], Field(min_length=1)]
    announced: FlexDate
    twins: list[Id] = []
    website: Url | None = None
    description: Text | None = None
    sources: Sources

    @field_validator("sectors", mode="before")
    @classmethod
    def _plain_sector_ids(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"sector": item} if isinstance(item, str) else item for item in value]
        return value


class Membership(Span):
    """An organisation's membership in one hub over a period; no ``until`` = still a member."""

    hub: Id
    role: Role = Role.MEMBER
    since: FlexDate
    until: FlexDate | None = None


class Org(Record):
    """One organisation (``data/orgs/<id>.yaml``) with its memberships over time."""

    id: Id | None = None
    name: Text
    kind: OrgKind
    city: Text | None = None
    founded: Annotated[int, Field(ge=1000, le=2100)] | None = None
    website: Url | None = None
    description: Text | None = None
    sectors: list[Id] = []
    memberships: list[Membership] = []
    sources: Sources


class Sector(Record):
    """One entry of the sector vocabulary."""

    id: Id
    name: Text
    name_de: Text | None = None
    aliases: list[Text] = []


class SectorsFile(Record):
    """``data/sectors.yaml``: the controlled vocabulary of sectors."""

    sectors: Annotated[list[Sector], Field(min_length=1)]


FigureKey = Literal["hubs", "startups", "companies", "universities", "partners", "organisations"]


class PublishedFigure(Record):
    """Figures the initiative published on one day."""

    date: FlexDate
    figures: Annotated[dict[FigureKey, Annotated[int, Field(ge=0)]], Field(min_length=1)]
    qualifier: Literal["at_least", "about"] | None = None
    text: Text | None = None
    sources: Sources


class Initiative(Record):
    """``data/initiative.yaml``: the initiative itself and its published figures."""

    name: Text
    short_name: Text | None = None
    launched: FlexDate | None = None
    website: Url | None = None
    description: Text | None = None
    published: list[PublishedFigure] = []
    sources: Sources
