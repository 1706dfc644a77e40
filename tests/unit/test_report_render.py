"""Report results, labels, summaries and renderings (text, chart, JSON, CSV, Markdown, HTML)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

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
from dehub_cli.registry import Registry
from dehub_cli.render import Page, RenderOptions
from dehub_cli.render.barchart import bar_chart
from dehub_cli.render.formats import render
from dehub_cli.render.html import svg_bar_chart, to_html
from dehub_cli.report import (
    Scope,
    build_changes_report,
    build_day_report,
    build_yearly_report,
)
from tests.conftest import SOURCE, hub, member, org
from tests.unit.test_stats import build_registry

D = dt.date
GROUP_KEYS = [
    "startups",
    "companies",
    "universities",
    "research",
    "investors",
    "others",
    "organisations",
]


def initiative(*published: dict[str, Any]) -> dict[str, Any]:
    return {"name": "Digital Hub Initiative", "sources": [SOURCE], "published": list(published)}


PUBLISHED_2018 = {
    "date": "2018-03-27",
    "figures": {"hubs": 2, "startups": 4, "companies": 2, "universities": 1},
    "qualifiers": {"startups": "at_least", "companies": "at_least", "universities": "at_least"},
    "text": "Mehr als 4 Startups",
    "sources": [{"url": "https://example.org/press", "title": "Press <release>"}],
}
PUBLISHED_2019 = {
    "date": "2019",
    "figures": {"partners": 4, "organisations": 0},
    "sources": [SOURCE],
}


@pytest.fixture
def registry() -> Registry:
    """Two hubs; 3 startups, 1 SME, 1 university, one org in both hubs, one former member."""
    return build_registry(
        [hub("berlin", announced="2016-11-17"), hub("koeln", announced="2017-04-21")],
        [
            org("s1", sectors=["fintech"], memberships=[member("berlin", "2017-01")]),
            org(
                "s2",
                sectors=["fintech", "iot"],
                memberships=[member("berlin", "2017-06-01"), member("koeln", "2018-01-01")],
            ),
            org("s3", memberships=[member("koeln", "2018-03-27", until="2018-12-30")]),
            org("m1", kind="sme", memberships=[member("koeln", 2018)]),
            org(
                "u1",
                kind="university",
                sectors=["iot"],
                memberships=[member("berlin", "2017", until="2019-01-01")],
            ),
        ],
        initiative=initiative(PUBLISHED_2018, PUBLISHED_2019),
    )


# -- i18n -----------------------------------------------------------------------------------


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


# -- the yearly report ----------------------------------------------------------------------


def test_yearly_report_data(registry: Registry) -> None:
    data = build_yearly_report(registry, today=D(2019, 6, 30)).to_data()
    assert data["as_of"] == "2019-06-30"
    assert data["filter"] == {"hub": None, "sector": None}
    assert [
        (
            y["year"],
            y["as_of"],
            y["hubs"],
            y["startups"],
            y["organisations"],
            y["joined"],
            y["left"],
        )
        for y in data["years"]
    ] == [
        (2017, "2017-12-31", 2, 2, 3, 3, 0),
        (2018, "2018-12-31", 2, 2, 4, 1, 0),  # s3 joined and left within 2018: not counted
        (2019, "2019-06-30", 2, 2, 3, 0, 1),  # u1 left on 1 Jan 2019
    ]
    assert list(data["years"][0]) == [
        "year", "as_of", "hubs", *GROUP_KEYS, "joined", "first_recorded", "left", "last_recorded"
    ]  # fmt: skip
    assert data["totals"] == {
        "hubs": 2,
        "startups": 2,
        "companies": 1,
        "universities": 0,
        "research": 0,
        "investors": 0,
        "others": 0,
        "organisations": 3,
    }
    assert [(row["id"], row["name"], row["organisations"]) for row in data["hubs"]] == [
        ("berlin", "Hub berlin", 2),
        ("koeln", "Hub koeln", 2),
    ]
    assert [(row["id"], row["name"], row["startups"]) for row in data["sectors"]] == [
        ("fintech", "FinTech", 2),
        ("iot", "Internet of Things", 1),
        ("logistics", "Logistics", 0),
        ("insurtech", "InsurTech", 0),
    ]
    assert data["summary"] == (
        "As of 30 Jun 2019 the registry names 2 startups, 1 company and 0 universities in 2 hubs."
        " The initiative reported more than 4 startups, more than 2 companies and more than"
        " 1 university in March 2018."
    )


def test_published_figures_next_to_the_registry(registry: Registry) -> None:
    data = build_yearly_report(registry, today=D(2019, 6, 30)).to_data()
    first, second = data["published"]
    # 27 Mar 2018: s1, s2, s3 (joined that day), u1; koeln announced; m1 since 2018
    assert first == {
        "date": "2018-03-27",
        "text": "Mehr als 4 Startups",
        "figures": {
            "hubs": {"qualifier": None, "published": 2, "registry": 2, "coverage": 100.0},
            "startups": {"qualifier": "at_least", "published": 4, "registry": 3, "coverage": 75.0},
            "companies": {"qualifier": "at_least", "published": 2, "registry": 1, "coverage": 50.0},
            "universities": {
                "qualifier": "at_least",
                "published": 1,
                "registry": 1,
                "coverage": 100.0,
            },
        },
    }
    # "2019" is counted on its last day; partners = organisations - startups (3 - 2)
    assert second == {
        "date": "2019",
        "text": None,
        "figures": {
            "partners": {"qualifier": None, "published": 4, "registry": 1, "coverage": 25.0},
            "organisations": {"qualifier": None, "published": 0, "registry": 3, "coverage": None},
        },
    }


def test_coverage_has_one_decimal(registry: Registry) -> None:
    figure = {"date": "2018-12-31", "figures": {"startups": 3}, "sources": [SOURCE]}
    registry = build_registry(
        [hub("berlin")],
        [org("a", memberships=[member("berlin", 2017)])],
        initiative=initiative(figure),
    )
    data = build_yearly_report(registry, today=D(2019, 1, 1)).to_data()
    assert data["published"][0]["figures"]["startups"]["coverage"] == 33.3


def test_filtered_reports_leave_out_the_initiative_wide_figures(registry: Registry) -> None:
    report = build_yearly_report(registry, D(2019, 6, 30), scope=Scope(hub="koeln"))
    data = report.to_data()
    assert data["published"] == []
    assert data["filter"] == {"hub": "koeln", "sector": None}
    assert [row["id"] for row in data["hubs"]] == ["koeln"]
    assert data["summary"] == (
        "As of 30 Jun 2019, Hub koeln, the registry names 1 startup, 1 company and 0 universities."
    )


def test_sector_scope_in_the_summary(registry: Registry) -> None:
    report = build_day_report(registry, D(2017, 12, 31), "de", Scope(sector="iot"))
    assert report.summary == (
        "Zum 31.12.2017, Branche Internet der Dinge, nennt das Register 1 Startup, 0 Unternehmen und "
        "1 Hochschule in 0 Hubs."
    )


# -- one day --------------------------------------------------------------------------------


def test_day_report_data_and_published_only_for_that_exact_day(registry: Registry) -> None:
    data = build_day_report(registry, D(2018, 12, 31)).to_data()
    assert list(data) == ["as_of", "filter", "summary", "totals", "hubs", "sectors", "published"]
    assert data["as_of"] == "2018-12-31"
    assert data["totals"]["organisations"] == 4
    assert data["published"] == []
    on_the_day = build_day_report(registry, D(2018, 3, 27)).to_data()
    assert [item["date"] for item in on_the_day["published"]] == ["2018-03-27"]
    year_figure = build_day_report(registry, D(2019, 12, 31)).to_data()
    assert [item["date"] for item in year_figure["published"]] == ["2019"]


def test_day_report_tables_put_hub_rows_first_for_csv(registry: Registry) -> None:
    report = build_day_report(registry, D(2018, 12, 31), "de")
    csv_text = render(report, "csv")
    lines = csv_text.splitlines()
    assert lines[0] == "id,name," + ",".join(GROUP_KEYS)
    assert lines[1:] == ["berlin,Hub berlin,2,0,1,0,0,0,3", "koeln,Hub koeln,1,1,0,0,0,0,2"]


def test_day_report_as_text(registry: Registry) -> None:
    text = render(build_day_report(registry, D(2018, 12, 31), "de"), "table")
    assert text.startswith("Gesamt zum 31.12.2018\n")
    assert "Je Hub" in text
    assert "Je Branche" in text
    assert "Internet der Dinge" in text
    assert text.endswith(
        "Zum 31.12.2018 nennt das Register 2 Startups, 1 Unternehmen und 1 Hochschule in 2 Hubs."
        " Die Initiative meldete im März 2018 mehr als 4 Startups und mehr als 2 Unternehmen.\n"
    )


# -- changes --------------------------------------------------------------------------------


def test_changes_report_data(registry: Registry) -> None:
    data = build_changes_report(registry, D(2018, 1, 1), D(2018, 12, 31)).to_data()
    assert data["from"] == "2018-01-01"
    assert data["to"] == "2018-12-31"
    assert data["hubs"] == [
        {"id": "berlin", "name": "Hub berlin", "joined": [], "left": []},
        {
            "id": "koeln",
            "name": "Hub koeln",
            "joined": [
                {"id": "m1", "name": "Org m1", "kind": "sme", "date": "2018", "stated": True},
                {
                    "id": "s2",
                    "name": "Org s2",
                    "kind": "startup",
                    "date": "2018-01-01",
                    "stated": True,
                },
                {
                    "id": "s3",
                    "name": "Org s3",
                    "kind": "startup",
                    "date": "2018-03-27",
                    "stated": True,
                },
            ],
            "left": [
                {
                    "id": "s3",
                    "name": "Org s3",
                    "kind": "startup",
                    "date": "2018-12-30",
                    "stated": True,
                }
            ],
        },
    ]
    assert data["summary"] == ("From 1 Jan 2018 to 31 Dec 2018: 3 organisations joined and 1 left.")


def test_changes_as_csv_and_text(registry: Registry) -> None:
    report = build_changes_report(registry, D(2019, 1, 1), D(2019, 12, 31), "de")
    csv = render(report, "csv")
    assert csv.splitlines() == [
        "hub,change,date,id,name,kind",
        "berlin,left,2019-01-01,u1,Org u1,university",
    ]
    assert csv == render(
        build_changes_report(registry, D(2019, 1, 1), D(2019, 12, 31), "en"), "csv"
    )
    text = render(report, "table")
    assert "Beigetreten und ausgetreten je Hub" in text
    assert "berlin | Ausgetreten | 2019-01-01 | u1 | Org u1 | university" in text
    assert "| berlin | Ausgetreten | 2019-01-01 |" in render(report, "markdown")
    assert text.endswith(
        "Vom 01.01.2019 bis 31.12.2019: 0 Organisationen beigetreten, 1 ausgetreten.\n"
    )


# -- the terminal rendering and the bar chart -----------------------------------------------


def test_bar_chart_in_ascii_scales_to_the_largest_value() -> None:
    chart = bar_chart([("2017", 5), ("2018", 10), ("2019", 0)], width=26)
    assert chart == "2017 ######### 5\n2018 ################## 10\n2019  0\n"
    assert chart.isascii()


def test_bar_chart_with_blocks_uses_eighths() -> None:
    chart = bar_chart([("a", 1), ("b", 16)], unicode=True, width=14, title="T")
    assert chart == "T\na ▋ 1\nb ██████████ 16\n"


def test_bar_chart_shows_a_sliver_for_small_values() -> None:
    assert bar_chart([("a", 1), ("b", 1000)], width=20).splitlines()[0] == "a # 1"
    assert bar_chart([]) == ""


def test_yearly_report_as_text_has_table_chart_published_and_summary(registry: Registry) -> None:
    text = render(
        build_yearly_report(registry, today=D(2019, 6, 30)), "table", RenderOptions(width=100)
    )
    assert "█" not in text
    years_at = text.index("Organisations per year")
    assert "Each year counted on 31 December; 2019 on 30 Jun 2019." in text
    chart_at = text.index("Organisations per year\n2017 ")
    published_at = text.index("Published figures and the registry")
    assert years_at < chart_at < published_at
    assert re.search(r"^2018 #+ 4$", text, re.MULTILINE)
    assert " ".join(text.split()).endswith(  # the summary is wrapped at the width
        "As of 30 Jun 2019 the registry names 2 startups, 1 company and 0 universities in 2 hubs."
        " The initiative reported more than 4 startups, more than 2 companies and more than"
        " 1 university in March 2018."
    )
    assert max(len(line) for line in text.splitlines()) <= 100


def test_yearly_report_on_a_colour_terminal_uses_blocks(registry: Registry) -> None:
    text = render(
        build_yearly_report(registry, today=D(2019, 6, 30)), "table", RenderOptions(color=True)
    )
    assert "█" in text
    assert "#" not in text.split("Published")[0].split("Organisations per year")[-1]


def test_markdown_has_every_table_and_the_summary(registry: Registry) -> None:
    text = render(build_yearly_report(registry, D(2019, 6, 30), "de"), "markdown")
    assert "### Organisationen je Jahr" in text
    assert "### Veröffentlichte Zahlen und das Register" in text
    assert "| 2018 | 2 | 2 | 1 | 1 | 0 | 0 | 0 | 4 | 1 | 0 |" in text
    assert text.endswith(
        "Zum 30.06.2019 nennt das Register 2 Startups, 1 Unternehmen und 0 Hochschulen in 2 Hubs."
        " Die Initiative meldete im März 2018 mehr als 4 Startups, mehr als 2 Unternehmen und"
        " mehr als 1 Hochschule.\n"
    )


def test_json_and_yaml_come_from_the_same_data(registry: Registry) -> None:
    report = build_yearly_report(registry, D(2019, 6, 30))
    assert json.loads(render(report, "json")) == report.to_data()
    assert "summary: As of 30 Jun 2019" in render(report, "yaml")


# -- HTML -----------------------------------------------------------------------------------


def test_html_page_is_self_contained_and_escaped() -> None:
    registry = build_registry(
        [hub("berlin", name='<b>Hub</b> & "Co"')],
        [org("a", memberships=[member("berlin", 2017)])],
        initiative=initiative(PUBLISHED_2018),
    )
    page = render(build_yearly_report(registry, D(2018, 6, 1), "de"), "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert page.rstrip().endswith("</html>")
    lowered = page.lower()
    for forbidden in ("<script", "<link", "src=", "url(", "@import", "<iframe", "<img"):
        assert forbidden not in lowered
    assert "&lt;b&gt;Hub&lt;/b&gt; &amp; &quot;Co&quot;" in page
    assert "<b>Hub</b>" not in page
    assert "Press &lt;release&gt;" in page
    # only source links point outside; the SVG namespace is a name, not a fetch
    urls = set(re.findall(r"https?://[^\"'<> ]+", page))
    assert urls == {"https://example.org/press", "http://www.w3.org/2000/svg"}
    assert '<a href="https://example.org/press">' in page
    assert page.count("<svg") == 1
    assert page.count('<rect class="bar"') == 2  # 2017 and 2018
    assert "Aus dem Register gezählt am 2018-06-01." in page
    assert (
        "Zum 01.06.2018 nennt das Register 1 Startup, 0 Unternehmen und 0 Hochschulen in 1 Hub."
        in page
    )


def test_html_day_page_has_the_series_up_to_that_day(registry: Registry) -> None:
    report = build_day_report(registry, D(2018, 12, 31), with_series=True, generated=D(2020, 1, 1))
    page = render(report, "html")
    assert page.count('<rect class="bar"') == 2
    assert "<h2>Per hub</h2>" in page
    assert "<dt>Organisations</dt><dd>4</dd>" in page


def test_only_http_links_become_anchors() -> None:
    page = to_html(
        Page(
            title="t",
            parts=[],
            links=[("javascript:alert(1)", "bad"), ("https://example.org/a?b=1&c=2", "good")],
        )
    )
    assert "javascript" not in page
    assert '<a href="https://example.org/a?b=1&amp;c=2">good</a>' in page
    assert "<li>bad</li>" in page


def test_svg_bar_heights_follow_the_values() -> None:
    svg = svg_bar_chart([("2017", 50), ("2018", 100)], title="Orgs")
    heights = [float(value) for value in re.findall(r'height="([\d.]+)"><title>', svg)]
    assert heights == [100.0, 200.0]
    assert "<title>2018: 100</title>" in svg
