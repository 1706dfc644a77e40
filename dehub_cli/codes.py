"""The stable diagnostic codes, with a one-line description each (shown by ``dehub codes``)."""

from __future__ import annotations

CODES: dict[str, str] = {
    # files and YAML
    "DH100": "file cannot be read",
    "DH101": "file is not valid UTF-8",
    "DH102": "file is larger than the size limit",
    "DH103": "YAML syntax error",
    "DH104": "duplicate key in a mapping",
    "DH105": "anchor, alias or merge key (not allowed)",
    "DH106": "tag not allowed (e.g. !!python/object)",
    "DH107": "more than one YAML document in a file",
    "DH108": "empty file",
    "DH109": "top level is not a mapping",
    "DH110": "tab character in indentation",
    "DH111": "ambiguous yes/no/on/off value",
    "DH112": "mapping key that is not plain text",
    "DH113": "nesting too deep",
    # one record
    "DH201": "unknown key",
    "DH202": "missing required key",
    "DH203": "value of the wrong type or form",
    "DH204": "invalid id",
    "DH205": "invalid date",
    "DH206": "value not among the allowed choices",
    "DH207": "id does not match the file name",
    "DH208": "missing sectors.yaml",
    # across records
    "DH301": "duplicate id",
    "DH302": "unknown hub",
    "DH303": "unknown sector",
    "DH304": "unknown twin hub",
    "DH305": "twins not symmetric",
    "DH306": "until before since",
    "DH307": "membership starts before the hub was announced (warning)",
    "DH308": "organisation names that look like duplicates (warning)",
    "DH309": "hub without an operator (warning)",
    "DH310": "hub lists itself as twin",
    "DH311": "overlapping memberships in the same hub and role (warning)",
    "DH312": "duplicate sector label",
}
