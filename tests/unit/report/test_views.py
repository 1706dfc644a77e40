"""``dehub_cli.report``: the yearly, day and changes reports as data and as rendered text."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import yaml

from dehub_cli import Registry
from dehub_cli.render import RenderOptions
from dehub_cli.render.formats import render
from dehub_cli.report import (
    Scope,
    build_changes_report,
    build_day_report,
    build_yearly_report,
)
from tests.helpers import GROUP_KEYS, SOURCE, build_registry, hub, member, org

D = dt.date


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


# -- the yearly report ----------------------------------------------------------------------


def test_yearly_report_data(registry: Registry) -> None:
    data = build_yearly_report(registry, today=D(2019, 6, 30)).to_data()
    assert data["as_of"] == "2019-06-30"
    assert data["filter"] == {"hub": None, "sector": None}
    columns = ["year", "as_of", "hubs", *GROUP_KEYS, "joined", "first_recorded", "left",
               "last_recorded"]  # fmt: skip
    assert data["years"] == [
        dict(zip(columns, (2017, "2017-12-31", 2, 2, 0, 1, 0, 0, 0, 3, 3, 0, 0, 0), strict=True)),
        # s3 joined and left within 2018: neither joined nor left
        dict(zip(columns, (2018, "2018-12-31", 2, 2, 1, 1, 0, 0, 0, 4, 1, 0, 0, 0), strict=True)),
        # u1 left on 1 Jan 2019
        dict(zip(columns, (2019, "2019-06-30", 2, 2, 1, 0, 0, 0, 0, 3, 0, 0, 1, 0), strict=True)),
    ]
    assert [list(year) for year in data["years"]] == [columns] * 3
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
    def counts(*values: int) -> dict[str, int]:
        return dict(zip(GROUP_KEYS, values, strict=True))

    data = build_day_report(registry, D(2018, 12, 31)).to_data()
    assert data == {
        "as_of": "2018-12-31",
        "filter": {"hub": None, "sector": None},
        "summary": "As of 31 Dec 2018 the registry names 2 startups, 1 company and 1 university "
        "in 2 hubs. The initiative reported more than 4 startups and more than 2 companies in "
        "March 2018.",
        "totals": {"hubs": 2, **counts(2, 1, 1, 0, 0, 0, 4)},
        "hubs": [
            {"id": "berlin", "name": "Hub berlin", **counts(2, 0, 1, 0, 0, 0, 3)},
            {"id": "koeln", "name": "Hub koeln", **counts(1, 1, 0, 0, 0, 0, 2)},
        ],
        "sectors": [
            {"id": "fintech", "name": "FinTech", **counts(2, 0, 0, 0, 0, 0, 2)},
            {"id": "iot", "name": "Internet of Things", **counts(1, 0, 1, 0, 0, 0, 2)},
            {"id": "logistics", "name": "Logistics", **counts(0, 0, 0, 0, 0, 0, 0)},
            {"id": "insurtech", "name": "InsurTech", **counts(0, 0, 0, 0, 0, 0, 0)},
        ],
        "published": [],
    }
    assert list(data) == ["as_of", "filter", "summary", "totals", "hubs", "sectors", "published"]
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


GERMAN_GROUPS = (
    "| Startups | Unternehmen | Hochschulen | Forschung | Investoren | Sonstige | Organisationen\n"
)
GERMAN_RULE = (
    "+----------+-------------+-------------+-----------+------------+----------+---------------\n"
)


def test_day_report_as_text(registry: Registry) -> None:
    text = render(build_day_report(registry, D(2018, 12, 31), "de"), "table")
    assert text == (
        "Gesamt zum 31.12.2018\n"
        "  Hubs            2\n"
        "  Startups        2\n"
        "  Unternehmen     1\n"
        "  Hochschulen     1\n"
        "  Forschung       0\n"
        "  Investoren      0\n"
        "  Sonstige        0\n"
        "  Organisationen  4\n"
        "\n"
        "Je Hub\n"
        "Id     | Name       "
        + GERMAN_GROUPS
        + "-------+------------"
        + GERMAN_RULE
        + "berlin | Hub berlin |        2 |           0 |           1 |         0 |          0 "
        "|        0 |              3\n"
        "koeln  | Hub koeln  |        1 |           1 |           0 |         0 |          0 "
        "|        0 |              2\n"
        "\n"
        "Je Branche\n"
        "Id        | Name               "
        + GERMAN_GROUPS
        + "----------+--------------------"
        + GERMAN_RULE
        + "fintech   | Finanztechnologie  |        2 |           0 |           0 |         0 "
        "|          0 |        0 |              2\n"
        "iot       | Internet der Dinge |        1 |           0 |           1 |         0 "
        "|          0 |        0 |              2\n"
        "logistics | Logistik           |        0 |           0 |           0 |         0 "
        "|          0 |        0 |              0\n"
        "insurtech | InsurTech          |        0 |           0 |           0 |         0 "
        "|          0 |        0 |              0\n"
        "\n"
        "Zum 31.12.2018 nennt das Register 2 Startups, 1 Unternehmen und 1 Hochschule in 2 Hubs. "
        "Die Initiative meldete im März 2018 mehr als 4 Startups und mehr als 2 Unternehmen.\n"
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
    assert render(report, "table") == (
        "Beigetreten und ausgetreten\n"
        "Hub    | Änderung    | Datum      | Id | Name   | Art\n"
        "-------+-------------+------------+----+--------+-----------\n"
        "berlin | Ausgetreten | 2019-01-01 | u1 | Org u1 | university\n"
        "\n"
        "Beigetreten und ausgetreten je Hub\n"
        "Id     | Name       | Beigetreten | Ausgetreten\n"
        "-------+------------+-------------+------------\n"
        "berlin | Hub berlin |           0 |           1\n"
        "\n"
        "Vom 01.01.2019 bis 31.12.2019: 0 Organisationen beigetreten, 1 ausgetreten.\n"
    )


# -- the terminal rendering and the bar chart -----------------------------------------------


def test_yearly_report_as_text_has_table_chart_published_and_summary(registry: Registry) -> None:
    text = render(build_yearly_report(registry, today=D(2019, 6, 30)), "table", RenderOptions())
    assert text == (
        "Organisations per year\n"
        "Year | Hubs | Startups | Companies | Universities | Research | Investors | Others "
        "| Organisations | Joined | First recorded | Left | Last recorded\n"
        "-----+------+----------+-----------+--------------+----------+-----------+--------"
        "+---------------+--------+----------------+------+--------------\n"
        "2017 |    2 |        2 |         0 |            1 |        0 |         0 |      0 "
        "|             3 |      3 |              0 |    0 |             0\n"
        "2018 |    2 |        2 |         1 |            1 |        0 |         0 |      0 "
        "|             4 |      1 |              0 |    0 |             0\n"
        "2019 |    2 |        2 |         1 |            0 |        0 |         0 |      0 "
        "|             3 |      0 |              0 |    1 |             0\n"
        "Each year counted on 31 December; 2019 on 30 Jun 2019.\n"
        "\n"
        "Organisations per year\n"
        "2017 ###################################### 3\n"
        "2018 ################################################## 4\n"
        "2019 ###################################### 3\n"
        "\n"
        "Published figures and the registry\n"
        "Date       | Qualifier | Figure        | Published | Registry | Coverage %\n"
        "-----------+-----------+---------------+-----------+----------+-----------\n"
        "2018-03-27 |           | Hubs          |         2 |        2 |      100.0\n"
        "2018-03-27 | at least  | Startups      |         4 |        3 |       75.0\n"
        "2018-03-27 | at least  | Companies     |         2 |        1 |       50.0\n"
        "2018-03-27 | at least  | Universities  |         1 |        1 |      100.0\n"
        "2019       |           | Partners      |         4 |        1 |       25.0\n"
        "2019       |           | Organisations |         0 |        3 |\n"
        "\n"
        "As of 30 Jun 2019 the registry names 2 startups, 1 company and 0 universities in 2 hubs. "
        "The initiative reported more than 4 startups, more than 2 companies and more than "
        "1 university in March 2018.\n"
    )
    narrow = render(
        build_yearly_report(registry, today=D(2019, 6, 30)), "table", RenderOptions(width=100)
    )
    assert max(len(line) for line in narrow.splitlines()) <= 100


def test_yearly_report_on_a_colour_terminal_uses_blocks(registry: Registry) -> None:
    text = render(
        build_yearly_report(registry, today=D(2019, 6, 30)), "table", RenderOptions(color=True)
    )
    assert "█" in text
    assert "#" not in text.split("Published")[0].split("Organisations per year")[-1]


def test_markdown_has_every_table_and_the_summary(registry: Registry) -> None:
    text = render(build_yearly_report(registry, D(2019, 6, 30), "de"), "markdown")
    assert text == (
        "### Organisationen je Jahr\n"
        "\n"
        "| Jahr | Hubs | Startups | Unternehmen | Hochschulen | Forschung | Investoren | Sonstige "
        "| Organisationen | Beigetreten | Erstmals erfasst | Ausgetreten | Zuletzt erfasst |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        "| 2017 | 2 | 2 | 0 | 1 | 0 | 0 | 0 | 3 | 3 | 0 | 0 | 0 |\n"
        "| 2018 | 2 | 2 | 1 | 1 | 0 | 0 | 0 | 4 | 1 | 0 | 0 | 0 |\n"
        "| 2019 | 2 | 2 | 1 | 0 | 0 | 0 | 0 | 3 | 0 | 0 | 1 | 0 |\n"
        "\n"
        "Jedes Jahr zum 31. Dezember gezählt; 2019 zum 30.06.2019.\n"
        "\n"
        "### Veröffentlichte Zahlen und das Register\n"
        "\n"
        "| Datum | Angabe | Kennzahl | Veröffentlicht | Register | Abdeckung % |\n"
        "|---|---|---|---:|---:|---:|\n"
        "| 2018-03-27 |  | Hubs | 2 | 2 | 100.0 |\n"
        "| 2018-03-27 | mindestens | Startups | 4 | 3 | 75.0 |\n"
        "| 2018-03-27 | mindestens | Unternehmen | 2 | 1 | 50.0 |\n"
        "| 2018-03-27 | mindestens | Hochschulen | 1 | 1 | 100.0 |\n"
        "| 2019 |  | Partner | 4 | 1 | 25.0 |\n"
        "| 2019 |  | Organisationen | 0 | 3 |  |\n"
        "\n"
        "Zum 30.06.2019 nennt das Register 2 Startups, 1 Unternehmen und 0 Hochschulen in 2 Hubs. "
        "Die Initiative meldete im März 2018 mehr als 4 Startups, mehr als 2 Unternehmen und "
        "mehr als 1 Hochschule.\n"
    )


def test_json_and_yaml_come_from_the_same_data(registry: Registry) -> None:
    report = build_yearly_report(registry, D(2019, 6, 30))
    assert json.loads(render(report, "json")) == report.to_data()
    assert yaml.safe_load(render(report, "yaml")) == report.to_data()


# -- HTML -----------------------------------------------------------------------------------


def test_html_day_page_has_the_series_up_to_that_day(registry: Registry) -> None:
    report = build_day_report(registry, D(2018, 12, 31), with_series=True, generated=D(2020, 1, 1))
    page = render(report, "html")
    assert page.count('<rect class="bar"') == 2
    assert "<h2>Per hub</h2>" in page
    assert "<dt>Organisations</dt><dd>4</dd>" in page
