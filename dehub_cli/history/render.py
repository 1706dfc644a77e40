"""Renderings of a diff or a log: tables, Markdown, GitHub annotations, an Atom feed.

Each is a pure function of the result. Every value from the registry or from git is
hostile: :func:`~dehub_cli.history.text.visible` first makes it one inert line, then each
format escapes it for its target (Markdown code spans, workflow-command encoding, XML).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dehub_cli.history.text import shorten, show_value, visible
from dehub_cli.render.safe import markdown_text

if TYPE_CHECKING:
    from dehub_cli.history.changes import (
        DiffResult,
        FieldChange,
        FigureChange,
        MembershipChange,
        RecordChange,
        SourceChange,
    )
    from dehub_cli.history.log import LogEntry, LogResult
    from dehub_cli.render import Annotation, Feed, Section, Table

KIND_LABEL = {"org": "organisation", "hub": "hub", "sector": "sector", "initiative": "initiative"}
MARKDOWN_MAX_LINES = 250
MARKDOWN_MAX_CHARS = 50_000
"""A pull-request comment lists at most this many changes and characters (GitHub refuses
comments over 65,536 characters); each value shows at most ``MARKDOWN_VALUE_CHARS``."""
MARKDOWN_VALUE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Style:
    """How data is written into running text: as plain text, or as Markdown code spans."""

    value: Callable[[Any], str]
    text: Callable[[str], str]
    arrow: str


def code_span(text: str) -> str:
    """``text`` (already one line) as a Markdown code span that nothing inside can end."""
    if not text:
        return '`""`'
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else text
    return f"{fence}{padded}{fence}"


PLAIN = Style(show_value, visible, "->")
MARKDOWN = Style(
    lambda value: code_span(shorten(show_value(value), MARKDOWN_VALUE_CHARS)),
    lambda text: code_span(shorten(visible(text), MARKDOWN_VALUE_CHARS)),
    "→",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One change, described: the record, what happened, the details, and where."""

    record: str
    change: str
    detail: str
    file: str | None
    line: int | None
    headline: bool = False
    """The record itself was added, removed or renamed (not one of its values)."""


def record_label(change: RecordChange, style: Style) -> str:
    if change.kind == "initiative":
        return "initiative"
    return f"{KIND_LABEL[change.kind]} {style.text(change.id)}"


def describe(change: RecordChange, style: Style) -> list[Line]:
    """Every change within ``change`` as one :class:`Line` each, in file order."""
    label = record_label(change, style)
    lines: list[Line] = []
    if change.change in ("added", "removed", "renamed"):
        lines.append(
            Line(
                label,
                change.change,
                _headline(change, style),
                change.file if change.change != "removed" else None,
                change.line,
                headline=True,
            )
        )
    lines += [
        Line(label, "changed", _field(field, style), change.file, field.line)
        for field in change.fields
    ]
    lines += [
        Line(
            label,
            f"membership {item.change}",
            _membership(item, style),
            change.file,
            item.fields[0].line if item.fields else item.line,
        )
        for item in change.memberships
    ]
    lines += [
        Line(label, f"figures {item.change}", _figures(item, style), change.file, item.line)
        for item in change.published
    ]
    lines += [
        Line(label, f"source {item.change}", _source(item, style), change.file, item.line)
        for item in change.sources
    ]
    return lines


def _headline(change: RecordChange, style: Style) -> str:
    if change.change == "renamed":
        detail = f"{style.text(change.old_id or '')} {style.arrow} {style.text(change.id)}"
        return detail + (" (found by content)" if change.renamed_by == "content" else "")
    parts = [style.text(change.name)] if change.name else []
    if change.kind == "org" and change.record is not None:
        memberships = change.record.get("memberships")
        if isinstance(memberships, list) and memberships:
            spans = [
                _membership_span(item, style) for item in memberships if isinstance(item, dict)
            ]
            parts.append("in " + ", ".join(spans))
    return "; ".join(parts) if parts else ""


def _field(change: FieldChange, style: Style) -> str:
    return (
        f"{style.text(change.field)}: {style.value(change.old)} {style.arrow} "
        f"{style.value(change.new)}"
    )


def _membership_span(membership: dict[str, Any], style: Style) -> str:
    """``dortmund (member, since 2024-05)``."""
    parts = [style.text(str(membership.get("role", "member")))]
    for key, words in (
        ("since", "since"),
        ("first_seen", "first seen"),
        ("until", "until"),
        ("last_seen", "last seen"),
    ):
        if membership.get(key) is not None:
            parts.append(f"{words} {style.value(membership[key])}")
    return f"{style.text(str(membership.get('hub', '')))} ({', '.join(parts)})"


def _membership(change: MembershipChange, style: Style) -> str:
    if change.change in ("started", "removed"):
        return _membership_span(change.new or change.old or {}, style)
    head = f"{style.text(change.hub)} ({style.text(change.role)})"
    return head + ": " + "; ".join(_field(field, style) for field in change.fields)


def _figures(change: FigureChange, style: Style) -> str:
    head = style.text(change.date)
    if change.change == "changed":
        return head + ": " + "; ".join(_field(field, style) for field in change.fields)
    figures = (change.new or change.old or {}).get("figures")
    if isinstance(figures, dict) and figures:
        return (
            head
            + ": "
            + ", ".join(
                f"{style.text(str(key))} {style.value(value)}" for key, value in figures.items()
            )
        )
    return head


def _source(change: SourceChange, style: Style) -> str:
    detail = style.text(change.url)
    if change.membership is not None:
        hub, role = change.membership
        detail += f" (membership {style.text(hub)}, {style.text(role)})"
    if change.published is not None:
        detail += f" (figures of {style.text(change.published)})"
    if change.change == "changed":
        before, after = change.old or {}, change.new or {}
        keys = [key for key in ("title", "date") if before.get(key) != after.get(key)]
        keys += sorted((set(before) | set(after)) - {"url", "title", "date"})
        detail += ": " + "; ".join(
            f"{style.text(key)}: {style.value(before.get(key))} {style.arrow} "
            f"{style.value(after.get(key))}"
            for key in keys
            if before.get(key) != after.get(key)
        )
    return detail


def revision_text(label: str, commit: str | None) -> str:
    """``main (1a2b3c4)``, ``working tree``."""
    if commit is None:
        return visible(label)
    if label == commit:
        return commit[:7]
    return f"{visible(label)} ({commit[:7]})"


# -- dehub diff ----------------------------------------------------------------------


def diff_tables(result: DiffResult) -> list[Table | Section]:
    from dehub_cli.render import Column, Section, Table

    parts: list[Table | Section] = [
        Section(
            "Registry changes",
            [
                ("from", revision_text(result.old.label, result.old.commit)),
                ("to", revision_text(result.new.label, result.new.commit)),
                ("summary", result.summary()),
            ],
        )
    ]
    rows = [
        {"record": line.record, "change": line.change, "detail": line.detail}
        for change in result.changes
        for line in describe(change, PLAIN)
    ]
    if rows:
        columns = [
            Column("record", "record"),
            Column("change", "change"),
            Column("detail", "detail"),
        ]
        parts.append(Table(columns, rows))
    if result.notes:
        parts.append(
            Table(
                [Column("file", "file"), Column("revision", "revision"), Column("note", "note")],
                [
                    {
                        "file": visible(note.file),
                        "revision": note.revision,
                        "note": visible(note.message),
                    }
                    for note in result.notes
                ],
                title="Notes",
            )
        )
    return parts


def diff_markdown(result: DiffResult) -> str:
    """A pull-request comment: a one-line summary, then every change (up to a limit)."""
    old = revision_text(result.old.label, result.old.commit)
    new = revision_text(result.new.label, result.new.commit)
    lines = [
        "### Registry changes",
        "",
        f"**{markdown_text(result.summary())}**",
        "",
        f"From {code_span(old)} to {code_span(new)}.",
    ]
    bullets = _markdown_bullets(result.changes)
    if bullets:
        lines += ["", *bullets]
    lines += _markdown_notes(result.notes)
    return "\n".join(lines) + "\n"


def _markdown_bullets(changes: Sequence[RecordChange]) -> list[str]:
    bullets: list[str] = []
    shown = 0
    size = 0
    total = sum(len(describe(change, PLAIN)) for change in changes)
    for change in changes:
        described = describe(change, MARKDOWN)
        label = record_label(change, MARKDOWN)
        rest = described
        if described and described[0].headline:
            head = described[0]
            block = [f"- {label} **{head.change}**" + (f": {head.detail}" if head.detail else "")]
            rest = described[1:]
        else:
            name = f" ({MARKDOWN.text(change.name)})" if change.name else ""
            block = [f"- {label}{name}"]
        block += [f"  - {line.change}: {line.detail}" for line in rest]
        block_size = sum(len(line) + 1 for line in block)
        too_many = shown + len(described) > MARKDOWN_MAX_LINES
        if shown and (too_many or size + block_size > MARKDOWN_MAX_CHARS):
            break
        bullets += block
        shown += len(described)
        size += block_size
    if shown < total:
        bullets.append(f"- … and {total - shown} more changes: run `dehub diff` for all of them")
    return bullets


def _markdown_notes(notes: Sequence[Any]) -> list[str]:
    if not notes:
        return []
    lines = ["", "**Notes**", ""]
    lines += [
        f"- {code_span(visible(note.file))} ({note.revision}): "
        f"{markdown_text(visible(note.message))}"
        for note in notes
    ]
    return lines


def diff_annotations(result: DiffResult) -> list[Annotation]:
    """A notice on each changed line of the new revision; warnings for the notes.

    A removed record has no line in the new revision: its notice names no file.
    """
    from dehub_cli.render import Annotation

    out: list[Annotation] = []
    for change in result.changes:
        for line in describe(change, PLAIN):
            message = f"{line.record}: {line.change}" + (f": {line.detail}" if line.detail else "")
            if line.file is None:
                out.append(Annotation("notice", message))
            else:
                out.append(Annotation("notice", message, visible(line.file), line.line or 0))
    for note in result.notes:
        message = visible(note.message)
        if note.revision == "to":
            out.append(Annotation("warning", message, visible(note.file)))
        else:
            where = f"{visible(note.file)} in {visible(result.old.label)}"
            out.append(Annotation("warning", f"{where}: {message}"))
    return out


# -- dehub log -----------------------------------------------------------------------


def entry_heading(entry: LogEntry) -> str:
    """``1a2b3c4 2024-05-01 Jane Doe: subject`` (plain, one line)."""
    return f"{entry.commit[:7]} {entry.committed[:10]} {visible(entry.author)}: {visible(entry.subject)}"


def log_tables(result: LogResult) -> list[Table | Section]:
    from dehub_cli.render import Section

    parts: list[Table | Section] = []
    for entry in result.entries:
        facts: list[tuple[str, Any]] = [("summary", entry.summary(result.hub_labels))]
        for change in entry.changes:
            facts += [
                (f"{line.record} {line.change}", line.detail) for line in describe(change, PLAIN)
            ]
        facts += [(f"note {visible(note.file)}", visible(note.message)) for note in entry.notes]
        parts.append(Section(entry_heading(entry), facts))
    if not parts:
        parts.append(Section(visible(result.title), [("summary", "no commits")]))
    for note in result.notes:
        parts.append(Section("Note", [("note", note)]))
    return parts


def log_markdown(result: LogResult) -> str:
    lines = [f"### {markdown_text(visible(result.title))}"]
    for entry in result.entries:
        lines += [
            "",
            f"#### {code_span(entry.commit[:7])} {entry.committed[:10]} "
            f"{markdown_text(visible(entry.author))}: {markdown_text(visible(entry.subject))}",
            "",
            f"**{markdown_text(entry.summary(result.hub_labels))}**",
        ]
        bullets = _markdown_bullets(entry.changes)
        if bullets:
            lines += ["", *bullets]
        lines += _markdown_notes(entry.notes)
    if not result.entries:
        lines += ["", "No commits."]
    for note in result.notes:
        lines += ["", f"_{markdown_text(visible(note))}_"]
    return "\n".join(lines) + "\n"


EPOCH = "1970-01-01T00:00:00Z"


def log_feed(result: LogResult) -> Feed:
    """One entry per commit: its summary as title, its changes as content."""
    from dehub_cli.render import Feed, FeedEntry

    return Feed(
        id=result.feed_id(),
        title=visible(result.title),
        updated=result.updated or EPOCH,
        entries=[
            FeedEntry(
                id=result.entry_id(entry),
                title=entry.summary(result.hub_labels),
                updated=entry.committed,
                published=entry.authored,
                author=visible(entry.author) or "unknown",
                content=_entry_text(entry, result),
            )
            for entry in result.entries
        ],
    )


def _entry_text(entry: LogEntry, result: LogResult) -> str:
    message = [visible(line) for line in entry.message.strip().splitlines()]
    details = [
        f"- {line.record}: {line.change}" + (f": {line.detail}" if line.detail else "")
        for change in entry.changes
        for line in describe(change, PLAIN)
    ]
    details += [f"- note: {visible(note.file)}: {visible(note.message)}" for note in entry.notes]
    parts = [*message, "", entry.summary(result.hub_labels)]
    if details:
        parts += ["", *details]
    parts += ["", f"commit {entry.commit}"]
    return "\n".join(parts)
