"""Import plans: new organisations, new memberships, unchanged rows and conflicts, by row."""

from __future__ import annotations

import pytest

import dehub_cli
from dehub_cli import Registry
from dehub_cli.dates import PartialDate
from dehub_cli.edit.importplan import ImportOptions, ImportPlan, plan_import
from dehub_cli.edit.inputs import parse_date, parse_kind, parse_role
from dehub_cli.edit.spreadsheet import SheetRow
from tests.helpers import RegistryFactory, hub, member, org

SOURCE = {"url": "https://example.org/list", "title": "Member list"}


@pytest.fixture
def registry(make_registry: RegistryFactory) -> Registry:
    data = make_registry(
        hubs=[hub("koeln", cities=["Köln"]), hub("berlin")],
        orgs=[
            org("acme", name="ACME GmbH", website="https://www.acme.de"),
            org("beta", name="Beta AG", memberships=[member("koeln", since="2017-04")]),
            org("gamma", name="Gamma", memberships=[member("koeln", "2017", until="2018-06")]),
            org("twin-one", name="Twin", website="https://twin-one.de"),
            org("twin-two", name="Twin e.V."),
            org("iml", name="Institut für Logistik (IML)"),
        ],
    )
    result = dehub_cli.load(data, use_cache=False)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    return result.registry


def plan(registry: Registry, *rows: dict[str, str], **options: object) -> ImportPlan:
    sheet = [SheetRow(number, values) for number, values in enumerate(rows, start=2)]
    settings: dict[str, object] = {"source": SOURCE, **options}
    return plan_import(sheet, registry, ImportOptions("koeln", **settings))  # type: ignore[arg-type]


def actions(result: ImportPlan) -> list[tuple[int, str, str]]:
    return [(row["row"], row["action"], row["id"]) for row in result.rows()]


def test_new_existing_and_unchanged_rows(registry: Registry) -> None:
    result = plan(
        registry,
        {
            "name": "Neue Firma GmbH",
            "kind": "Startup",
            "since": "2019-03",
            "sectors": "IoT; FinTech",
        },
        {"name": "acme gmbh", "since": "2018"},
        {"name": "BETA", "since": "2019"},
    )
    assert actions(result) == [
        (2, "new", "neue-firma"),
        (3, "membership", "acme"),
        (4, "unchanged", "beta"),
    ]
    assert result.ok
    assert result.new_orgs[0].record == {
        "id": "neue-firma",
        "name": "Neue Firma GmbH",
        "kind": "startup",
        "sectors": ["iot", "fintech"],
        "memberships": [{"hub": "koeln", "since": "2019-03", "sources": [SOURCE]}],
        "sources": [SOURCE],
    }
    assert result.new_memberships[0].membership == {
        "hub": "koeln",
        "since": 2018,
        "sources": [SOURCE],
    }
    assert result.unchanged[0].reason == "member of koeln since 2017-04 already"


def test_rows_match_by_website_domain_when_the_name_differs(registry: Registry) -> None:
    result = plan(
        registry, {"name": "Acme Deutschland", "website": "acme.de/kontakt", "since": "2019"}
    )
    assert actions(result) == [(2, "membership", "acme")]


def test_an_abbreviation_in_parentheses_does_not_prevent_a_match(registry: Registry) -> None:
    result = plan(
        registry,
        {"name": "Institut fuer Logistik", "since": "2019"},
    )
    assert actions(result) == [(2, "membership", "iml")]


def test_a_name_matching_two_organisations_is_a_conflict(registry: Registry) -> None:
    result = plan(registry, {"name": "Twin GmbH", "since": "2019"})
    assert actions(result) == [(2, "conflict", "")]
    assert result.conflicts[0].message == (
        "matches several organisations: twin-one (same name), twin-two (same name)"
    )
    assert not result.ok


def test_two_rows_for_one_new_organisation_are_a_conflict(registry: Registry) -> None:
    result = plan(
        registry,
        {"name": "Delta GmbH", "kind": "sme", "since": "2019"},
        {"name": "Delta", "kind": "sme", "since": "2019"},
    )
    assert actions(result) == [(2, "new", "delta"), (3, "conflict", "delta")]
    assert result.conflicts[0].message == "same new organisation as row 2"


def test_two_rows_for_one_existing_organisation_are_a_conflict(registry: Registry) -> None:
    result = plan(
        registry, {"name": "ACME", "since": "2019"}, {"name": "Acme GmbH", "since": "2019"}
    )
    assert actions(result) == [(2, "membership", "acme"), (3, "conflict", "acme")]


def test_invalid_values_are_conflicts_with_every_problem(registry: Registry) -> None:
    result = plan(
        registry,
        {"name": "Epsilon", "kind": "Quatsch", "since": "21/04/2017", "sectors": "Fintek"},
        {"name": "Zeta", "kind": "sme", "website": "http://", "since": "2019"},
        {"name": "", "kind": "sme"},
        {"name": "Eta", "kind": "sme"},
    )
    messages = {conflict.row: conflict.message for conflict in result.conflicts}
    assert set(messages) == {2, 3, 4, 5}
    assert "unknown kind 'Quatsch'" in messages[2]
    assert "since: '21/04/2017' is not a date" in messages[2]
    assert "unknown sector 'Fintek' (did you mean 'fintech'?)" in messages[2]
    assert "not a web address" in messages[3]
    assert messages[4] == "the name is empty"
    assert messages[5] == "no date: fill the 'since' column or pass --since"
    assert result.new_orgs == []


def test_default_since_and_role_apply_to_rows_without_them(registry: Registry) -> None:
    result = plan(
        registry,
        {"name": "Theta", "kind": "Hochschule", "role": "Betreiber"},
        {"name": "Iota", "kind": "Verband"},
        since=PartialDate(2020, 5),
        role="partner",
    )
    records = {new.org_id: new.record for new in result.new_orgs}
    assert records["theta"]["kind"] == "university"
    assert records["theta"]["memberships"] == [
        {"hub": "koeln", "role": "operator", "since": "2020-05", "sources": [SOURCE]}
    ]
    assert records["iota"]["memberships"] == [
        {"hub": "koeln", "role": "partner", "since": "2020-05", "sources": [SOURCE]}
    ]


def test_a_new_membership_may_not_overlap_an_ended_one(registry: Registry) -> None:
    overlapping = plan(registry, {"name": "Gamma", "since": "2018-01"})
    after = plan(registry, {"name": "Gamma", "since": "2018-07"})
    assert actions(overlapping) == [(2, "conflict", "gamma")]
    assert "until 2018-06" in overlapping.conflicts[0].message
    assert actions(after) == [(2, "membership", "gamma")]


def test_an_id_taken_by_another_record_is_a_conflict(registry: Registry) -> None:
    result = plan(registry, {"name": "Köln", "kind": "public", "since": "2019"})
    assert actions(result) == [(2, "conflict", "koeln")]
    assert "the id 'koeln' is taken by" in result.conflicts[0].message


def test_machine_data_has_one_shape(registry: Registry) -> None:
    result = plan(registry, {"name": "ACME", "since": "2019"})
    assert result.to_data() == {
        "hub": "koeln",
        "ok": True,
        "summary": {"new": 0, "memberships": 1, "unchanged": 0, "conflicts": 0},
        "rows": [
            {
                "id": "acme",
                "row": 2,
                "action": "membership",
                "name": "ACME GmbH",
                "detail": "member of koeln since 2019",
            }
        ],
    }
    assert result.summary() == "0 new organisations, 1 new membership, 0 unchanged, 0 conflicts"


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Startup", "startup"),
        ("KMU", "sme"),
        ("Mittelstand", "sme"),
        ("Unternehmen", "sme"),
        ("Konzern", "corporate"),
        ("Universität", "university"),
        ("Hochschule", "university"),
        ("Forschung", "research"),
        ("Investor", "investor"),
        ("Verband", "association"),
        ("Öffentlich", "public"),
        ("Inkubator", "accelerator"),
        ("Accelerator", "accelerator"),
        ("Bäckerei", None),
    ],
)
def test_kind_words_in_english_and_german(word: str, kind: str | None) -> None:
    assert parse_kind(word) == kind


def test_role_words() -> None:
    assert [parse_role(word) for word in ("Mitglied", "Betreiber", "Partner", "chef")] == [
        "member",
        "operator",
        "partner",
        None,
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2017-04-21", "2017-04-21"),
        ("2017-04", "2017-04"),
        ("2017", "2017"),
        ("21.04.2017", "2017-04-21"),
        ("1.4.2017", "2017-04-01"),
        ("04.2017", "2017-04"),
    ],
)
def test_sheet_dates_in_iso_and_german_order(text: str, date: str) -> None:
    assert str(parse_date(text)) == date
