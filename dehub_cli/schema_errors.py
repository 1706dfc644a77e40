"""Pydantic validation errors turned into findings with stable codes and helpful hints."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from dehub_cli.codes import Code
from dehub_cli.diagnostics import Finding, Severity
from dehub_cli.models import PROSE_PATTERN
from dehub_cli.textnorm import escape_controls, first_control, quoted, slugify, suggestion

_QUOTED = re.compile(r"'([^']*)'")


def _unwrap(annotation: Any) -> list[Any]:
    """Every type named inside an annotation (through Annotated, Optional, list, dict)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        found = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return [annotation]


def model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that holds the keys at ``loc`` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        nested = [
            t for t in _unwrap(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        current = nested[0] if nested else None
    return current


def _field_name(loc: tuple[int | str, ...]) -> str:
    """``memberships[0].hub``; keys written in the file (of ``figures``) escaped."""
    return ".".join(
        escape_controls(part) if isinstance(part, str) else f"[{part}]" for part in loc
    ).replace(".[", "[")


def findings_from_errors(
    model: type[BaseModel], errors: list[ErrorDetails], file: str
) -> Iterator[Finding]:
    """One finding per pydantic error, located by the error's path inside the file."""
    for error in errors:
        loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        yield _finding(model, error, loc, file)


def _finding(
    model: type[BaseModel], error: ErrorDetails, loc: tuple[int | str, ...], file: str
) -> Finding:
    kind = error["type"]
    name = _field_name(loc) or "record"
    value = error.get("input")
    ctx = error.get("ctx") or {}

    def found(
        code: Code, message: str, hint: str | None = None, *, at_key: bool = False
    ) -> Finding:
        return Finding(code, Severity.ERROR, file, loc, message, hint, at_key)

    if kind == "extra_forbidden":
        holder = model_at(model, loc[:-1])
        allowed = list(holder.model_fields) if holder is not None else []
        key = str(loc[-1])
        hint = suggestion(key, allowed) or (
            f"allowed keys: {', '.join(allowed)}" if allowed else None
        )
        return found(Code.UNKNOWN_KEY, f"unknown key {quoted(key)}", hint, at_key=True)
    if kind == "missing":
        return Finding(
            Code.MISSING_KEY,
            Severity.ERROR,
            file,
            loc[:-1],
            f"missing required key '{loc[-1]}'"
            + (f" in {_field_name(loc[:-1])}" if loc[:-1] else ""),
            f"add '{loc[-1]}:' to this " + ("entry" if loc[:-1] else "record"),
            at_key=bool(loc[:-1]),
        )
    if kind == "until_before_since":
        return Finding(
            Code.END_BEFORE_START,
            Severity.ERROR,
            file,
            (*loc, "until"),
            f"{name}: until {ctx.get('until')} is before since {ctx.get('since')}",
            "check the dates: until is the last day of the membership",
        )
    if kind in ("enum", "literal_error"):
        allowed = _QUOTED.findall(str(ctx.get("expected", "")))
        hint = suggestion(str(value), allowed) if isinstance(value, str) else None
        return found(
            Code.NOT_A_CHOICE,
            f"{name}: {quoted(value)} is not one of {', '.join(allowed)}",
            hint or f"use one of: {', '.join(allowed)}",
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        prose = pattern == PROSE_PATTERN
        control = (
            first_control(value, allowed="\t\n" if prose else "")
            if isinstance(value, str)
            else None
        )
        if control is not None:
            return found(
                Code.CONTROL_CHARACTER,
                f"{name}: {quoted(value)} holds the control character {escape_controls(control)}",
                "remove it; line breaks and tabs are allowed only in description and text"
                if not prose
                else "remove it; only line breaks and tabs are allowed here",
            )
        if pattern.startswith("^[a-z0-9]"):
            return found(
                Code.INVALID_ID,
                f"{name}: {quoted(value)} is not a valid id (lowercase ASCII letters, digits, hyphens)",
                f"write it as {quoted(slugify(str(value)))}" if isinstance(value, str) else None,
            )
        if pattern.startswith("^https?"):
            return found(
                Code.WRONG_TYPE,
                f"{name}: {quoted(value)} is not a web address",
                "write the full address starting with https://",
            )
    if (kind == "value_error" and "date" in str(ctx.get("error", "")).lower()) or (
        kind == "value_error"
        and loc
        and loc[-1]
        in ("since", "first_seen", "until", "last_seen", "date", "announced", "launched")
    ):
        message = str(ctx.get("error", error["msg"]))
        problem, _, advice = message.partition(": write ")
        if advice:  # the message says how to write it: that is the hint, said once
            return found(Code.INVALID_DATE, f"{name}: {problem}", f"write {advice}")
        if message.startswith("expected a date"):
            return found(
                Code.INVALID_DATE,
                f"{name}: {value!r} is not a date",
                "write 2017-04-21, 2017-04 or 2017 (ISO order)",
            )
        return found(
            Code.INVALID_DATE,
            f"{name}: {message}",
            "check the date against the source; ISO order is year-month-day",
        )
    if kind == "no_sources":
        loc = ("sources",)
    if (kind == "too_short" and loc and loc[-1] == "sources") or kind == "no_sources":
        return Finding(
            Code.WRONG_TYPE,
            Severity.ERROR,
            file,
            loc,
            "sources: every record needs at least one source",
            "add '- url: https://...' with 'title:' and 'date:' of the page the facts come from",
        )
    if kind == "too_short":
        return found(
            Code.WRONG_TYPE,
            f"{name}: needs at least {ctx.get('min_length', 1)} entry",
            _type_hint(kind),
        )
    message = error["msg"]
    if kind == "value_error":
        message = str(ctx.get("error", message))
    shown = f" (got {quoted(value)})" if isinstance(value, (str, int, float, bool)) else ""
    return found(Code.WRONG_TYPE, f"{name}: {message}{shown}", _type_hint(kind))


def _type_hint(kind: str) -> str | None:
    if kind in ("list_type", "too_short"):
        return "write a list, one '- item' per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write a mapping of 'key: value' lines"
    if kind in ("string_type",):
        return "write text (quote it if it looks like a number or date)"
    if kind in ("int_type", "int_parsing"):
        return "write a whole number"
    return None
