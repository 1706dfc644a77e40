"""The records of the registry: hubs, organisations, sectors and the initiative.

Each model checks one record on its own (types, required keys, allowed values,
``until`` not before ``since``); rules across records live in :mod:`dehub_cli.rules`.
"""

from __future__ import annotations

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
from dehub_cli.identifiers import identifier_problem
from dehub_cli.kinds import OrgKind as OrgKind
from dehub_cli.kinds import Role as Role
from dehub_cli.textnorm import CONTROL_CHARACTERS

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = rf"^https?://[^\s/$.?#{CONTROL_CHARACTERS}][^\s{CONTROL_CHARACTERS}]*$"
"""http(s) only: no ``javascript:`` or ``data:``, no spaces, no control characters."""
TEXT_PATTERN = rf"^[^{CONTROL_CHARACTERS}]*$"
"""One line of text: no control character at all (see :data:`CONTROL_CHARACTERS`)."""
PROSE_PATTERN = rf"^(?:[\t\n]|[^{CONTROL_CHARACTERS}])*$"
"""Running text: line breaks and tabs, but no other control character."""
LAND_PATTERN = r"^DE-(BB|BE|BW|BY|HB|HE|HH|MV|NI|NW|RP|SH|SL|SN|ST|TH)$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Lowercase ASCII letters, digits and single hyphens: ``koeln``, ``fraunhofer-iml``."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=TEXT_PATTERN)]
"""A name, city, title or label: one line, no control characters (ESC, BEL, bidi overrides)."""
Prose = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=PROSE_PATTERN)
]
"""A description or a published text: may hold line breaks and tabs, no other controls."""
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
"""An ``http://`` or ``https://`` address without spaces or control characters."""

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


def _empty_list() -> Any:
    """An empty list by default, made anew for each record without the deep copy pydantic
    makes of a ``[]`` default; the JSON Schema still says ``"default": []``."""
    return Field(default_factory=list, json_schema_extra={"default": []})


def _empty_dict() -> Any:
    """:func:`_empty_list` for a mapping."""
    return Field(default_factory=dict, json_schema_extra={"default": {}})


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
    """Where a fact was read: the page's address, its real title (if known) and its date."""

    url: Url
    title: Text | None = None
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


LandCode = Annotated[str, StringConstraints(pattern=LAND_PATTERN)]
"""ISO 3166-2 code of a German Land: ``DE-BY``."""


class City(Record):
    """A city of a hub, with its Land and WGS84 coordinates (for the map)."""

    name: Text
    land: LandCode | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None


class Hub(Record):
    """One digital hub of the initiative (``data/hubs/<id>.yaml``)."""

    id: Id | None = None
    name: Text
    cities: list[City]
    laender: list[LandCode] = _empty_list()
    sectors: Annotated[list[SectorSpan], Field(min_length=1)]
    announced: FlexDate
    twins: list[Id] = _empty_list()
    website: Url | None = None
    description: Prose | None = None
    sources: Sources

    @field_validator("sectors", mode="before")
    @classmethod
    def _plain_sector_ids(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"sector": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("cities", mode="before")
    @classmethod
    def _plain_city_names(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _somewhere(self) -> Any:
        if not self.cities and not self.laender:
            raise PydanticCustomError(
                "no_place", "a hub needs at least one city, or 'laender' when no city is known"
            )
        return self

    @property
    def city_names(self) -> list[str]:
        """The names of the hub's cities, in file order."""
        return [city.name for city in self.cities]


class Membership(Record):
    """An organisation's membership in one hub over a period.

    The start is stated (``since``), only known to be no later than a date
    (``first_seen``), or unknown (neither). The end is stated (``until``), only known to
    come after a date (``last_seen``), or open (neither: still a member).
    """

    hub: Id
    role: Role = Role.MEMBER
    since: FlexDate | None = None
    first_seen: FlexDate | None = None
    until: FlexDate | None = None
    last_seen: FlexDate | None = None
    sources: list[Source] = _empty_list()

    @model_validator(mode="after")
    def _dates_consistent(self) -> Any:
        if self.since is not None and self.first_seen is not None:
            raise PydanticCustomError(
                "start_twice", "give either since (a stated start) or first_seen, not both"
            )
        if self.until is not None and self.last_seen is not None:
            raise PydanticCustomError(
                "end_twice", "give either until (a stated end) or last_seen, not both"
            )
        start, end = self.start, self.end
        if start is not None and end is not None and end.last_day < start.first_day:
            raise PydanticCustomError(
                "until_before_since",
                "{end_key} {until} is before {start_key} {since}",
                {
                    "until": str(end),
                    "since": str(start),
                    "end_key": "until" if self.until is not None else "last_seen",
                    "start_key": "since" if self.since is not None else "first_seen",
                },
            )
        return self

    @property
    def start(self) -> PartialDate | None:
        """The first day known: ``since``, else ``first_seen``, else ``None`` (unknown)."""
        return self.since if self.since is not None else self.first_seen

    @property
    def end(self) -> PartialDate | None:
        """The last day known: ``until``, else ``last_seen``, else ``None`` (still a member)."""
        return self.until if self.until is not None else self.last_seen

    @property
    def start_stated(self) -> bool:
        """Whether a source states the start (``since``) rather than only showing it active."""
        return self.since is not None

    @property
    def end_stated(self) -> bool:
        """Whether a source states the end (``until``)."""
        return self.until is not None


IdentifierScheme = Literal["wikidata", "lei", "handelsregister", "opencorporates"]


class Identifier(Record):
    """An identifier of an organisation in another register (only where a source gives it)."""

    scheme: IdentifierScheme
    id: Text

    @model_validator(mode="after")
    def _well_formed(self) -> Any:
        problem = identifier_problem(self.scheme, self.id)
        if problem is not None:
            raise PydanticCustomError("identifier", "{problem}", {"problem": problem})
        return self


class Org(Record):
    """One organisation (``data/orgs/<id>.yaml``) with its memberships over time."""

    id: Id | None = None
    name: Text
    kind: OrgKind
    city: Text | None = None
    founded: Annotated[int, Field(ge=1000, le=2100)] | None = None
    website: Url | None = None
    description: Prose | None = None
    identifiers: list[Identifier] = _empty_list()
    sectors: list[Id] = _empty_list()
    memberships: list[Membership] = _empty_list()
    sources: list[Source] = _empty_list()

    @model_validator(mode="after")
    def _sourced(self) -> Any:
        if not self.sources and not any(membership.sources for membership in self.memberships):
            raise PydanticCustomError("no_sources", "every record needs at least one source", {})
        return self


class Sector(Record):
    """One entry of the sector vocabulary."""

    id: Id
    name: Text
    name_de: Text | None = None
    aliases: list[Text] = _empty_list()


class SectorsFile(Record):
    """``data/sectors.yaml``: the controlled vocabulary of sectors."""

    sectors: Annotated[list[Sector], Field(min_length=1)]


FigureKey = Literal["hubs", "startups", "companies", "universities", "partners", "organisations"]
Qualifier = Literal["at_least", "about"]


MAX_FIGURE = 1_000_000_000
"""No published count comes near a billion; a larger number is a typo (and would not fit the cache)."""


class PublishedFigure(Record):
    """Figures the initiative published on one day; a figure without a qualifier is exact."""

    date: FlexDate
    figures: Annotated[
        dict[FigureKey, Annotated[int, Field(ge=0, le=MAX_FIGURE)]], Field(min_length=1)
    ]
    qualifiers: dict[FigureKey, Qualifier] = _empty_dict()
    text: Prose | None = None
    sources: Sources

    @model_validator(mode="after")
    def _qualifiers_name_figures(self) -> Any:
        stray = sorted(set(self.qualifiers) - set(self.figures))
        if stray:
            raise PydanticCustomError(
                "qualifier_without_figure",
                "qualifiers name {keys}, which figures does not give",
                {"keys": ", ".join(stray)},
            )
        return self

    def qualifier(self, key: str) -> Qualifier | None:
        """``at_least``, ``about`` or ``None`` (exact) for one figure."""
        return self.qualifiers.get(key)  # type: ignore[call-overload,no-any-return]


class Initiative(Record):
    """``data/initiative.yaml``: the initiative itself and its published figures."""

    name: Text
    short_name: Text | None = None
    launched: FlexDate | None = None
    website: Url | None = None
    description: Prose | None = None
    published: list[PublishedFigure] = _empty_list()
    sources: Sources
