"""Machine renderings: JSON, YAML, CSV. Plain data, no markup."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from dehub_cli.render import Part, RenderOptions, Section, Table, cell_text
from dehub_cli.render.safe import csv_cell
from dehub_cli.textnorm import C0_CONTROLS, CONTROL_CHARACTERS


def render_json(result: Any, options: RenderOptions) -> str:
    """The ``json`` format: ``result.to_data()``."""
    return to_json(result.to_data())


def render_yaml(result: Any, options: RenderOptions) -> str:
    """The ``yaml`` format: ``result.to_data()``."""
    return to_yaml(result.to_data())


def render_csv(result: Any, options: RenderOptions) -> str:
    """The ``csv`` format: the first table of ``result.tables()``."""
    return to_csv(result.tables())


_RAW_IN_JSON = re.compile(f"[{CONTROL_CHARACTERS.replace(C0_CONTROLS, '')}]")
"""Controls JSON may carry raw (DEL, C1, bidi overrides) but a terminal must not see;
``json.dumps`` escapes C0 controls itself (and the document's own line breaks are C0)."""


_ONE_LINE = json.JSONEncoder(ensure_ascii=False)
"""``json.dumps(item, ensure_ascii=False)``, without making an encoder for every item."""


@functools.cache
def _one_line() -> Callable[[Any], str]:
    """:data:`_ONE_LINE`'s ``encode`` with its C encoder made once, not once per item (what
    ``JSONEncoder.encode`` does): a third less time for 24,000 rows. Falls back to
    ``encode`` where the C encoder is missing or made differently."""
    from json import encoder

    make: Any = getattr(encoder, "c_make_encoder", None)
    try:
        iterencode = make(
            {},
            _ONE_LINE.default,
            encoder.encode_basestring,
            None,
            _ONE_LINE.key_separator,
            _ONE_LINE.item_separator,
            False,
            False,
            True,
        )
    except TypeError:  # no C encoder (None), or another signature
        return _ONE_LINE.encode
    return lambda item: "".join(iterencode(item, 0))


def to_json(data: Any) -> str:
    """A list is written one object per line (fast C encoder, diff-friendly); else indented.

    Non-ASCII text stays readable; control characters are ``\\u`` escapes (the same data).
    """
    if isinstance(data, list) and len(data) > 50:
        if not data:
            return "[]\n"
        items = ",\n  ".join(map(_one_line(), data))
        text = f"[\n  {items}\n]\n"
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def to_yaml(data: Any) -> str:
    """YAML with non-ASCII text readable; controls YAML would keep raw are ``\\u`` escapes.

    A string holding one (DEL, C1, a bidi override) is written double-quoted, where
    ``\\u202e`` means the same character; C0 controls the emitter escapes itself.
    """
    text: str = _yaml_module().dump(
        data, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=1000
    )
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _yaml_module() -> Any:
    import yaml

    return yaml


@functools.cache
def _yaml_dumper() -> Any:
    """The fast safe dumper, writing a string with a raw control double-quoted."""
    yaml = _yaml_module()
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def represent_str(dumper: Any, value: str) -> Any:
        if _RAW_IN_JSON.search(value):
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return base.represent_str(dumper, value)

    dumper: Any = type("_Dumper", (base,), {})
    dumper.add_representer(str, represent_str)
    return dumper


def to_csv(parts: Sequence[Part]) -> str:
    """The first table as CSV (header row first); lists joined with '; '.

    Safe to open in a spreadsheet: no cell is a formula (see :func:`~dehub_cli.render.safe.csv_cell`).
    """
    tables = [part for part in parts if isinstance(part, Table)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not tables:
        sections = [part for part in parts if isinstance(part, Section)]
        writer.writerow(["field", "value"])
        for section in sections:
            for label, value in section.facts:
                writer.writerow([csv_cell(label), _csv_cell(value)])
        return buffer.getvalue()
    table = tables[0]
    writer.writerow([csv_cell(column.key) for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(row.get(column.key)) for column in table.columns])
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return csv_cell("; ".join(cell_text(item) for item in value))
    return csv_cell(cell_text(value))
