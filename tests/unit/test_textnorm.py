"""Folding German names and deriving ids."""

from __future__ import annotations

import pytest

from dehub_cli.textnorm import did_you_mean, fold, fold_key, normalise_name, slugify


@pytest.mark.parametrize(
    ("a", "b"), [("Köln", "Koeln"), ("KÖLN", "köln"), ("Nürnberg", "Nuernberg")]
)
def test_fold_equates_umlauts_and_transliterations(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_key_drops_punctuation() -> None:
    assert fold_key("Frankfurt a. M.") == "frankfurtam"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Digital Hub Rhein-Neckar GmbH", "digital hub rhein-neckar"),
        ("Medical Valley EMN e.V.", "Medical Valley EMN"),
        ("ACME GmbH", "Acme AG"),
        ("Müller GmbH & Co. KG", "Mueller"),
    ],
)
def test_normalise_name_ignores_case_umlauts_legal_forms(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_distinct_names_stay_distinct() -> None:
    assert normalise_name("Fraunhofer IML") != normalise_name("Fraunhofer SIT")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Müller & Söhne GmbH", "mueller-soehne"),
        ("Straße der Zukunft e.V.", "strasse-der-zukunft"),
        ("Pepperl+Fuchs SE", "pepperl-fuchs"),
        ("UnternehmerTUM", "unternehmertum"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_did_you_mean() -> None:
    assert did_you_mean("sectros", ["sectors", "sources"]) == "sectors"
    assert did_you_mean("zzz", ["sectors"]) is None
