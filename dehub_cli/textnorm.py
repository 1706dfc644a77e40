"""Text folding for German names: case, umlauts, accents, legal forms; ids from names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[a-z0-9]+")
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


def plain_fold(text: str) -> str:
    """Lowercase without accents, umlauts as their base letter: ``Nürnberg`` -> ``nurnberg``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True, slots=True)
class Folded:
    """A text folded for comparison: all its words and the words run together."""

    key: str
    words: tuple[str, ...]


def folds(text: str) -> list[Folded]:
    """``text`` folded with umlauts transliterated (``ue``) and, if different, dropped (``u``)."""
    variants = [fold(text)]
    if not text.isascii():
        plain = plain_fold(text)
        if plain != variants[0]:
            variants.append(plain)
    result = []
    for variant in variants:
        words = tuple(_WORD.findall(variant))
        result.append(Folded("".join(words), words))
    return result


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


def choices_hint(word: str, choices: Sequence[str]) -> str:
    """``did you mean 'x'?`` when one choice is close, else ``choose one of: a, b, c``."""
    return suggestion(word, choices) or f"choose one of: {', '.join(choices)}"


def choose(word: str, choices: Sequence[str], what: str) -> str:
    """The choice ``word`` names, ignoring case and surrounding space.

    Raises :class:`~dehub_cli.errors.UnknownChoiceError` (with a did-you-mean) otherwise.
    """
    wanted = word.strip().lower()
    for choice in choices:
        if choice.lower() == wanted:
            return choice
    from dehub_cli.errors import UnknownChoiceError

    raise UnknownChoiceError(what, word, choices)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 file``, ``0 files``, ``2 entries`` (``plural_form`` when adding an s is wrong)."""
    word = noun if count == 1 else (plural_form or f"{noun}s")
    return f"{count:,} {word}"
