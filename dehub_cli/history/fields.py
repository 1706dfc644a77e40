"""Differences inside one record: values, and the lists whose items have an identity.

Memberships are paired by hub and role, then by start, then by position (a hub renamed in
the same diff counts as the same hub); sources by URL; published figures by date. Lines
are those of the new file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from dehub_cli.history.changes import FieldChange, FigureChange, MembershipChange, SourceChange
from dehub_cli.history.snapshot import RecordFile

MEMBERSHIP_ORDER = ("hub", "role", "since", "first_seen", "until", "last_seen")
FIGURE_ORDER = ("date", "figures", "qualifiers", "text")

Path = tuple[str | int, ...]


def field_changes(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    order: Sequence[str],
    at: Path,
    file: RecordFile | None,
    *,
    skip: Sequence[str] = (),
    only: Sequence[str] | None = None,
    expand: Sequence[str] = (),
    prefix: str = "",
) -> list[FieldChange]:
    """Changed keys of two mappings, known keys in ``order`` first, the rest sorted."""
    keys = list(only) if only is not None else _ordered_keys(old, new, order, skip)
    changes: list[FieldChange] = []
    for key in keys:
        before, after = old.get(key), new.get(key)
        if same(before, after):
            continue
        if key in expand and isinstance(before or {}, dict) and isinstance(after or {}, dict):
            changes += field_changes(
                before or {}, after or {}, (), (*at, key), file, prefix=f"{prefix}{key}."
            )
            continue
        line = file.line((*at, key), key=True) if file is not None else None
        changes.append(FieldChange(prefix + key, before, after, line))
    return changes


def _ordered_keys(
    old: Mapping[str, Any], new: Mapping[str, Any], order: Sequence[str], skip: Sequence[str]
) -> list[str]:
    present = (set(old) | set(new)) - set(skip)
    known = [key for key in order if key in present]
    return known + sorted(present - set(known))


def same(first: Any, second: Any) -> bool:
    """Equal values of equal kinds (``true`` is not ``1``; ``1`` and ``1.0`` are equal)."""
    if isinstance(first, bool) or isinstance(second, bool):
        return type(first) is type(second) and first == second
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(same(first[k], second[k]) for k in first)
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(
            same(a, b) for a, b in zip(first, second, strict=True)
        )
    if isinstance(first, (int, float)) and isinstance(second, (int, float)):
        return first == second
    return type(first) is type(second) and bool(first == second)


Item = tuple[int, dict[str, Any]]
Match = Callable[[dict[str, Any], dict[str, Any]], bool]


def pair_items(
    old: Sequence[Item], new: Sequence[Item], passes: Sequence[Match]
) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pair items pass by pass, each new item with the first unpaired old one that matches."""
    free_old = list(old)
    free_new = list(new)
    pairs: list[tuple[Item, Item]] = []
    for matches in passes:
        still_new = []
        for item in free_new:
            partner = next((other for other in free_old if matches(other[1], item[1])), None)
            if partner is None:
                still_new.append(item)
            else:
                free_old.remove(partner)
                pairs.append((partner, item))
        free_new = still_new
    return pairs, free_old, free_new


def dict_items(value: Any) -> list[Item] | None:
    """``[(index, mapping), ...]`` of a list of mappings (absent = empty), else ``None``."""
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return list(enumerate(value))
    return None


def membership_changes(
    old_value: Any, new_value: Any, file: RecordFile, hub_renames: Mapping[str, str]
) -> tuple[list[MembershipChange], list[SourceChange]] | None:
    old_items, new_items = dict_items(old_value), dict_items(new_value)
    if old_items is None or new_items is None:
        return None
    renamed = [
        (index, {**item, "hub": hub_renames.get(item.get("hub"), item.get("hub"))})  # type: ignore[arg-type]
        for index, item in old_items
    ]
    original = dict(old_items)

    def same_hub(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return same(a.get("hub"), b.get("hub"))

    def same_role(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return same_hub(a, b) and same(a.get("role"), b.get("role"))

    def same_start(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return same_role(a, b) and same(_start(a), _start(b))

    pairs, removed, started = pair_items(
        renamed, new_items, (same, same_start, same_role, same_hub)
    )
    memberships: list[tuple[int, MembershipChange]] = []
    sources: list[SourceChange] = []
    for (old_index, _), (new_index, after) in pairs:
        before = original[old_index]
        at: Path = ("memberships", new_index)
        fields = field_changes(before, after, MEMBERSHIP_ORDER, at, file, skip=("sources",))
        hub, role = text(after.get("hub")), text(after.get("role"))
        found = source_changes(
            before.get("sources"), after.get("sources"), (*at, "sources"), file, (hub, role)
        )
        if found is None:
            fields += field_changes(before, after, (), at, file, only=("sources",))
        else:
            sources += found
        if fields:
            ended = _end(before) is None and _end(after) is not None
            change: Literal["ended", "changed"] = "ended" if ended else "changed"
            memberships.append(
                (
                    new_index,
                    MembershipChange(
                        change, hub, role, before, after, tuple(fields), file.line(at)
                    ),
                )
            )
    for new_index, after in started:
        at = ("memberships", new_index)
        memberships.append(
            (
                new_index,
                MembershipChange(
                    "started",
                    text(after.get("hub")),
                    text(after.get("role")),
                    None,
                    after,
                    line=file.line(at),
                ),
            )
        )
    memberships.sort(key=lambda item: item[0])
    for old_index, _ in removed:
        before = original[old_index]
        memberships.append(
            (
                len(memberships) + 10_000,
                MembershipChange(
                    "removed",
                    text(before.get("hub")),
                    text(before.get("role")),
                    before,
                    None,
                    line=file.line(("memberships",), key=True),
                ),
            )
        )
    return [change for _, change in memberships], sources


def source_changes(
    old_value: Any,
    new_value: Any,
    at: Path,
    file: RecordFile,
    membership: tuple[str, str] | None = None,
    published: str | None = None,
) -> list[SourceChange] | None:
    old_items, new_items = dict_items(old_value), dict_items(new_value)
    if old_items is None or new_items is None:
        return None

    def same_url(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return same(a.get("url"), b.get("url"))

    pairs, removed, added = pair_items(old_items, new_items, (same, same_url))
    changes: list[tuple[int, SourceChange]] = []
    for (_, before), (index, after) in pairs:
        if not same(before, after):
            changes.append(
                (
                    index,
                    SourceChange(
                        "changed",
                        text(after.get("url")),
                        before,
                        after,
                        membership,
                        published,
                        file.line((*at, index)),
                    ),
                )
            )
    for index, after in added:
        changes.append(
            (
                index,
                SourceChange(
                    "added",
                    text(after.get("url")),
                    None,
                    after,
                    membership,
                    published,
                    file.line((*at, index)),
                ),
            )
        )
    changes.sort(key=lambda item: item[0])
    for _, before in removed:
        changes.append(
            (
                0,
                SourceChange(
                    "removed",
                    text(before.get("url")),
                    before,
                    None,
                    membership,
                    published,
                    file.line(at, key=True),
                ),
            )
        )
    return [change for _, change in changes]


def figure_changes(
    old_value: Any, new_value: Any, file: RecordFile
) -> tuple[list[FigureChange], list[SourceChange]] | None:
    old_items, new_items = dict_items(old_value), dict_items(new_value)
    if old_items is None or new_items is None:
        return None

    def same_date(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return same(a.get("date"), b.get("date"))

    pairs, removed, added = pair_items(old_items, new_items, (same, same_date))
    figures: list[tuple[int, FigureChange]] = []
    sources: list[SourceChange] = []
    for (_, before), (index, after) in pairs:
        at: Path = ("published", index)
        date = text(after.get("date"))
        fields = field_changes(
            before,
            after,
            FIGURE_ORDER,
            at,
            file,
            skip=("sources",),
            expand=("figures", "qualifiers"),
        )
        found = source_changes(
            before.get("sources"), after.get("sources"), (*at, "sources"), file, published=date
        )
        if found is None:
            fields += field_changes(before, after, (), at, file, only=("sources",))
        else:
            sources += found
        if fields:
            figures.append(
                (index, FigureChange("changed", date, before, after, tuple(fields), file.line(at)))
            )
    for index, after in added:
        figures.append(
            (
                index,
                FigureChange(
                    "added",
                    text(after.get("date")),
                    None,
                    after,
                    line=file.line(("published", index)),
                ),
            )
        )
    figures.sort(key=lambda item: item[0])
    figures += [
        (
            0,
            FigureChange(
                "removed",
                text(before.get("date")),
                before,
                None,
                line=file.line(("published",), key=True),
            ),
        )
        for _, before in removed
    ]
    return [change for _, change in figures], sources


def _start(membership: Mapping[str, Any]) -> Any:
    return membership.get("since", membership.get("first_seen"))


def _end(membership: Mapping[str, Any]) -> Any:
    return membership.get("until", membership.get("last_seen"))


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)
