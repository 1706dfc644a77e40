"""``dehub_cli.i18n``: dates, numbers, plurals, summaries and labels in English and German."""

from __future__ import annotations

import datetime as dt

from dehub_cli.i18n import (
    changes_summary,
    counted,
    day_summary,
    format_date,
    format_number,
    format_percent,
    join_words,
    label,
)
from tests.helpers import GROUP_KEYS

D = dt.date


def test_dates_and_numbers_in_both_languages() -> None:
    assert format_date(D(2018, 12, 31), "en") == "31 Dec 2018"
    assert format_date(D(2018, 1, 2), "de") == "02.01.2018"
    assert format_number(6000, "en") == "6,000"
    assert format_number(6000, "de") == "6.000"
    assert format_number(1234567, "de") == "1.234.567"
    assert format_percent(81.66, "de") == "81,7 %"
    assert format_percent(81.66, "en") == "81.7 %"


def test_nouns_agree_with_their_number() -> None:
    assert counted(1, "universities", "en") == "1 university"
    assert counted(2, "companies", "en") == "2 companies"
    assert counted(1, "universities", "de") == "1 Hochschule"
    assert counted(6000, "startups", "de") == "6.000 Startups"
    assert join_words(["a", "b", "c"], "de") == "a, b und c"
    assert join_words(["a"], "en") == "a"


def test_summary_lines_read_as_in_a_press_release() -> None:
    day = D(2018, 12, 31)
    assert (
        day_summary(day, 350, 150, 45, 12, "en")
        == "As of 31 Dec 2018 the registry names 350 startups, 150 companies and 45 universities in 12 hubs."
    )
    assert (
        day_summary(day, 350, 150, 45, 12, "de")
        == "Zum 31.12.2018 nennt das Register 350 Startups, 150 Unternehmen und 45 Hochschulen in 12 Hubs."
    )
    assert (
        day_summary(day, 6000, 1, 1, None, "de", scope="Hub Köln")
        == "Zum 31.12.2018, Hub Köln, nennt das Register 6.000 Startups, 1 Unternehmen und 1 Hochschule."
    )
    assert (
        changes_summary(D(2018, 1, 1), day, 1, 2, "en")
        == "From 1 Jan 2018 to 31 Dec 2018: 1 organisation joined and 2 left."
    )
    assert (
        changes_summary(D(2018, 1, 1), day, 12, 3, "de")
        == "Vom 01.01.2018 bis 31.12.2018: 12 Organisationen beigetreten, 3 ausgetreten."
    )


def test_german_group_labels() -> None:
    assert [label("de", key) for key in [*GROUP_KEYS, "hubs", "joined", "left"]] == [
        "Startups",
        "Unternehmen",
        "Hochschulen",
        "Forschung",
        "Investoren",
        "Sonstige",
        "Organisationen",
        "Hubs",
        "Beigetreten",
        "Ausgetreten",
    ]
