"""A compact horizontal bar chart in plain text, for the terminal.

Block characters (with eighth-steps) on a colour terminal, ``#`` otherwise, so logs and
pipes stay ASCII.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

_EIGHTHS = "▏▎▍▌▋▊▉"
_FULL = "█"


def bar_chart(
    points: Sequence[tuple[str, int]],
    *,
    unicode: bool = False,
    width: int | None = None,
    title: str | None = None,
    value_text: Callable[[int], str] = str,
) -> str:
    """One line per point: ``2018 ############ 350``; bars scaled to the largest value.

    ``width`` is the whole line's budget (default 80); bars get what labels and numbers
    leave, between 10 and 50 columns. A value above zero always shows a sliver.
    """
    if not points:
        return ""
    label_width = max(len(label) for label, _ in points)
    texts = [value_text(value) for _, value in points]
    text_width = max(len(text) for text in texts)
    budget = (width or 80) - label_width - text_width - 2
    bar_width = max(10, min(50, budget))
    largest = max(value for _, value in points)
    lines = [title] if title else []
    for (label, value), text in zip(points, texts, strict=True):
        bar = _bar(value, largest, bar_width, unicode=unicode)
        lines.append(f"{label.rjust(label_width)} {bar} {text}".rstrip())
    return "\n".join(lines) + "\n"


def _bar(value: int, largest: int, bar_width: int, *, unicode: bool) -> str:
    if value <= 0 or largest <= 0:
        return ""
    if unicode:
        eighths = max(1, round(value / largest * bar_width * 8))
        full, rest = divmod(eighths, 8)
        return _FULL * full + (_EIGHTHS[rest - 1] if rest else "")
    return "#" * max(1, round(value / largest * bar_width))
