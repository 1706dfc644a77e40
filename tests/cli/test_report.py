"""``dehub report``: what the command adds to ``dehub_cli.report``: days, spans, formats, errors.

The counting rules are pinned in tests/unit/report/test_counting.py and the report documents
and their renderings in tests/unit/report/test_views.py; here each option must pick the right
report, day or span, and the command's whole outputs are pinned.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import dehub_cli
from dehub_cli import Registry
from dehub_cli.cli import common
from dehub_cli.render import RenderOptions
from dehub_cli.render.formats import render
from dehub_cli.report import (
    ReportResult,
    Scope,
    build_changes_report,
    build_day_report,
    build_yearly_report,
)
from tests.helpers import GROUP_KEYS, SHIPPED, SOURCE, RegistryFactory, hub, member, org, run

TODAY = dt.date(2019, 6, 30)
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
    monkeypatch.setattr(common, "today", lambda: TODAY)


HUBS = [
    hub("berlin", name="Hub Berlin", cities=["Berlin"], announced="2016-11-17"),
    hub(
        "koeln",
        name="InsurTech Hub Köln",
        cities=["Köln"],
        sectors=["insurtech"],
        announced="2017-04-21",
    ),
]
ORGS = [
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
]


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    """Berlin (2016) and Köln (2017); 2 startups, 1 corporate, 1 university, a former member."""
    return make_registry(hubs=HUBS, orgs=ORGS, initiative=INITIATIVE)


def report_json(data: Path, *args: str) -> Any:
    result = run("report", "--data", str(data), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def registry_of(data: Path) -> Registry:
    return dehub_cli.load(data).registry


D = dt.date
KOELN = Scope(hub="koeln")
INSURTECH = Scope(sector="insurtech")


@pytest.mark.parametrize(
    ("args", "build"),
    [
        ([], lambda r: build_yearly_report(r, TODAY)),
        (["--hub", "Koeln"], lambda r: build_yearly_report(r, TODAY, scope=KOELN)),
        (["--lang", "DE"], lambda r: build_yearly_report(r, TODAY, "de")),
        (["--year", "2017"], lambda r: build_day_report(r, D(2017, 12, 31), generated=TODAY)),
        (["--year", "2019"], lambda r: build_day_report(r, TODAY, generated=TODAY)),
        (["--as-of", "2018-05-31"], lambda r: build_day_report(r, D(2018, 5, 31), generated=TODAY)),
        (["--as-of", "2018-06"], lambda r: build_day_report(r, D(2018, 6, 30), generated=TODAY)),
        (["--as-of", "2018"], lambda r: build_day_report(r, D(2018, 12, 31), generated=TODAY)),
        (["--sector", "InsurTech", "--year", "2018"],
         lambda r: build_day_report(r, D(2018, 12, 31), scope=INSURTECH, generated=TODAY)),
        (["--changes", "2019"],
         lambda r: build_changes_report(r, D(2019, 1, 1), D(2019, 12, 31), generated=TODAY)),
        (["--from", "2017-12-31", "--to", "2018-01"],
         lambda r: build_changes_report(r, D(2017, 12, 31), D(2018, 1, 31), generated=TODAY)),
        (["--from", "2019"],
         lambda r: build_changes_report(r, D(2019, 1, 1), TODAY, generated=TODAY)),
    ],
)  # fmt: skip
def test_options_pick_the_report_the_day_and_the_span(
    data: Path, args: list[str], build: Callable[[Registry], ReportResult]
) -> None:
    assert report_json(data, *args) == build(registry_of(data)).to_data()


def test_table_is_the_core_rendering_for_a_pipe(data: Path) -> None:
    """Not a terminal: no colour, no width limit, the chart drawn with '#'."""
    result = run("report", "--data", str(data))
    assert (result.exit_code, result.stderr) == (0, "")
    report = build_yearly_report(registry_of(data), TODAY)
    assert result.stdout == render(report, "table", RenderOptions(color=False, width=None))
    assert "2018 ################################################## 4\n" in result.stdout


def test_german_day_table_is_the_core_rendering(data: Path) -> None:
    result = run("report", "--data", str(data), "--year", "2018", "--lang", "de")
    assert (result.exit_code, result.stderr) == (0, "")
    report = build_day_report(registry_of(data), D(2018, 12, 31), "de", generated=TODAY)
    assert result.stdout == render(report, "table")


def test_yearly_csv_is_the_years_table(data: Path) -> None:
    result = run("report", "--data", str(data), "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "year,hubs," + ",".join(GROUP_KEYS) + ",joined,first_recorded,left,last_recorded",
        "2017,2,1,0,1,0,0,0,2,2,0,0,0",
        "2018,2,2,1,1,0,0,0,4,2,0,0,0",
        "2019,2,2,1,0,0,0,0,3,0,0,1,0",
    ]


def test_changes_in_german_markdown(data: Path) -> None:
    result = run(
        "report", "--data", str(data), "--changes", "2018", "--lang", "de", "-f", "markdown"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "### Beigetreten und ausgetreten\n"
        "\n"
        "| Hub | Änderung | Datum | Id | Name | Art |\n"
        "|---|---|---|---|---|---|\n"
        "| koeln | Beigetreten | 2018 | gamma | Gamma AG | corporate |\n"
        "| koeln | Beigetreten | 2018-01 | alpha | Alpha | startup |\n"
        "| koeln | Beigetreten | 2018-06-01 | beta | Beta | startup |\n"
        "\n"
        "### Beigetreten und ausgetreten je Hub\n"
        "\n"
        "| Id | Name | Beigetreten | Ausgetreten |\n"
        "|---|---|---:|---:|\n"
        "| koeln | InsurTech Hub Köln | 3 | 0 |\n"
        "\n"
        "Vom 01.01.2018 bis 31.12.2018: 3 Organisationen beigetreten, 0 ausgetreten.\n"
    )


def test_yaml_equals_json(data: Path) -> None:
    result = run("report", "--data", str(data), "--format", "yaml")
    assert (result.exit_code, result.stderr) == (0, "")
    assert yaml.safe_load(result.stdout) == report_json(data)


def test_html_to_stdout_is_the_rendered_page(data: Path) -> None:
    result = run("report", "--data", str(data), "--format", "html", "--lang", "de")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == render(build_yearly_report(registry_of(data), TODAY, "de"), "html")
    assert result.stdout.count('<rect class="bar"') == 3


def test_html_of_one_day_has_the_series_up_to_that_day(data: Path) -> None:
    result = run("report", "--data", str(data), "--year", "2018", "-f", "html")
    assert (result.exit_code, result.stderr) == (0, "")
    day = build_day_report(registry_of(data), D(2018, 12, 31), with_series=True, generated=TODAY)
    assert result.stdout == render(day, "html")
    assert result.stdout.count('<rect class="bar"') == 2  # 2017, 2018


def test_output_writes_the_file_and_nothing_else(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    written = run("report", "--data", str(data), "-f", "html", "--output", str(target))
    assert (written.exit_code, written.stdout) == (0, "")
    assert written.stderr == f"wrote {target}\n"
    to_stdout = run("report", "--data", str(data), "-f", "html")
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    assert [path.name for path in target.parent.iterdir()] == ["report.html"]


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--year", "2018", "--as-of", "2018-06-01"],
         "error: --year and --as-of exclude each other\nhint: give one day to count on\n"),
        (["--changes", "2018", "--from", "2018-01-01"],
         "error: --changes and --from/--to exclude each other\n"
         "hint: --changes Y is one year's span\n"),
        (["--changes", "2018", "--year", "2018"],
         "error: --changes/--from/--to and --year/--as-of exclude each other\n"
         "hint: ask for one day, or for the changes in a span\n"),
        (["--to", "2018-01-01"],
         "error: --to needs --from\nhint: e.g. --from 2018-01-01 --to 2018-06-30\n"),
        (["--from", "2019-01-01", "--to", "2018-12-31"],
         "error: --to 2018-12-31 is before --from 2019-01-01\n"),
        (["--from", "2020"], "error: today (2019-06-30) is before --from 2020-01-01\n"),
        (["--as-of", "31.12.2018"],
         "error: --as-of: '31.12.2018' is not a date: write 2017-04-21, 2017-04 or 2017 "
         "(ISO order)\nhint: dates are ISO: 2018-12-31, 2018-12 or 2018\n"),
        (["--year", "18"], "error: --year: 18 is not a year\nhint: write a four-digit year such as 2018\n"),
        (["--format", "htm"], "error: unknown format 'htm'\nhint: did you mean 'html'?\n"),
        (["--lang", "fr"], "error: unknown language 'fr'\nhint: choose one of: en, de\n"),
        (["--hub", "Kln"], "error: unknown hub 'Kln'\nhint: did you mean 'koeln'?\n"),
        (["--sector", "fintec"],
         "error: unknown sector 'fintec'\nhint: did you mean 'fintech'?\n"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(data: Path, args: list[str], stderr: str) -> None:
    result = run("report", "--data", str(data), *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == stderr


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
    registry = registry_of(data)
    assert sorted(registry.orgs) == ["ok"]
    assert json.loads(result.stdout) == (
        build_day_report(registry, D(2018, 12, 31), generated=TODAY).to_data()
    )
    assert json.loads(result.stdout)["totals"]["organisations"] == 1
    assert result.stderr.splitlines()[0] == (
        "warning: 1 file with errors left out of this answer; run 'dehub validate'"
    )


def test_records_with_errors_are_warned_about_once(make_registry: RegistryFactory) -> None:
    data = make_registry(
        hubs=[hub("berlin")],
        orgs=[org("broken", kind="spaceship", memberships=[member("berlin", 2017)])],
    )
    result = run("report", "--data", str(data), "--year", "2018", "-f", "json")
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_shipped_registry_reports_in_every_format() -> None:
    if not (SHIPPED / "hubs").is_dir():
        pytest.skip("no shipped registry")
    body = report_json(SHIPPED)
    assert list(body) == ["as_of", "filter", "summary", "years", "totals", "hubs", "sectors",
                          "published"]  # fmt: skip
    for args in (["--year", "2018"], ["--changes", "2018"], ["--as-of", "2018-03-27"]):
        for fmt in ("table", "json", "csv", "markdown", "html"):
            result = run("report", "--data", str(SHIPPED), *args, "-f", fmt)
            assert (result.exit_code, result.stderr) == (0, ""), (args, fmt)
            assert result.stdout.strip(), (args, fmt)
