"""What people type into ``dehub add`` and spreadsheets bring to ``dehub import``: one parser.

Kinds and roles in English or German (``KMU``, ``Hochschule``, ``Betreiber``), dates in ISO
or German order (``2017-04-21``, ``21.04.2017``, ``04.2017``), bare web addresses
(``example.de``). Values that mean nothing raise :class:`UnknownChoiceError` with a hint
that names a close match only.
"""

from __future__ import annotations

import re

from dehub_cli.dates import DateFormatError, PartialDate
from dehub_cli.errors import QueryError
from dehub_cli.kinds import OrgKind
from dehub_cli.textnorm import fold_key, quoted, suggestion

KIND_WORDS: dict[str, str] = {
    **{kind.value: kind.value for kind in OrgKind},
    "startups": "startup",
    "gruendung": "startup",
    "unternehmen": "sme",
    "kmu": "sme",
    "mittelstand": "sme",
    "mittelstaendler": "sme",
    "company": "sme",
    "konzern": "corporate",
    "grossunternehmen": "corporate",
    "corporation": "corporate",
    "hochschule": "university",
    "universitaet": "university",
    "uni": "university",
    "fachhochschule": "university",
    "fh": "university",
    "forschung": "research",
    "forschungseinrichtung": "research",
    "forschungsinstitut": "research",
    "institut": "research",
    "vc": "investor",
    "inkubator": "accelerator",
    "incubator": "accelerator",
    "akzelerator": "accelerator",
    "verband": "association",
    "verein": "association",
    "oeffentlich": "public",
    "oeffentlichehand": "public",
    "behoerde": "public",
    "kommune": "public",
}
"""Kind words in English and German, folded (no case, umlauts or punctuation)."""

ROLE_WORDS: dict[str, str] = {
    **{role: role for role in ("member", "operator", "partner", "mentor", "investor")},
    "mitglied": "member",
    "betreiber": "operator",
    "traeger": "operator",
}

_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\Z")
_GERMAN_MONTH = re.compile(r"(\d{1,2})[./](\d{4})\Z")


def parse_kind(text: str) -> str | None:
    """An organisation kind from an English or German word (``Hochschule`` -> university)."""
    return KIND_WORDS.get(fold_key(text))


def parse_role(text: str) -> str | None:
    """A role from an English or German word (``Betreiber`` -> operator)."""
    return ROLE_WORDS.get(fold_key(text))


def parse_date(text: str) -> PartialDate:
    """ISO (``2017-04-21``, ``2017-04``, ``2017``) or German (``21.04.2017``, ``04.2017``)."""
    cleaned = text.strip()
    day = _GERMAN_DAY.match(cleaned)
    if day:
        cleaned = f"{day.group(3)}-{int(day.group(2)):02d}-{int(day.group(1)):02d}"
    else:
        month = _GERMAN_MONTH.match(cleaned)
        if month:
            cleaned = f"{month.group(2)}-{int(month.group(1)):02d}"
    try:
        return PartialDate.parse(cleaned)
    except DateFormatError as error:
        written = text.strip()
        if cleaned == written:
            raise
        # Say what was wrong with the cell as written (31.02.2024), not with its ISO form.
        raise DateFormatError(error.message.replace(f"'{cleaned}'", f"'{written}'")) from None


def parse_website(text: str) -> str:
    """A web address as typed: a bare ``example.de`` gets ``https://``."""
    cleaned = text.strip()
    if cleaned and "://" not in cleaned:
        cleaned = "https://" + cleaned
    return cleaned


def kind_from_text(text: str) -> OrgKind:
    """:func:`parse_kind`, or a :class:`QueryError` naming the kinds (and a close match)."""
    kind = parse_kind(text)
    if kind is None:
        raise QueryError(f"unknown kind {quoted(text)}", _hint(text, KIND_WORDS, list(OrgKind)))
    return OrgKind(kind)


def role_from_text(text: str) -> str:
    """:func:`parse_role`, or a :class:`QueryError` naming the roles (and a close match)."""
    role = parse_role(text)
    if role is None:
        roles = ["member", "operator", "partner", "mentor", "investor"]
        raise QueryError(f"unknown role {quoted(text)}", _hint(text, ROLE_WORDS, roles))
    return role


def _hint(text: str, words: dict[str, str], choices: list[str]) -> str:
    close = suggestion(fold_key(text), list(words))
    listed = "choose one of: " + ", ".join(str(choice) for choice in choices)
    return f"{close} ({listed})" if close else listed
