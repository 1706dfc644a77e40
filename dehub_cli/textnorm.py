"""Text folding for German names: case, umlauts, accents, legal forms; ids from names.

Also the two helpers every output of user values relies on: :func:`nfc` (one Unicode form
for text typed or read anywhere) and :func:`escape_controls` / :func:`quoted` (control
characters shown as ``\\n``, ``\\x1b``: never a forged line, never a terminal escape).
"""

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
_COMPOUND_FORM = (
    r"(?:(?:ggmbh|gmbh|ag|se|ug(?:\s*\(haftungsbeschränkt\))?|ltd\.?|stiftung|b\.?\s?v\.?)\s*)?"
    r"&\s*co\.?\s*(?:kgaa|kg|ohg)"
)
"""``GmbH & Co. KG``, ``SE & Co. KG``, ``AG & Co. KGaA``, ``& Co. KG``: a company as partner."""
_LEGAL_FORM_TAIL = re.compile(
    r"(?:[\s,]+(?:"
    + "|".join([_COMPOUND_FORM, *(re.escape(form) for form in LEGAL_FORMS)])
    + r"))+\s*\Z",
    re.IGNORECASE,
)


C0_CONTROLS = r"\x00-\x1f"
CONTROL_CHARACTERS = (
    C0_CONTROLS + r"\x7f-\x9f"  # C0, DEL, C1
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    r"\u2028\u2029\ufeff"  # line and paragraph separators, byte order mark
)
"""Characters that a value shown to people must never carry raw: a regex class body that
Python, pydantic (Rust) and JSON Schema (ECMA) regexes read alike.

They move the cursor, end lines, recolour or clear a terminal, or reorder what is shown
(the "Trojan Source" overrides); none belongs in a name, a title or an address.
"""
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}\ud800-\udfff\ufffe\uffff]")
"""Also lone surrogates (bytes that were not UTF-8, as git may hand them over) and
non-characters: printed raw, they would fail to encode or mean nothing."""
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
QUOTED_MAX = 200
"""Longest value :func:`quoted` shows in full; longer ones are cut with an ellipsis."""


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, *, keep: str = "") -> str:
    """``text`` with every control character written visibly (``\\n``, ``\\x1b``, ``\\u202e``).

    Characters in ``keep`` (say ``"\\n"``) stay as they are. Other text, backslashes
    included, is unchanged, so escaping twice changes nothing more.
    """
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape_one(m), text)
    return _CONTROL.sub(_escape_one, text)


def first_control(text: str, *, allowed: str = "") -> str | None:
    """The first control character of ``text`` not in ``allowed``, or ``None``."""
    for match in _CONTROL.finditer(text):
        if match.group() not in allowed:
            return match.group()
    return None


def quoted(value: object) -> str:
    """``'value'`` for a message: control characters escaped, cut after QUOTED_MAX characters."""
    text = escape_controls(str(value))
    if len(text) > QUOTED_MAX:
        text = text[: QUOTED_MAX - 1] + "…"
    return f"'{text}'"


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: ``Mu`` + U+0308 (as macOS writes it) becomes ``Mü``."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase, German transliteration (ö -> oe), accents dropped: ``Köln`` -> ``koeln``.

    Composed (NFC) and decomposed (NFD) spellings fold alike.
    """
    lowered = nfc(text).casefold().translate(_GERMAN)
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


def fold_keys(text: str) -> set[str]:
    """The keys of :func:`folds`: ``Köln`` -> ``{"koeln", "koln"}``."""
    return {variant.key for variant in folds(text) if variant.key}


def fold_key(text: str) -> str:
    """:func:`fold` with every run of non-alphanumerics removed: ``Frankfurt a.M.`` -> ``frankfurtam``."""
    return _NON_ALNUM.sub("", fold(text))


def strip_legal_form(name: str) -> str:
    """``Digital Hub Rhein-Neckar GmbH`` -> ``Digital Hub Rhein-Neckar``; ``Rhenus SE & Co. KG``
    -> ``Rhenus`` (compound forms go whole)."""
    name = nfc(name).strip()
    return _LEGAL_FORM_TAIL.sub("", name) or name


def normalise_name(name: str) -> str:
    """Comparable form of an organisation's name: no legal form, case, umlauts or punctuation."""
    return fold_key(strip_legal_form(name))


def slugify(name: str) -> str:
    """An id from a name: ``Müller & Söhne GmbH`` -> ``mueller-soehne``."""
    slug = _NON_ALNUM.sub("-", fold(strip_legal_form(name))).strip("-")
    return slug[:80].rstrip("-") or "org"


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.7) -> str | None:
    """The candidate closest to ``word`` (compared folded), or ``None`` when none is close.

    Close means a similarity of at least ``cutoff``: ``KMUU`` -> ``kmu`` (0.86) and ``Kln``
    -> ``koeln`` (0.75) are, ``Spedition`` -> ``association`` (0.6) is not.
    """
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(word), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[matches[0]] if matches else None


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint, or ``None``."""
    match = did_you_mean(word, candidates)
    return f"did you mean {quoted(match)}?" if match is not None else None


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
