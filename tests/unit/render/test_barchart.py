"""``dehub_cli.render.barchart``: text bar charts, ASCII or with Unicode blocks."""

from __future__ import annotations

from dehub_cli.render.barchart import bar_chart


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
