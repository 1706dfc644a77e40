"""``dehub_cli.query.search``: folding, typo distance and ranking."""

from __future__ import annotations

import pytest

from dehub_cli import Registry
from dehub_cli.query.search import edit_distance, folds, max_typos, query_is_searchable, search


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("nuernberg", "nuernberg", 0),
        ("nurnberg", "nuernberg", 1),
        ("nuernbreg", "nuernberg", 1),
        ("hamburk", "hamburg", 1),
        ("kitten", "sitting", 3),
        ("ab", "ba", 1),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 5) == distance


def test_edit_distance_stops_above_the_limit() -> None:
    assert edit_distance("kitten", "sitting", 1) == 2
    assert edit_distance("a", "abcdef", 2) == 3


def test_folds_both_ways() -> None:
    assert [variant.key for variant in folds("Nürnberg")] == ["nuernberg", "nurnberg"]
    assert [variant.words for variant in folds("Frankfurt a.M.")] == [("frankfurt", "a", "m")]
    assert [variant.key for variant in folds("Straße")] == ["strasse"]


def test_typos_forgiven_by_length() -> None:
    assert [max_typos(word) for word in ("iot", "koeln", "nuernberg")] == [0, 1, 2]


def test_searchable() -> None:
    assert query_is_searchable("ab")
    assert not query_is_searchable("a")
    assert not query_is_searchable(" - ")


@pytest.mark.parametrize("text", ["Nuernberg", "nürnberg", "Nurnberg", "Nürnbreg", "NUERNBERG"])
def test_nuernberg_spellings_find_the_hub_first(registry: Registry, text: str) -> None:
    hits = search(registry, text).hits
    assert [(hit.type, hit.id) for hit in hits] == [("hub", "nuernberg"), ("org", "epsilon")]
    assert hits[0].matched in {"Nürnberg", "nuernberg"}


def test_city_match_finds_hub_and_organisations(registry: Registry) -> None:
    assert search(registry, "Köln").to_data() == [
        {"id": "koeln", "type": "hub", "name": "InsurTech Hub Köln", "score": 1.0, "matched": "koeln"},
        {"id": "beta", "type": "org", "name": "Beta Versicherung AG", "score": 0.95, "matched": "Köln"},
        {"id": "delta", "type": "org", "name": "Delta Pay", "score": 0.95, "matched": "Köln"},
    ]  # fmt: skip


def test_sector_alias_finds_records(registry: Registry) -> None:
    hits = search(registry, "Fin-Tech").hits
    found = {(hit.type, hit.id) for hit in hits}
    assert {("hub", "berlin"), ("org", "alpha"), ("org", "bp"), ("org", "zeta")} <= found
    assert ("org", "gamma") not in found


def test_german_sector_name_finds_records(registry: Registry) -> None:
    found = {hit.id for hit in search(registry, "Internet der Dinge").hits}
    assert found == {"berlin", "hamburg", "nuernberg", "bp", "epsilon"}


def test_exact_id_beats_prefix(registry: Registry) -> None:
    hits = search(registry, "eta").hits
    assert hits[0].id == "eta"
    assert hits[0].score == 1.0


def test_word_order_and_typos_in_names(registry: Registry) -> None:
    hits = search(registry, "institut logistk").hits
    assert hits[0].id == "eta"
    assert 0 < hits[0].score < 1
    assert search(registry, "Versicherng").hits[0].id == "beta"


def test_nothing_found(registry: Registry) -> None:
    assert search(registry, "quantum").hits == []


def test_limit(registry: Registry) -> None:
    assert len(search(registry, "hub", limit=2).hits) == 2
    assert len(search(registry, "hub", limit=None).hits) == 5
    assert search(registry, "hub", limit=0).hits == []


def test_ranking_is_by_score(registry: Registry) -> None:
    scores = [hit.score for hit in search(registry, "berlin", limit=None).hits]
    assert scores == sorted(scores, reverse=True)
