"""The stable diagnostic codes: one enum, each code with its category and default severity.

A code never changes meaning once released. ``dehub codes`` lists them; ``dehub codes
CODE`` explains one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How bad a diagnostic is; errors fail validation, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


class Category(enum.StrEnum):
    """Where a problem lies, which decides what happens to the record concerned."""

    FILE = "file"
    """The file cannot be read as YAML at all: its record is left out."""
    RECORD = "record"
    """One record on its own breaks the format: the record is left out of answers."""
    REGISTRY = "registry"
    """Records disagree with each other: every record stays in the answers."""
    SUPPRESSION = "suppression"
    """A ``# dehub: ignore[...]`` comment that does nothing: every record stays in the answers."""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What a code is about: its category, default severity and one-line summary."""

    category: Category
    severity: Severity
    """The default; configuration may change it."""
    summary: str


class Code(enum.StrEnum):
    """Every diagnostic code dehub reports; the value is the code shown to people."""

    # files and YAML
    UNREADABLE = "DH100"
    NOT_UTF8 = "DH101"
    TOO_LARGE = "DH102"
    YAML_SYNTAX = "DH103"
    DUPLICATE_KEY = "DH104"
    ALIAS = "DH105"
    TAG = "DH106"
    SEVERAL_DOCUMENTS = "DH107"
    EMPTY = "DH108"
    NOT_A_MAPPING = "DH109"
    TAB_INDENT = "DH110"
    AMBIGUOUS_BOOLEAN = "DH111"
    COMPLEX_KEY = "DH112"
    TOO_DEEP = "DH113"
    NOT_NFC = "DH114"
    # one record
    UNKNOWN_KEY = "DH201"
    MISSING_KEY = "DH202"
    WRONG_TYPE = "DH203"
    INVALID_ID = "DH204"
    INVALID_DATE = "DH205"
    NOT_A_CHOICE = "DH206"
    ID_MISMATCH = "DH207"
    NO_VOCABULARY = "DH208"
    CONTROL_CHARACTER = "DH209"
    # across records
    DUPLICATE_ID = "DH301"
    UNKNOWN_HUB = "DH302"
    UNKNOWN_SECTOR = "DH303"
    UNKNOWN_TWIN = "DH304"
    TWIN_NOT_MUTUAL = "DH305"
    END_BEFORE_START = "DH306"
    BEFORE_ANNOUNCEMENT = "DH307"
    SAME_NAME = "DH308"
    NO_OPERATOR = "DH309"
    OWN_TWIN = "DH310"
    OVERLAPPING = "DH311"
    SECTOR_LABEL_TWICE = "DH312"
    UNSOURCED = "DH313"
    # suppression comments
    UNUSED_SUPPRESSION = "DH401"
    INVALID_SUPPRESSION = "DH402"

    @property
    def info(self) -> CodeInfo:
        return CODE_INFO[self]

    @property
    def category(self) -> Category:
        return CODE_INFO[self].category

    @property
    def severity(self) -> Severity:
        """The default severity of this code."""
        return CODE_INFO[self].severity

    @property
    def leaves_record_out(self) -> bool:
        """Whether a record with this error is missing from query answers."""
        if self.severity is Severity.WARNING:
            return False
        return self.category in (Category.FILE, Category.RECORD) or self is Code.DUPLICATE_ID

    @property
    def configurable(self) -> bool:
        """Whether ``dehub.toml`` may change this code's severity or turn it off.

        Not for codes that leave a record out: silencing them would hide a record that
        every answer is missing.
        """
        return not self.leaves_record_out

    @property
    def suppressible(self) -> bool:
        """Whether a ``# dehub: ignore[CODE]`` comment may silence one finding of this code."""
        return self.configurable and self.category is not Category.SUPPRESSION


_F, _R, _X, _S = Category.FILE, Category.RECORD, Category.REGISTRY, Category.SUPPRESSION
_E, _W = Severity.ERROR, Severity.WARNING

CODE_INFO: dict[Code, CodeInfo] = {
    Code.UNREADABLE: CodeInfo(_F, _E, "file cannot be read"),
    Code.NOT_UTF8: CodeInfo(_F, _E, "file is not valid UTF-8"),
    Code.TOO_LARGE: CodeInfo(_F, _E, "file is larger than the size limit"),
    Code.YAML_SYNTAX: CodeInfo(_F, _E, "YAML syntax error"),
    Code.DUPLICATE_KEY: CodeInfo(_F, _E, "duplicate key in a mapping"),
    Code.ALIAS: CodeInfo(_F, _E, "anchor, alias or merge key (not allowed)"),
    Code.TAG: CodeInfo(_F, _E, "tag not allowed (e.g. !!python/object)"),
    Code.SEVERAL_DOCUMENTS: CodeInfo(_F, _E, "more than one YAML document in a file"),
    Code.EMPTY: CodeInfo(_F, _E, "empty file"),
    Code.NOT_A_MAPPING: CodeInfo(_F, _E, "top level is not a mapping"),
    Code.TAB_INDENT: CodeInfo(_F, _E, "tab character in indentation"),
    Code.AMBIGUOUS_BOOLEAN: CodeInfo(_F, _E, "ambiguous yes/no/on/off value"),
    Code.COMPLEX_KEY: CodeInfo(_F, _E, "mapping key that is not plain text"),
    Code.TOO_DEEP: CodeInfo(_F, _E, "nesting too deep"),
    Code.NOT_NFC: CodeInfo(_F, _W, "text in decomposed Unicode (NFD); dehub fmt fixes it"),
    Code.UNKNOWN_KEY: CodeInfo(_R, _E, "unknown key"),
    Code.MISSING_KEY: CodeInfo(_R, _E, "missing required key"),
    Code.WRONG_TYPE: CodeInfo(_R, _E, "value of the wrong type or form"),
    Code.INVALID_ID: CodeInfo(_R, _E, "invalid id"),
    Code.INVALID_DATE: CodeInfo(_R, _E, "invalid date"),
    Code.NOT_A_CHOICE: CodeInfo(_R, _E, "value not among the allowed choices"),
    Code.ID_MISMATCH: CodeInfo(_R, _E, "id does not match the file name"),
    Code.NO_VOCABULARY: CodeInfo(_R, _E, "missing sectors.yaml"),
    Code.CONTROL_CHARACTER: CodeInfo(
        _R, _E, "control character (line break, ESC, bidi override) in a value"
    ),
    Code.DUPLICATE_ID: CodeInfo(_X, _E, "duplicate id"),
    Code.UNKNOWN_HUB: CodeInfo(_X, _E, "unknown hub"),
    Code.UNKNOWN_SECTOR: CodeInfo(_X, _E, "unknown sector"),
    Code.UNKNOWN_TWIN: CodeInfo(_X, _E, "unknown twin hub"),
    Code.TWIN_NOT_MUTUAL: CodeInfo(_X, _E, "twins not symmetric"),
    Code.END_BEFORE_START: CodeInfo(_R, _E, "until before since"),
    Code.BEFORE_ANNOUNCEMENT: CodeInfo(_X, _W, "membership starts before the hub was announced"),
    Code.SAME_NAME: CodeInfo(_X, _W, "organisation names that look like duplicates"),
    Code.NO_OPERATOR: CodeInfo(_X, _W, "hub without an operator"),
    Code.OWN_TWIN: CodeInfo(_X, _E, "hub lists itself as twin"),
    Code.OVERLAPPING: CodeInfo(_X, _W, "overlapping memberships in the same hub and role"),
    Code.SECTOR_LABEL_TWICE: CodeInfo(_X, _E, "duplicate sector label"),
    Code.UNSOURCED: CodeInfo(_R, _W, "membership with no source, neither its own nor the record's"),
    Code.UNUSED_SUPPRESSION: CodeInfo(_S, _W, "suppression comment that silences nothing"),
    Code.INVALID_SUPPRESSION: CodeInfo(_S, _W, "suppression comment that cannot work"),
}

_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def closest_code(text: str) -> str | None:
    """The code ``text`` most likely means (``DH3O9`` -> ``DH309``), or None."""
    from dehub_cli.textnorm import did_you_mean

    wanted = text.strip().upper()
    digits = wanted[:2] + wanted[2:].translate(_LOOKALIKES)
    known = [code.value for code in Code]
    if digits in known:
        return digits
    return did_you_mean(wanted, known)


CODES: dict[str, str] = {code.value: info.summary for code, info in CODE_INFO.items()}
"""Code -> one-line summary, in code order (what ``dehub codes`` lists)."""
