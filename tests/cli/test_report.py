"""``dehub report`` end to end: options, formats, languages, exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from dehub_cli.cli import report_cmd
from tests.conftest import SOURCE, RegistryFactory, hub, member, org
from tests.helpers import run

TODAY = dt.date(2019, 6, 30)
GROUP_KEYS = [
    "startups",
    "companies",
    "universities",
    "research",
    "investors",
    "others",
    "organisations",
]
INITIATIVE = {
    "name": "Digital Hub Initiative",
    "sources": [SOURCE],
    "published": [
        {
            "date": "2018-12-31",
            "figures": {"hubs": 2, "startups": 4, "universities": 2},
            "qualifiers": {"hubs": "about", "startups": "about", "universities": "about"},
            "sources": [{"url": "https://example.org/press", "title": "Press"}],
        }
    ],
}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_cmd, "today", lambda: TODAY)


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    """Berlin (2016) and Köln (2017); 2 startups, 1 corporate, 1 university, a former member."""
    return make_registry(
        hubs=[
            hub("berlin", name="Hub Berlin", cities=["Berlin"], announced="2016-11-17"),
            hub(
                "koeln",
                name="InsurTech Hub Köln",
                cities=["Köln"],
                sectors=["insurtech"],
                announced="2017-04-21",
            ),
        ],
        orgs=[
            org(
                "alpha",
                name="Alpha",
                sectors=["fintech"],
                memberships=[member("berlin", "2017-12-31"), member("koeln", "2018-01")],
            ),
            org(
                "beta",
                name="Beta",
                sectors=["insurtech"],
                memberships=[member("koeln", "2018-06-01")],
            ),
            org(
                "gamma",
                name="Gamma AG",
                kind="corporate",
                sectors=["insurtech"],
                memberships=[member("koeln", 2018, role="partner")],
            ),
            org(
                "uni",
                name="Uni",
                kind="university",
                memberships=[member("berlin", "2017-03", until="2019-01-01")],
            ),
        ],
        initiative=INITIATIVE,
    )


def report_json(data: Path, *args: str) -> Any:
    result = run("report", "--data", str(data), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# -- the yearly view ------------------------------------------------------------------------


def test_yearly_report_json(data: Path) -> None:
    body = report_json(data)
    assert body["as_of"] == "2019-06-30"
    assert body["years"] == [
        {"year": 2017, "as_of": "2017-12-31", "hubs": 2, "startups": 1, "companies": 0,
         "universities": 1, "research": 0, "investors": 0, "others": 0, "organisations": 2,
         "joined": 2, "first_recorded": 0, "left": 0, "last_recorded": 0},
        {"year": 2018, "as_of": "2018-12-31", "hubs": 2, "startups": 2, "companies": 1,
         "universities": 1, "research": 0, "investors": 0, "others": 0, "organisations": 4,
         "joined": 2, "first_recorded": 0, "left": 0, "last_recorded": 0},
        {"year": 2019, "as_of": "2019-06-30", "hubs": 2, "startups": 2, "companies": 1,
         "universities": 0, "research": 0, "investors": 0, "others": 0, "organisations": 3,
         "joined": 0, "first_recorded": 0, "left": 1, "last_recorded": 0},
    ]  # fmt: skip
    assert body["totals"] == {"hubs": 2, "startups": 2, "companies": 1, "universities": 0,
                              "research": 0, "investors": 0, "others": 0,
                              "organisations": 3}  # fmt: skip
    assert body["published"] == [
        {
            "date": "2018-12-31",
            "text": None,
            "figures": {
                "hubs": {"qualifier": "about", "published": 2, "registry": 2, "coverage": 100.0},
                "startups": {"qualifier": "about", "published": 4, "registry": 2, "coverage": 50.0},
                "universities": {
                    "qualifier": "about",
                    "published": 2,
                    "registry": 1,
                    "coverage": 50.0,
                },
            },
        }
    ]
    assert body["summary"] == (
        "As of 30 Jun 2019 the registry names 2 startups, 1 company and 0 universities in 2 hubs."
        " The initiative reported about 4 startups and about 2 universities in December 2018."
    )


def test_yearly_report_table_has_rows_chart_published_and_summary(data: Path) -> None:
    result = run("report", "--data", str(data))
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    assert "Organisations per year" in out
    assert "2018 ################################################## 4" in out
    assert "Published figures and the registry" in out
    assert "█" not in out  # NO_COLOR and not a terminal: plain '#'
    assert out.endswith(
        "As of 30 Jun 2019 the registry names 2 startups, 1 company and 0 universities in 2 hubs."
        " The initiative reported about 4 startups and about 2 universities in December 2018.\n"
    )


def test_yearly_report_csv_is_the_years_table(data: Path) -> None:
    result = run("report", "--data", str(data), "--format", "csv")
    assert result.stdout.splitlines() == [
        "year,hubs," + ",".join(GROUP_KEYS) + ",joined,first_recorded,left,last_recorded",
        "2017,2,1,0,1,0,0,0,2,2,0,0,0",
        "2018,2,2,1,1,0,0,0,4,2,0,0,0",
        "2019,2,2,1,0,0,0,0,3,0,0,1,0",
    ]


def test_german_report(data: Path) -> None:
    result = run("report", "--data", str(data), "--lang", "de")
    assert result.exit_code == 0
    assert "Organisationen je Jahr" in result.stdout
    assert "Beigetreten" in result.stdout
    assert result.stdout.endswith(
        "Zum 30.06.2019 nennt das Register 2 Startups, 1 Unternehmen und 0 Hochschulen in 2 Hubs."
        " Die Initiative meldete im Dezember 2018 etwa 4 Startups und etwa 2 Hochschulen.\n"
    )


def test_hub_filter_accepts_a_city_with_umlaut(data: Path) -> None:
    body = report_json(data, "--hub", "Koeln")
    assert body["filter"] == {"hub": "koeln", "sector": None}
    assert [row["organisations"] for row in body["years"]] == [0, 3, 3]
    assert body["published"] == []
    assert [row["id"] for row in body["hubs"]] == ["koeln"]


def test_sector_filter_by_name(data: Path) -> None:
    body = report_json(data, "--sector", "InsurTech", "--year", "2018")
    assert body["totals"] == {"hubs": 1, "startups": 1, "companies": 1, "universities": 0,
                              "research": 0, "investors": 0, "others": 0,
                              "organisations": 2}  # fmt: skip
    assert [row["id"] for row in body["sectors"]] == ["insurtech"]


# -- one day --------------------------------------------------------------------------------


def test_year_counts_on_31_december(data: Path) -> None:
    body = report_json(data, "--year", "2017")
    assert body["as_of"] == "2017-12-31"
    assert body["totals"]["organisations"] == 2
    assert [(row["id"], row["name"], row["organisations"]) for row in body["hubs"]] == [
        ("berlin", "Hub Berlin", 2),
        ("koeln", "InsurTech Hub Köln", 0),
    ]
    assert body["published"] == []


def test_current_year_counts_today(data: Path) -> None:
    assert report_json(data, "--year", "2019")["as_of"] == "2019-06-30"


def test_as_of_accepts_day_month_and_year(data: Path) -> None:
    assert report_json(data, "--as-of", "2018-05-31")["totals"]["startups"] == 1
    assert report_json(data, "--as-of", "2018-06")["totals"]["startups"] == 2
    body = report_json(data, "--as-of", "2018")
    assert body["as_of"] == "2018-12-31"
    assert [item["date"] for item in body["published"]] == ["2018-12-31"]


def test_day_report_json_shape(data: Path) -> None:
    body = report_json(data, "--as-of", "2018-12-31")
    assert list(body) == ["as_of", "filter", "summary", "totals", "hubs", "sectors", "published"]
    for row in [*body["hubs"], *body["sectors"]]:
        assert list(row) == ["id", "name", *GROUP_KEYS]


def test_day_report_csv_is_the_hub_rows(data: Path) -> None:
    result = run("report", "--data", str(data), "--year", "2018", "--format", "csv")
    assert result.stdout.splitlines() == [
        "id,name," + ",".join(GROUP_KEYS),
        "berlin,Hub Berlin,1,0,1,0,0,0,2",
        "koeln,InsurTech Hub Köln,2,1,0,0,0,0,3",
    ]


def test_german_day_summary(data: Path) -> None:
    result = run("report", "--data", str(data), "--year", "2018", "--lang", "de")
    assert result.stdout.endswith(
        "Zum 31.12.2018 nennt das Register 2 Startups, 1 Unternehmen und 1 Hochschule in 2 Hubs."
        " Die Initiative meldete im Dezember 2018 etwa 4 Startups und etwa 2 Hochschulen.\n"
    )
    assert "Je Branche" in result.stdout


# -- changes --------------------------------------------------------------------------------


def test_changes_of_a_year(data: Path) -> None:
    body = report_json(data, "--changes", "2019")
    assert body["from"] == "2019-01-01"
    assert body["to"] == "2019-12-31"
    assert body["hubs"] == [
        {"id": "berlin", "name": "Hub Berlin", "joined": [],
         "left": [{"id": "uni", "name": "Uni", "kind": "university", "date": "2019-01-01",
                   "stated": True}]},
        {"id": "koeln", "name": "InsurTech Hub Köln", "joined": [], "left": []},
    ]  # fmt: skip
    assert "totals" not in body


def test_changes_from_to(data: Path) -> None:
    body = report_json(data, "--from", "2017-12-31", "--to", "2018-01")
    joined = {hub["id"]: [c["id"] for c in hub["joined"]] for hub in body["hubs"]}
    assert joined == {"berlin": ["alpha"], "koeln": ["gamma", "alpha"]}


def test_changes_from_without_to_runs_until_today(data: Path) -> None:
    body = report_json(data, "--from", "2019")
    assert (body["from"], body["to"]) == ("2019-01-01", "2019-06-30")


def test_changes_in_german_markdown(data: Path) -> None:
    result = run(
        "report", "--data", str(data), "--changes", "2018", "--lang", "de", "-f", "markdown"
    )
    assert result.exit_code == 0
    assert "| koeln | Beigetreten | 2018 | gamma | Gamma AG | corporate |" in result.stdout
    assert result.stdout.endswith(
        "Vom 01.01.2018 bis 31.12.2018: 3 Organisationen beigetreten, 0 ausgetreten.\n"
    )


# -- other formats and the output file ------------------------------------------------------


def test_yaml_format(data: Path) -> None:
    result = run("report", "--data", str(data), "--format", "yaml")
    assert result.exit_code == 0
    assert "as_of: '2019-06-30'" in result.stdout


def test_html_to_stdout_and_to_a_file(data: Path, tmp_path: Path) -> None:
    result = run("report", "--data", str(data), "--format", "html", "--lang", "de")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "<script" not in result.stdout
    assert result.stdout.count('<rect class="bar"') == 3
    assert "InsurTech Hub Köln" in result.stdout
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    written = run("report", "--data", str(data), "-f", "html", "--output", str(target))
    assert written.exit_code == 0
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [path.name for path in target.parent.iterdir()] == ["report.html"]


def test_html_for_one_year(data: Path) -> None:
    result = run("report", "--data", str(data), "--year", "2018", "-f", "html")
    assert result.exit_code == 0
    assert result.stdout.count('<rect class="bar"') == 2  # 2017, 2018


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2018", "--as-of", "2018-06-01"], "--year and --as-of exclude each other"),
        (["--changes", "2018", "--from", "2018-01-01"], "--changes and --from/--to"),
        (["--changes", "2018", "--year", "2018"], "exclude each other"),
        (["--to", "2018-01-01"], "--to needs --from"),
        (["--from", "2019-01-01", "--to", "2018-12-31"], "is before --from"),
        (["--as-of", "31.12.2018"], "--as-of: '31.12.2018' is not a date"),
        (["--year", "18"], "--year: 18 is not a year"),
        (["--format", "htm"], "unknown format 'htm'"),
        (["--lang", "fr"], "unknown language 'fr'"),
        (["--hub", "Kln"], "unknown hub 'Kln'"),
        (["--sector", "fintec"], "unknown sector 'fintec'"),
    ],
)
def test_usage_errors_exit_2(data: Path, args: list[str], message: str) -> None:
    result = run("report", "--data", str(data), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_unknown_names_get_a_did_you_mean(data: Path) -> None:
    assert "did you mean 'html'?" in run("report", "--data", str(data), "-f", "htm").stderr
    assert "did you mean" in run("report", "--data", str(data), "--sector", "fintec").stderr


def test_records_with_errors_are_left_out_with_a_warning(
    make_registry: RegistryFactory,
) -> None:
    data = make_registry(
        hubs=[hub("berlin")],
        orgs=[
            org("ok", memberships=[member("berlin", 2017)]),
            org("broken", kind="spaceship", memberships=[member("berlin", 2017)]),
        ],
    )
    result = run("report", "--data", str(data), "--year", "2018", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["totals"]["organisations"] == 1
    assert "warning: the registry has 1 error" in result.stderr


def test_shipped_registry_reports_in_every_format() -> None:
    shipped = Path(__file__).resolve().parents[2] / "data"
    if not (shipped / "hubs").is_dir():
        pytest.skip("no shipped registry")
    body = json.loads(run("report", "--data", str(shipped), "-f", "json").stdout)
    assert {"as_of", "totals", "hubs", "sectors", "published"} <= set(body)
    for args in (["--year", "2018"], ["--changes", "2018"], ["--as-of", "2018-03-27"]):
        for fmt in ("table", "json", "csv", "markdown", "html"):
            assert run("report", "--data", str(shipped), *args, "-f", fmt).exit_code == 0
