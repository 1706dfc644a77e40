"""Labels, dates and numbers of the report in English and German.

English: ``31 Dec 2018``, ``6,000``. German: ``31.12.2018``, ``6.000``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

Language = Literal["en", "de"]
LANGUAGES: tuple[Language, ...] = ("en", "de")

LABELS: dict[Language, dict[str, str]] = {
    "en": {
        "startups": "Startups",
        "companies": "Companies",
        "universities": "Universities",
        "research": "Research",
        "investors": "Investors",
        "others": "Others",
        "organisations": "Organisations",
        "hubs": "Hubs",
        "joined": "Joined",
        "left": "Left",
        "first_recorded": "First recorded",
        "last_recorded": "Last recorded",
        "partners": "Partners",
        "year": "Year",
        "as_of": "As of",
        "hub": "Hub",
        "sector": "Sector",
        "id": "Id",
        "name": "Name",
        "kind": "Kind",
        "date": "Date",
        "change": "Change",
        "figure": "Figure",
        "published": "Published",
        "registry": "Registry",
        "coverage": "Coverage %",
        "qualifier": "Qualifier",
        "at_least": "at least",
        "about": "about",
        "exact": "",
        "title_years": "Organisations per year",
        "caption_years": "Each year counted on 31 December; {year} on {date}.",
        "title_chart": "Organisations per year",
        "title_published": "Published figures and the registry",
        "title_totals": "Totals on {date}",
        "title_hubs": "Per hub",
        "title_sectors": "Per sector",
        "title_changes": "Joined and left",
        "title_change_counts": "Joined and left per hub",
        "title_report": "de:hub in figures",
        "sources": "Sources",
        "generated": "Counted from the registry on {date}.",
        "none": "No changes in this span.",
        "filter_hub": "Hub",
        "filter_sector": "Sector",
        "title_by_hub": "Organisations per year in each hub",
        "title_by_sector": "Organisations per year in each sector",
        "short_universities": "Univ.",
        "short_organisations": "Orgs",
        "short_first_recorded": "First rec.",
        "short_last_recorded": "Last rec.",
        "short_coverage": "Cov. %",
        "short_published": "Publ.",
    },
    "de": {
        "startups": "Startups",
        "companies": "Unternehmen",
        "universities": "Hochschulen",
        "research": "Forschung",
        "investors": "Investoren",
        "others": "Sonstige",
        "organisations": "Organisationen",
        "hubs": "Hubs",
        "joined": "Beigetreten",
        "left": "Ausgetreten",
        "first_recorded": "Erstmals erfasst",
        "last_recorded": "Zuletzt erfasst",
        "partners": "Partner",
        "year": "Jahr",
        "as_of": "Stand",
        "hub": "Hub",
        "sector": "Branche",
        "id": "Id",
        "name": "Name",
        "kind": "Art",
        "date": "Datum",
        "change": "Änderung",
        "figure": "Kennzahl",
        "published": "Veröffentlicht",
        "registry": "Register",
        "coverage": "Abdeckung %",
        "qualifier": "Angabe",
        "at_least": "mindestens",
        "about": "etwa",
        "exact": "",
        "title_years": "Organisationen je Jahr",
        "caption_years": "Jedes Jahr zum 31. Dezember gezählt; {year} zum {date}.",
        "title_chart": "Organisationen je Jahr",
        "title_published": "Veröffentlichte Zahlen und das Register",
        "title_totals": "Gesamt zum {date}",
        "title_hubs": "Je Hub",
        "title_sectors": "Je Branche",
        "title_changes": "Beigetreten und ausgetreten",
        "title_change_counts": "Beigetreten und ausgetreten je Hub",
        "title_report": "de:hub in Zahlen",
        "sources": "Quellen",
        "generated": "Aus dem Register gezählt am {date}.",
        "none": "Keine Änderungen in diesem Zeitraum.",
        "filter_hub": "Hub",
        "filter_sector": "Branche",
        "title_by_hub": "Organisationen je Jahr und Hub",
        "title_by_sector": "Organisationen je Jahr und Branche",
        "short_companies": "Untern.",
        "short_universities": "Hochsch.",
        "short_organisations": "Org.",
        "short_joined": "Beitr.",
        "short_left": "Austr.",
        "short_first_recorded": "Erstm. erf.",
        "short_last_recorded": "Zul. erf.",
        "short_coverage": "Abd. %",
        "short_published": "Veröff.",
    },
}

_NOUNS: dict[Language, dict[str, tuple[str, str]]] = {
    "en": {
        "startups": ("startup", "startups"),
        "companies": ("company", "companies"),
        "universities": ("university", "universities"),
        "hubs": ("hub", "hubs"),
        "organisations": ("organisation", "organisations"),
    },
    "de": {
        "startups": ("Startup", "Startups"),
        "companies": ("Unternehmen", "Unternehmen"),
        "universities": ("Hochschule", "Hochschulen"),
        "hubs": ("Hub", "Hubs"),
        "organisations": ("Organisation", "Organisationen"),
    },
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def label(lang: Language, key: str) -> str:
    """The label of ``key`` in ``lang`` (the key itself when there is none)."""
    return LABELS[lang].get(key, key)


def short_label(lang: Language, key: str) -> str | None:
    """A shorter label of ``key`` for narrow terminals, or None when the label is short."""
    return LABELS[lang].get(f"short_{key}")


def labels(lang: Language, keys: Iterable[str]) -> dict[str, str]:
    """``{key: label}`` for machine values shown to people (``joined`` -> ``Beigetreten``)."""
    return {key: label(lang, key) for key in keys}


def format_date(day: dt.date, lang: Language) -> str:
    """``31 Dec 2018`` in English, ``31.12.2018`` in German."""
    if lang == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year:04d}"


def format_number(value: int, lang: Language) -> str:
    """``6,000`` in English, ``6.000`` in German."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "de" else text


def format_percent(value: float, lang: Language) -> str:
    """One decimal: ``81.7 %`` in English, ``81,7 %`` in German."""
    text = f"{value:.1f}"
    return (text.replace(".", ",") if lang == "de" else text) + " %"


def counted(value: int, noun: str, lang: Language) -> str:
    """``1 startup``, ``350 startups``, ``6.000 Startups``."""
    singular, plural = _NOUNS[lang][noun]
    return f"{format_number(value, lang)} {singular if value == 1 else plural}"


def join_words(items: list[str], lang: Language) -> str:
    """``a, b and c`` / ``a, b und c``."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = " und " if lang == "de" else " and "
    return ", ".join(items[:-1]) + conjunction + items[-1]


_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
}  # fmt: skip
_PUBLISHED_NOUNS: dict[Language, dict[str, tuple[str, str]]] = {
    "en": {**_NOUNS["en"], "partners": ("partner", "partners")},
    "de": {**_NOUNS["de"], "partners": ("Partner", "Partner")},
}
_QUALIFIERS: dict[Language, dict[str, str]] = {
    "en": {"at_least": "more than ", "about": "about "},
    "de": {"at_least": "mehr als ", "about": "etwa "},
}


def month_year(year: int, month: int | None, lang: Language) -> str:
    """``April 2024`` / ``März 2018``; the year alone when the month is not known."""
    return f"{_MONTHS[lang][month - 1]} {year}" if month else str(year)


def published_note(
    figures: list[tuple[str, int, str | None, int, int | None]], lang: Language
) -> str:
    """``The initiative reported more than 6,000 startups in April 2024.`` (or empty).

    ``figures`` holds ``(key, value, qualifier, year, month)``; figures published in the
    same month are named together, the most recent first.
    """
    if not figures:
        return ""
    groups: dict[tuple[int, int | None], list[str]] = {}
    for key, value, qualifier, year, month in figures:
        singular, plural = _PUBLISHED_NOUNS[lang][key]
        text = _QUALIFIERS[lang].get(qualifier or "", "") + format_number(value, lang)
        groups.setdefault((year, month), []).append(f"{text} {singular if value == 1 else plural}")
    dated = [
        (join_words(items, lang), month_year(year, month, lang))
        for (year, month), items in sorted(groups.items(), key=lambda item: item[0], reverse=True)
    ]
    if lang == "de":
        return (
            "Die Initiative meldete " + "; ".join(f"im {when} {what}" for what, when in dated) + "."
        )
    return "The initiative reported " + "; ".join(f"{what} in {when}" for what, when in dated) + "."


def day_summary(
    day: dt.date,
    startups: int,
    companies: int,
    universities: int,
    hubs: int | None,
    lang: Language,
    *,
    scope: str | None = None,
) -> str:
    """``As of 31 Dec 2018 the registry names 350 startups, ... in 12 hubs.``

    The sentence says whose count it is, so that it is not quoted as the initiative's
    own figure. ``scope`` (a hub or sector label) follows the date: ``As of 31 Dec 2018,
    Hub X, ...``; ``hubs=None`` leaves out ``in N hubs`` (a report on one hub).
    """
    head = ("Zum " if lang == "de" else "As of ") + format_date(day, lang)
    if scope:
        head += f", {scope},"
    head += " nennt das Register" if lang == "de" else " the registry names"
    groups = join_words(
        [
            counted(startups, "startups", lang),
            counted(companies, "companies", lang),
            counted(universities, "universities", lang),
        ],
        lang,
    )
    if hubs is None:
        return f"{head} {groups}."
    return f"{head} {groups} in {counted(hubs, 'hubs', lang)}."


def changes_summary(
    start: dt.date,
    end: dt.date,
    joined: int,
    left: int,
    lang: Language,
    *,
    scope: str | None = None,
    first_recorded: int = 0,
    last_recorded: int = 0,
) -> str:
    """``From 1 Jan 2018 to 31 Dec 2018: 12 organisations joined and 3 left.``

    Organisations only first or last recorded (no source states the date) are named
    apart: ``12 organisations joined, 4 first recorded, 3 left and 1 last recorded``.
    """
    if lang == "de":
        head = f"Vom {format_date(start, 'de')} bis {format_date(end, 'de')}"
        parts = [
            f"{counted(joined, 'organisations', 'de')} beigetreten",
            f"{format_number(first_recorded, 'de')} erstmals erfasst" if first_recorded else "",
            f"{format_number(left, 'de')} ausgetreten",
            f"{format_number(last_recorded, 'de')} zuletzt erfasst" if last_recorded else "",
        ]
        tail = ", ".join(part for part in parts if part)
    else:
        head = f"From {format_date(start, 'en')} to {format_date(end, 'en')}"
        parts = [
            f"{counted(joined, 'organisations', 'en')} joined",
            f"{format_number(first_recorded, 'en')} first recorded" if first_recorded else "",
            f"{format_number(left, 'en')} left",
            f"{format_number(last_recorded, 'en')} last recorded" if last_recorded else "",
        ]
        tail = join_words([part for part in parts if part], "en")
    if scope:
        head += f", {scope}"
    return f"{head}: {tail}."
