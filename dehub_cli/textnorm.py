"""Text folding for German names: case, umlauts, accents, legal forms; ids from names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
LEGAL_FORMS = (
    "gmbh & co. kg",
    "gmbh & co kg",
    "ggmbh",
    "gmbh",
    "mbh",
    "ag",
    "se",
    "kg",
    "kgaa",
    "ohg",
    "ug",
    "ug (haftungsbeschränkt)",
    "e.v.",
    "ev",
    "e. v.",
    "eg",
    "e.g.",
    "ltd",
    "ltd.",
    "inc",
    "inc.",
    "llc",
    "plc",
    "s.a.",
    "sa",
    "b.v.",
    "bv",
)
_LEGAL_FORM_TAIL = re.compile(
    r"(?:[\s,]+(?:" + "|".join(re.escape(form) for form in LEGAL_FORMS) + r"))+\s*\Z",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lowercase, German transliteration (ö -> oe), accents dropped: ``Köln`` -> ``koeln``."""
    lowered = text.casefold().translate(_GERMAN)
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_key(text: str) -> str:
    """:func:`fold` with every run of non-alphanumerics removed: ``Frankfurt a.M.`` -> ``frankfurtam``."""
    return _NON_ALNUM.sub("", fold(text))


def strip_legal_form(name: str) -> str:
    """``Digital Hub Rhein-Neckar GmbH`` -> ``Digital Hub Rhein-Neckar``."""
    stripped = _LEGAL_FORM_TAIL.sub("", name.strip())
    return stripped or name.strip()


def normalise_name(name: str) -> str:
    """Comparable form of an organisation's name: no legal form, case, umlauts or punctuation."""
    return fold_key(strip_legal_form(name))


def slugify(name: str) -> str:
    """An id from a name: ``Müller & Söhne GmbH`` -> ``mueller-soehne``."""
    slug = _NON_ALNUM.sub("-", fold(strip_legal_form(name))).strip("-")
    return slug[:80].rstrip("-") or "org"


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``word`` (compared folded), or ``None`` when none is close."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(word), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[matches[0]] if matches else None


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint, or ``None``."""
    match = did_you_mean(word, candidates)
    return f"did you mean '{match}'?" if match is not None else None
