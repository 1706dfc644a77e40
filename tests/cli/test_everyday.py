"""Small things found in everyday use, each pinned by its whole output."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dehub_cli.cli import common
from dehub_cli.edit.inputs import kind_from_text, parse_date
from dehub_cli.errors import DehubError
from dehub_cli.textnorm import slugify
from tests import query_registry
from tests.helpers import RegistryFactory, hub, member, org, run

TODAY = dt.date(2019, 6, 30)


@pytest.fixture
def data(make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(common, "today", lambda: TODAY)
    return query_registry.write(make_registry)


def test_search_says_how_many_of_how_many(data: Path) -> None:
    result = run("search", "pay", "--limit", "1", "--data", str(data))
    assert result.stdout.splitlines()[-1] == "1 of 2 matches for 'pay'"
    result = run("search", "capital", "--data", str(data))
    assert result.stdout.splitlines()[-1] == "1 match for 'capital'"


def test_counts_in_captions_are_plural_only_when_they_should_be(
    make_registry: RegistryFactory,
) -> None:
    root = make_registry(
        hubs=[hub("berlin"), hub("koeln")],
        orgs=[org("both", memberships=[member("berlin"), member("koeln")])],
    )
    listed = run("list", "orgs", "--as-of", "2018", "--data", str(root))
    assert listed.stdout.splitlines()[-1] == "1 organisation, as of 2018-12-31"
    links = run("links", "--as-of", "2018", "--data", str(root)).stdout.splitlines()
    assert "1 bridge, as of 2018-12-31" in links
    assert "1 pair, as of 2018-12-31" in links
    limited = run("list", "--limit", "1", "--as-of", "2018", "--data", str(root))
    assert limited.stdout.splitlines()[-1] == "1 of 2 hubs, as of 2018-12-31"


def test_fmt_check_counts_files(data: Path) -> None:
    result = run("fmt", "--check", str(data / "orgs" / "zeta.yaml"), "--data", str(data))
    assert result.stderr == "1 of 1 file would be reformatted\n"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Rhenus SE & Co. KG", "rhenus"),
        ("Henkel AG & Co. KGaA", "henkel"),
        ("Dr. Oetker GmbH & Co. KG", "dr-oetker"),
        ("Müller & Co. KG", "mueller"),
        ("Acme UG (haftungsbeschränkt) & Co. KG", "acme"),
        ("Merck KGaA", "merck"),
        ("Bosch Co", "bosch-co"),
    ],
)
def test_compound_legal_forms_stay_out_of_ids(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_an_invalid_date_says_how_to_write_it_once(make_registry: RegistryFactory) -> None:
    root = make_registry(
        hubs=[hub("berlin")],
        orgs=[org("op", memberships=[member("berlin", "21.04.2017", role="operator")])],
    )
    result = run("validate", "--data", str(root), "--format", "json")
    (diagnostic,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "DH205"]
    assert (diagnostic["message"], diagnostic["hint"]) == (
        "memberships[0].since: '21.04.2017' is not a date",
        "write 2017-04-21, 2017-04 or 2017 (ISO order)",
    )


def test_a_spreadsheet_date_is_shown_as_written() -> None:
    with pytest.raises(DehubError) as caught:
        parse_date("31.02.2024")
    assert caught.value.message == "'31.02.2024': day 31 does not exist"


KINDS = "startup, sme, corporate, university, research, investor, accelerator, association, public"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Spedition", f"choose one of: {KINDS}"),
        ("KMUU", f"did you mean 'kmu'? (choose one of: {KINDS})"),
        ("startp", f"did you mean 'startup'? (choose one of: {KINDS})"),
    ],
)
def test_only_close_kinds_are_suggested(text: str, hint: str) -> None:
    with pytest.raises(DehubError) as caught:
        kind_from_text(text)
    assert caught.value.hint == hint


@pytest.mark.parametrize(
    "args",
    [[], ["--changes", "2018"], ["--year", "2018"], ["--by", "hub"]],
    ids=["yearly", "changes", "day", "by-hub"],
)
def test_machine_formats_do_not_change_with_the_language(data: Path, args: list[str]) -> None:
    def without_text_for_people(value: Any) -> Any:
        """The document without the summary and names, which follow --lang by design."""
        if isinstance(value, dict):
            return {
                key: without_text_for_people(item)
                for key, item in value.items()
                if key not in ("summary", "name")
            }
        if isinstance(value, list):
            return [without_text_for_people(item) for item in value]
        return value

    for fmt, parse in (("csv", str), ("json", json.loads), ("yaml", yaml.safe_load)):
        english = run("report", *args, "--format", fmt, "--lang", "en", "--data", str(data))
        german = run("report", *args, "--format", fmt, "--lang", "de", "--data", str(data))
        assert english.exit_code == german.exit_code == 0, english.stderr
        assert without_text_for_people(parse(german.stdout)) == without_text_for_people(
            parse(english.stdout)
        )


def test_changes_csv_keeps_machine_values(data: Path) -> None:
    german = run("report", "--changes", "2018", "-f", "csv", "--lang", "de", "--data", str(data))
    assert german.stdout.splitlines()[:2] == [
        "hub,change,date,id,name,kind",
        "berlin,joined,2018-01,beta,Beta Versicherung AG,corporate",
    ]
    table = run("report", "--changes", "2018", "--lang", "de", "--data", str(data)).stdout
    assert "berlin   | Beigetreten | 2018-01 | beta  | Beta Versicherung AG | corporate" in table


def test_data_at_the_repository_root_suggests_data(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data.parent)
    result = run("list", "--data", ".")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: . (--data) has no hubs/ or orgs/ directory\nhint: did you mean --data ./data?\n"
    )
    missing = run("list", "--data", "nowhere")
    assert missing.stderr == (
        "error: nowhere (--data) does not exist\nhint: pass the directory holding hubs/ and orgs/\n"
    )
    monkeypatch.setenv("DEHUB_DATA", str(data / "hubs"))
    wrong = run("list")
    assert wrong.stderr == (
        f"error: {data / 'hubs'} ($DEHUB_DATA) has no hubs/ or orgs/ directory\n"
        "hint: pass the directory holding hubs/ and orgs/ (often data/ in the registry's "
        "checkout)\n"
    )


def test_a_future_year_is_refused(data: Path) -> None:
    result = run("report", "--year", "2030", "--data", str(data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --year 2030 is in the future: the registry records what happened\n"
        "hint: --year 2019 counts on today, 2019-06-30\n"
    )
    as_of = run("report", "--as-of", "2019-07", "--data", str(data))
    assert as_of.stderr == (
        "error: --as-of 2019-07 is in the future: the registry records what happened\n"
        "hint: the latest day to count on is today, 2019-06-30\n"
    )
    this_year = run("report", "--as-of", "2019", "-f", "json", "--data", str(data))
    assert json.loads(this_year.stdout)["as_of"] == "2019-06-30"


def test_a_hub_without_operator_says_so(make_registry: RegistryFactory) -> None:
    root = make_registry(hubs=[hub("koeln")])
    lines = run("show", "koeln", "--data", str(root)).stdout.splitlines()
    assert "  operators        none recorded" in lines
    assert "  twins            none" in lines


def test_one_hubs_report_lists_its_sectors_only(data: Path) -> None:
    report = json.loads(run("report", "--hub", "berlin", "-f", "json", "--data", str(data)).stdout)
    # fintech and iot are Berlin's own sectors; insurtech is one its member Beta works in.
    assert [row["id"] for row in report["sectors"]] == ["fintech", "iot", "insurtech"]
    day = json.loads(
        run(
            "report", "--hub", "dortmund", "--year", "2018", "-f", "json", "--data", str(data)
        ).stdout
    )
    assert [row["id"] for row in day["sectors"]] == ["logistics"]


BY_HUB = """\
Organisations per year in each hub
Year | As of      | berlin | dortmund | hamburg | koeln | nuernberg
-----+------------+--------+----------+---------+-------+----------
2016 | 2016-12-31 |      1 |        0 |       0 |     0 |         0
2017 | 2017-12-31 |      3 |        1 |       2 |     1 |         0
2018 | 2018-12-31 |      4 |        2 |       2 |     1 |         0
2019 | 2019-06-30 |      3 |        2 |       3 |     1 |         0
berlin: IoT & FinTech Hub Berlin; dortmund: Logistics Hub Dortmund; hamburg: Logistics Hub
Hamburg; koeln: InsurTech Hub Köln; nuernberg: Digital Health Hub Nürnberg

As of 30 Jun 2019 the registry names 1 startup, 2 companies and 1 university in 5 hubs.
"""


def test_report_by_hub(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dehub_cli.cli.common.terminal_width", lambda: 90)
    assert run("report", "--by", "hub", "--data", str(data)).stdout == BY_HUB


def test_report_by_sector_in_every_format(data: Path) -> None:
    as_json = json.loads(run("report", "--by", "sector", "-f", "json", "--data", str(data)).stdout)
    assert as_json["by"] == "sector"
    assert as_json["columns"][0] == {"id": "fintech", "name": "FinTech"}
    assert as_json["years"][-1]["counts"]["fintech"] >= 1
    csv = run("report", "--by", "sector", "-f", "csv", "--data", str(data)).stdout
    assert csv.splitlines()[0] == "year,as_of," + ",".join(c["id"] for c in as_json["columns"])
    markdown = run("report", "--by", "sector", "-f", "markdown", "--data", str(data)).stdout
    assert markdown.startswith("### Organisations per year in each sector\n")
    page = run("report", "--by", "sector", "-f", "html", "--data", str(data)).stdout
    assert "<h2>Organisations per year in each sector</h2>" in page
    refused = run("report", "--by", "hub", "--year", "2018", "--data", str(data))
    assert (refused.exit_code, refused.stderr) == (
        2,
        "error: --by goes with the yearly report only\n"
        "hint: leave out --year, --as-of, --changes, --from and --to\n",
    )
