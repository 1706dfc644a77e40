"""Every text of the website in English and German: one table, one entry per key.

``TEXT[key] = (english, german)``; :func:`texts` gives one language's dictionary for the
templates (``t.key``). Numbers and full dates use :mod:`dehub_cli.i18n`, as the report does.
"""

from __future__ import annotations

from dehub_cli.i18n import LANGUAGES as LANGUAGES
from dehub_cli.i18n import Language as Language
from dehub_cli.i18n import format_date, format_number, format_percent, month_year

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "de": "Deutsch"}

TEXT: dict[str, tuple[str, str]] = {
    # the frame of every page
    "site_name": ("de:hub registry", "de:hub-Register"),
    "skip": ("Skip to content", "Zum Inhalt springen"),
    "nav_label": ("Main", "Hauptmenü"),
    "lang_label": ("Language", "Sprache"),
    "nav_home": ("Home", "Start"),
    "nav_hubs": ("Hubs", "Hubs"),
    "nav_orgs": ("Organisations", "Organisationen"),
    "nav_sectors": ("Sectors", "Branchen"),
    "nav_stats": ("Statistics", "Statistik"),
    "nav_changes": ("Changes", "Änderungen"),
    "footer_about": (
        "An open registry of Germany's Digital Hub Initiative (de:hub), built from sourced "
        "YAML records.",
        "Ein offenes Register der Digital Hub Initiative (de:hub), erstellt aus belegten "
        "YAML-Einträgen.",
    ),
    "footer_as_of": ("Data as of {date}.", "Datenstand: {date}."),
    "footer_commit": ("Registry commit {commit}.", "Register-Commit {commit}."),
    "footer_api": ("JSON API", "JSON-API"),
    "footer_feed": ("Atom feed of changes", "Atom-Feed der Änderungen"),
    "footer_license": ("License: {license}.", "Lizenz: {license}."),
    "footer_source": ("Source", "Quelle"),
    "feed_title": ("de:hub registry: membership changes", "de:hub-Register: Änderungen"),
    # home
    "home_title": ("Digital hubs in Germany", "Digital Hubs in Deutschland"),
    "home_intro": (
        "The registry of Germany's Digital Hub Initiative: {hubs} and {orgs}, with every "
        "membership over time and a source for every fact.",
        "Das Register der Digital Hub Initiative: {hubs} und {orgs}, mit jeder Mitgliedschaft "
        "im Zeitverlauf und einer Quelle für jede Angabe.",
    ),
    "search_orgs": ("Search organisations", "Organisationen suchen"),
    "search_button": ("Search", "Suchen"),
    "map_heading": ("The hubs on the map", "Die Hubs auf der Karte"),
    "map_label": (
        "Map of Germany with the Länder and {count} hubs at their cities",
        "Karte Deutschlands mit den Ländern und {count} Hubs in ihren Städten",
    ),
    "map_legend": ("Hubs by number on the map", "Hubs nach Nummer auf der Karte"),
    "map_centroid": ("{land} (middle of the Land)", "{land} (Mitte des Landes)"),
    "map_unplaced": ("not on the map (no coordinates)", "nicht auf der Karte (keine Koordinaten)"),
    "map_credit": (
        "Länder outlines: Made with Natural Earth. Free vector and raster map data @ "
        "naturalearthdata.com.",
        "Ländergrenzen: Made with Natural Earth. Free vector and raster map data @ "
        "naturalearthdata.com.",
    ),
    "map_geonames": (
        "City coordinates: GeoNames (geonames.org), CC BY 4.0; selection and names adapted.",
        "Stadtkoordinaten: GeoNames (geonames.org), CC BY 4.0; Auswahl und Namen angepasst.",
    ),
    "figures_heading": ("Figures", "Zahlen"),
    "figures_as_of": ("Counted on {date}.", "Gezählt am {date}."),
    "published_heading": (
        "The registry beside the published figures",
        "Das Register neben den veröffentlichten Zahlen",
    ),
    "published_sentence": (
        "On {date} the initiative reported {published} {figure}; the registry names {registry}"
        " for that day ({coverage}).",
        "Am {date} meldete die Initiative {published} {figure}; das Register nennt für diesen Tag"
        " {registry} ({coverage}).",
    ),
    "published_sentence_zero": (
        "On {date} the initiative reported {published} {figure}; the registry names {registry}"
        " for that day.",
        "Am {date} meldete die Initiative {published} {figure}; das Register nennt für diesen Tag"
        " {registry}.",
    ),
    "changes_heading": ("Latest membership changes", "Neueste Änderungen der Mitgliedschaften"),
    "changes_none": ("No dated membership changes yet.", "Noch keine datierten Änderungen."),
    "changes_all": ("All changes", "Alle Änderungen"),
    "changes_title": ("Membership changes", "Änderungen der Mitgliedschaften"),
    "changes_intro": (
        "Joins and leaves as the sources state them, and memberships first or last recorded "
        "where no source states the date; newest first.",
        "Beitritte und Austritte, wie die Quellen sie nennen, und Mitgliedschaften, die nur "
        "erstmals oder zuletzt belegt sind, wo keine Quelle das Datum nennt; neueste zuerst.",
    ),
    "changes_cut": ("The {shown} newest of {total}.", "Die {shown} neuesten von {total}."),
    "change_joined": ("Joined", "Beitritt"),
    "change_first_recorded": ("First recorded", "Erstmals belegt"),
    "change_left": ("Left", "Austritt"),
    "change_last_recorded": ("Last recorded", "Zuletzt belegt"),
    "change_in": ("in", "bei"),
    # lists and filters
    "hubs_title": ("Hubs", "Hubs"),
    "orgs_title": ("Organisations", "Organisationen"),
    "sectors_title": ("Sectors", "Branchen"),
    "filters_label": ("Filter the list", "Liste filtern"),
    "filter_q": ("Search", "Suche"),
    "filter_hub": ("Hub", "Hub"),
    "filter_sector": ("Sector", "Branche"),
    "filter_kind": ("Kind", "Art"),
    "filter_year": ("Active in year", "Aktiv im Jahr"),
    "filter_all": ("All", "Alle"),
    "filter_reset": ("Reset", "Zurücksetzen"),
    "filter_count": ("Showing {shown} of {total}.", "{shown} von {total} angezeigt."),
    "list_total": ("{count} in all.", "{count} insgesamt."),
    # facts
    "kind": ("Kind", "Art"),
    "city": ("City", "Stadt"),
    "cities": ("Cities", "Städte"),
    "laender": ("Länder", "Länder"),
    "founded": ("Founded", "Gegründet"),
    "website": ("Website", "Website"),
    "sectors": ("Sectors", "Branchen"),
    "sector": ("Sector", "Branche"),
    "hub": ("Hub", "Hub"),
    "hubs": ("Hubs", "Hubs"),
    "announced": ("Announced", "Benannt"),
    "members": ("Members", "Mitglieder"),
    "members_now": ("Members now", "Aktuelle Mitglieder"),
    "operators": ("Operators", "Betreiber"),
    "twins": ("Twin hubs", "Partner-Hubs"),
    "identifiers": ("Identifiers", "Kennungen"),
    "aliases": ("Also called", "Auch genannt"),
    "other_name": ("German name", "Englischer Name"),
    "organisations": ("Organisations", "Organisationen"),
    "description": ("Description", "Beschreibung"),
    "none": ("none", "keine"),
    "sources": ("Sources", "Quellen"),
    "source_undated": ("undated", "undatiert"),
    # memberships
    "memberships": ("Memberships", "Mitgliedschaften"),
    "members_current": ("Current members", "Aktuelle Mitglieder"),
    "members_former": ("Former members", "Frühere Mitglieder"),
    "members_other": (
        "Not counted on {date} (start unknown or still to come)",
        "Am {date} nicht gezählt (Beginn unbekannt oder noch bevorstehend)",
    ),
    "organisation": ("Organisation", "Organisation"),
    "role": ("Role", "Rolle"),
    "since": ("Since", "Seit"),
    "until": ("Until", "Bis"),
    "status": ("Status", "Status"),
    "active": ("active", "aktiv"),
    "ended": ("ended", "beendet"),
    "not_counted": ("not counted", "nicht gezählt"),
    "date_unknown": ("unknown", "unbekannt"),
    "date_open": ("still a member", "weiterhin Mitglied"),
    "first_recorded": ("first recorded {date}", "erstmals belegt {date}"),
    "last_recorded": ("last recorded {date}", "zuletzt belegt {date}"),
    "dates_note": (
        "A date marked \u201cfirst recorded\u201d or \u201clast recorded\u201d is not stated by "
        "a source: it is the earliest or latest dated source that shows the membership.",
        "Ein Datum \u201eerstmals belegt\u201c oder \u201ezuletzt belegt\u201c nennt keine "
        "Quelle: es ist die früheste oder späteste datierte Quelle, die die Mitgliedschaft zeigt.",
    ),
    "sector_history": ("Sectors over time", "Branchen im Zeitverlauf"),
    "from_start": ("from the start", "von Beginn an"),
    "to_now": ("today", "heute"),
    "embed_heading": ("Embed", "Einbetten"),
    "embed_badge": (
        "This badge always shows the latest figure:",
        "Dieses Abzeichen zeigt immer die aktuelle Zahl:",
    ),
    "embed_card": ("Or a small card in a frame:", "Oder eine kleine Karte in einem Rahmen:"),
    "embed_open": ("Open in the de:hub registry", "Im de:hub-Register öffnen"),
    "badge_alt": ("{name}: {members}, {date}", "{name}: {members}, {date}"),
    # statistics
    "stats_title": ("Statistics", "Statistik"),
    "stats_chart": ("Organisations per year", "Organisationen je Jahr"),
    "stats_chart_label": (
        "Bar chart of organisations per year, {first} to {last}",
        "Balkendiagramm der Organisationen je Jahr, {first} bis {last}",
    ),
    "stats_years": ("Organisations per year", "Organisationen je Jahr"),
    "stats_years_caption": (
        "Each year counted on 31 December; {year} on {date}. The same figures as dehub report.",
        "Jedes Jahr zum 31. Dezember gezählt; {year} zum {date}. Dieselben Zahlen wie dehub "
        "report.",
    ),
    "stats_totals": ("Totals on {date}", "Gesamt zum {date}"),
    "stats_hubs": ("Per hub", "Je Hub"),
    "stats_sectors": ("Per sector", "Je Branche"),
    "stats_published": (
        "Published figures and the registry",
        "Veröffentlichte Zahlen und das Register",
    ),
    "stats_published_caption": (
        "The registry counted on the day of each published figure. Coverage = registry / "
        "published.",
        "Das Register gezählt am Tag jeder veröffentlichten Zahl. Abdeckung = Register / "
        "veröffentlicht.",
    ),
    "year": ("Year", "Jahr"),
    "date": ("Date", "Datum"),
    "figure": ("Figure", "Kennzahl"),
    "published": ("Published", "Veröffentlicht"),
    "registry": ("Registry", "Register"),
    "coverage": ("Coverage", "Abdeckung"),
    "joined": ("Joined", "Beigetreten"),
    "left": ("Left", "Ausgetreten"),
    "table_scroll": ("{title} (scrolls sideways)", "{title} (seitlich scrollbar)"),
    # root page
    "root_choose": ("Choose a language", "Sprache wählen"),
}

KINDS: dict[str, tuple[str, str]] = {
    "startup": ("Startup", "Startup"),
    "sme": ("SME", "KMU"),
    "corporate": ("Corporation", "Konzern"),
    "university": ("University", "Hochschule"),
    "research": ("Research institute", "Forschungseinrichtung"),
    "investor": ("Investor", "Investor"),
    "accelerator": ("Accelerator", "Accelerator"),
    "association": ("Association", "Verband"),
    "public": ("Public body", "Öffentliche Einrichtung"),
}

ROLES: dict[str, tuple[str, str]] = {
    "member": ("Member", "Mitglied"),
    "operator": ("Operator", "Betreiber"),
    "partner": ("Partner", "Partner"),
    "mentor": ("Mentor", "Mentor"),
    "investor": ("Investor", "Investor"),
}

GROUPS: dict[str, tuple[str, str]] = {
    "hubs": ("Hubs", "Hubs"),
    "startups": ("Startups", "Startups"),
    "companies": ("Companies", "Unternehmen"),
    "universities": ("Universities", "Hochschulen"),
    "research": ("Research", "Forschung"),
    "investors": ("Investors", "Investoren"),
    "others": ("Others", "Sonstige"),
    "organisations": ("Organisations", "Organisationen"),
    "partners": ("Partners", "Partner"),
}
"""Labels of the report's groups and published keys (as ``dehub report`` names them)."""

LAENDER: dict[str, tuple[str, str]] = {
    "DE-BB": ("Brandenburg", "Brandenburg"),
    "DE-BE": ("Berlin", "Berlin"),
    "DE-BW": ("Baden-Württemberg", "Baden-Württemberg"),
    "DE-BY": ("Bavaria", "Bayern"),
    "DE-HB": ("Bremen", "Bremen"),
    "DE-HE": ("Hesse", "Hessen"),
    "DE-HH": ("Hamburg", "Hamburg"),
    "DE-MV": ("Mecklenburg-Vorpommern", "Mecklenburg-Vorpommern"),
    "DE-NI": ("Lower Saxony", "Niedersachsen"),
    "DE-NW": ("North Rhine-Westphalia", "Nordrhein-Westfalen"),
    "DE-RP": ("Rhineland-Palatinate", "Rheinland-Pfalz"),
    "DE-SH": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "DE-SL": ("Saarland", "Saarland"),
    "DE-SN": ("Saxony", "Sachsen"),
    "DE-ST": ("Saxony-Anhalt", "Sachsen-Anhalt"),
    "DE-TH": ("Thuringia", "Thüringen"),
}

NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "hubs": (("hub", "hubs"), ("Hub", "Hubs")),
    "organisations": (("organisation", "organisations"), ("Organisation", "Organisationen")),
    "members": (("member", "members"), ("Mitglied", "Mitglieder")),
    "startups": (("startup", "startups"), ("Startup", "Startups")),
    "companies": (("company", "companies"), ("Unternehmen", "Unternehmen")),
    "universities": (("university", "universities"), ("Hochschule", "Hochschulen")),
    "research": (
        ("research institute", "research institutes"),
        ("Forschungseinrichtung", "Forschungseinrichtungen"),
    ),
    "investors": (("investor", "investors"), ("Investor", "Investoren")),
    "others": (
        ("other organisation", "other organisations"),
        ("sonstige Organisation", "sonstige Organisationen"),
    ),
    "partners": (("partner", "partners"), ("Partner", "Partner")),
}
"""Nouns for running text: ``(singular, plural)`` in English, then in German."""

QUALIFIERS: dict[str, tuple[str, str]] = {
    "at_least": ("more than {n}", "mehr als {n}"),
    "about": ("about {n}", "etwa {n}"),
}

_TABLES = (TEXT, KINDS, ROLES, GROUPS, LAENDER, QUALIFIERS)


def _index(lang: Language) -> int:
    return LANGUAGES.index(lang)


class Texts:
    """One language's page texts as attributes (``t.key`` in templates, also ``t["key"]``).

    Attributes, not a dict: Jinja looks up ``t.key`` as an attribute first, and a page
    reads dozens of texts, on 20,000 pages.
    """

    def __init__(self, values: dict[str, str]) -> None:
        self.__dict__.update(values)

    def __getitem__(self, key: str) -> str:
        value: str = self.__dict__[key]
        return value


def texts(lang: Language) -> Texts:
    """One language's page texts, for the templates (``t.key``)."""
    index = _index(lang)
    return Texts({key: pair[index] for key, pair in TEXT.items()})


def pick(table: dict[str, tuple[str, str]], key: str, lang: Language) -> str:
    """``key``'s label in ``lang`` from one of the tables; unknown keys show as themselves."""
    pair = table.get(key)
    return pair[_index(lang)] if pair else key


def partial_date(text: str | None, lang: Language) -> str:
    """A registry date as people read it: ``2017``, ``April 2017``, ``21 Apr 2017`` /
    ``21.04.2017``. Anything unexpected is shown as written."""
    if not text:
        return ""
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return f"{numbers[0]:04d}"
        if len(numbers) == 2:
            return month_year(numbers[0], numbers[1], lang)
        import datetime as dt

        return format_date(dt.date(*numbers), lang)
    except (ValueError, IndexError, TypeError):
        return text


def number(value: int, lang: Language) -> str:
    return format_number(value, lang)


def qualified(value: int, qualifier: str | None, lang: Language) -> str:
    """``more than 6,000`` / ``mehr als 6.000`` / ``12``."""
    shown = format_number(value, lang)
    pattern = QUALIFIERS.get(qualifier or "")
    return pattern[_index(lang)].format(n=shown) if pattern else shown


def noun(key: str, value: int, lang: Language) -> str:
    """``1 hub``, ``12 hubs``, ``6.000 Startups``: the number is not formatted here."""
    forms = NOUNS.get(key)
    if forms is None:
        return key
    singular, plural = forms[_index(lang)]
    return singular if value == 1 else plural


def percent(value: float, lang: Language) -> str:
    return format_percent(value, lang)


__all__ = [
    "GROUPS",
    "KINDS",
    "LAENDER",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "ROLES",
    "TEXT",
    "Language",
    "noun",
    "number",
    "partial_date",
    "percent",
    "pick",
    "qualified",
    "texts",
]
