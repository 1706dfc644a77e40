"""The projected map, the placing of dots, and the translation table."""

from __future__ import annotations

import itertools
import string

import pytest

from dehub_cli.site import i18n
from dehub_cli.site.mapsvg import _inside, germany_map
from dehub_cli.site.views import MARKER_RADIUS, Marker, spread


def test_sixteen_laender_projected_inside_the_map() -> None:
    germany = germany_map()
    assert [land.id for land in germany.laender] == sorted(i18n.LAENDER)
    assert germany.width == 800
    assert 1000 < germany.height < 1150  # taller than wide, as Germany is
    for land in germany.laender:
        assert land.path.startswith("M")
        x, y = germany.project(*land.inner_point)
        assert 0 < x < germany.width
        assert 0 < y < germany.height
    assert sum(len(land.path) for land in germany.laender) < 25_000


def test_cities_land_where_they_are() -> None:
    germany = germany_map()
    berlin = germany.project(13.41053, 52.52437)
    muenchen = germany.project(11.57549, 48.13743)
    hamburg = germany.project(9.99302, 53.55073)
    assert muenchen[1] > berlin[1] > hamburg[1]  # south is down
    assert hamburg[0] < berlin[0]  # east is right


def test_a_lands_inner_point_is_inside_it_and_not_in_its_holes() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    hole = [(3.0, 3.0), (3.0, 7.0), (7.0, 7.0), (7.0, 3.0)]
    from dehub_cli.site.mapsvg import inner_point

    point = inner_point([[square, hole]])
    assert _inside(point, [square, hole])
    germany = germany_map()
    brandenburg = germany.land("DE-BB")
    berlin = germany.land("DE-BE")
    assert brandenburg is not None
    assert berlin is not None
    assert brandenburg.inner_point != berlin.inner_point


def test_dots_never_overlap() -> None:
    markers = [Marker(n, f"hub-{n}", 400, 500, "x", False) for n in range(1, 9)]
    placed = spread(markers)
    assert (placed[0].cx, placed[0].cy) == (400, 500)
    assert not placed[0].moved
    assert all(marker.moved for marker in placed[1:])
    for a, b in itertools.combinations(placed, 2):
        assert (a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2 >= (2 * MARKER_RADIUS) ** 2


@pytest.mark.parametrize(
    "table", [i18n.TEXT, i18n.KINDS, i18n.ROLES, i18n.GROUPS, i18n.LAENDER, i18n.QUALIFIERS]
)
def test_every_text_in_both_languages_with_the_same_placeholders(
    table: dict[str, tuple[str, str]],
) -> None:
    for key, (english, german) in table.items():
        assert english.strip(), key
        assert german.strip(), key
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for text in (english, german)
        ]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    ("written", "en", "de"),
    [
        ("2017", "2017", "2017"),
        ("2017-03", "March 2017", "März 2017"),
        ("2017-03-04", "4 Mar 2017", "04.03.2017"),
        ("not a date", "not a date", "not a date"),
    ],
)
def test_partial_dates(written: str, en: str, de: str) -> None:
    assert i18n.partial_date(written, "en") == en
    assert i18n.partial_date(written, "de") == de
