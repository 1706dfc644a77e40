"""The closed vocabularies of records: kinds of organisation and roles in a hub.

Plain enums, apart from the pydantic models, so that reading the cache and answering
queries need not build the models.
"""

from __future__ import annotations

import enum


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
