"""Checking the form of organisation identifiers (Wikidata, LEI, Handelsregister, OpenCorporates).

LEI checksums and Handelsregister courts are checked with python-stdnum, which keeps the
ISO 17442 rules and the list of German register courts; the rest are plain patterns.
"""

from __future__ import annotations

import re

from dehub_cli.textnorm import quoted

_WIKIDATA = re.compile(r"Q[1-9][0-9]*\Z")
_OPENCORPORATES = re.compile(r"[a-z]{2}(?:_[a-z]{2})?/[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def identifier_problem(scheme: str, value: str) -> str | None:
    """Why ``value`` is not a well-formed identifier of ``scheme``, or ``None`` when it is."""
    if scheme == "wikidata":
        if _WIKIDATA.match(value):
            return None
        return f"{quoted(value)} is not a Wikidata item id (Q followed by digits, e.g. Q95)"
    if scheme == "lei":
        from stdnum import lei

        if lei.is_valid(value):
            return None
        return f"{quoted(value)} is not a valid LEI (20 characters with ISO 17442 check digits)"
    if scheme == "handelsregister":
        from stdnum.de import handelsregisternummer

        if handelsregisternummer.is_valid(value):
            return None
        return (
            f"{quoted(value)} is not a Handelsregister number: court, register and number, "
            "e.g. 'München HRB 12345'"
        )
    if scheme == "opencorporates":
        if _OPENCORPORATES.match(value):
            return None
        return f"{quoted(value)} is not an OpenCorporates id (jurisdiction/number, e.g. de/K1101R_HRB12345)"
    return f"unknown identifier scheme {quoted(scheme)}"
