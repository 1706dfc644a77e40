"""``dehub.toml``: a registry's own settings (severities of codes, defaults of options). Pure.

Looked for beside ``hubs/`` and ``orgs/`` and one directory up; in each place
``dehub.toml`` wins over the ``[tool.dehub]`` table of a ``pyproject.toml``. Every key is
documented in docs/CONFIG.md; an unknown key is an error with a did-you-mean.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dehub_cli.codes import Code, Severity, closest_code
from dehub_cli.errors import DehubError

CONFIG_FILE = "dehub.toml"
PYPROJECT = "pyproject.toml"

SEVERITY_VALUES = ("off", "warning", "error")
LANGUAGES = ("en", "de")

_TOP_LEVEL = ("severity", "validate", "report")
_VALIDATE_KEYS = ("strict", "statistics", "format")
_REPORT_KEYS = ("lang",)


class ConfigError(DehubError):
    """A ``dehub.toml`` (or ``[tool.dehub]``) that cannot be used as written (exit 2)."""


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of one registry; every field ``None`` or empty when not set."""

    path: Path | None = None
    """The file the settings came from; ``None`` when there is none."""
    severity: Mapping[Code, Severity | None] = field(default_factory=dict)
    """Per code: its severity, or ``None`` for ``"off"`` (not reported at all)."""
    strict: bool | None = None
    """Default of ``validate --strict``."""
    statistics: bool | None = None
    """Default of ``validate --statistics``."""
    format: str | None = None
    """Default of ``validate --format`` (``--format`` and ``GITHUB_ACTIONS`` come first)."""
    lang: str | None = None
    """Default of ``report --lang``."""

    @property
    def source(self) -> str:
        """Where the settings came from, for messages: ``dehub.toml`` or ``pyproject.toml [tool.dehub]``."""
        if self.path is None:
            return "defaults"
        return str(self.path) + (" [tool.dehub]" if self.path.name == PYPROJECT else "")


def find_config(root: Path) -> Path | None:
    """The settings file of the registry at ``root``: in ``root``, else in its parent."""
    for directory in (root, root.resolve().parent):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


_TOOL_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*dehub\s*[.\]]", re.MULTILINE)


def _has_tool_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` has a ``[tool.dehub]`` table (or ``[tool.dehub.severity]``)."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return _TOOL_TABLE.search(text) is not None


def load_config(root: Path) -> Config:
    """The settings for the registry at ``root``; defaults when there is no settings file.

    Raises :class:`ConfigError` for a file that is not TOML, an unknown key or a bad value.
    """
    path = find_config(root)
    if path is None:
        return Config()
    import tomllib  # only when there is a settings file

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}", "see docs/CONFIG.md") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("dehub")
        if table is None:
            return Config()
        return parse_config(table, path, prefix="tool.dehub.")
    return parse_config(document, path)


def parse_config(document: Mapping[str, Any], path: Path, *, prefix: str = "") -> Config:
    """Settings from a parsed TOML table; ``prefix`` names the table in messages."""
    if not isinstance(document, Mapping):
        raise ConfigError(f"{path}: '{prefix.rstrip('.')}' must be a table")
    _known_keys(document, _TOP_LEVEL, path, prefix)
    severity = _severity(_table(document, "severity", path, prefix), path, prefix + "severity.")
    validate = _table(document, "validate", path, prefix)
    _known_keys(validate, _VALIDATE_KEYS, path, prefix + "validate.")
    report = _table(document, "report", path, prefix)
    _known_keys(report, _REPORT_KEYS, path, prefix + "report.")
    where = prefix + "validate."
    return Config(
        path=path,
        severity=severity,
        strict=_boolean(validate, "strict", path, where),
        statistics=_boolean(validate, "statistics", path, where),
        format=_choice(validate, "format", _validate_formats(), path, where),
        lang=_choice(report, "lang", LANGUAGES, path, prefix + "report."),
    )


def _known_keys(
    table: Mapping[str, Any], allowed: tuple[str, ...], path: Path, prefix: str
) -> None:
    from dehub_cli.textnorm import suggestion

    for key in table:
        if key not in allowed:
            raise ConfigError(
                f"{path}: unknown key '{prefix}{key}'",
                suggestion(key, allowed) or f"allowed here: {', '.join(allowed)}",
            )


def _table(document: Mapping[str, Any], key: str, path: Path, prefix: str) -> Mapping[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"{path}: '{prefix}{key}' must be a table", f"write it as [{prefix}{key}]"
        )
    return value


def _severity(table: Mapping[str, Any], path: Path, prefix: str) -> dict[Code, Severity | None]:
    codes = {code.value: code for code in Code}
    result: dict[Code, Severity | None] = {}
    for key, value in table.items():
        code = codes.get(key.strip().upper())
        if code is None:
            match = closest_code(key)
            raise ConfigError(
                f"{path}: unknown code '{prefix}{key}'",
                f"did you mean '{match}'?" if match else "'dehub codes' lists every code",
            )
        if value not in SEVERITY_VALUES:
            raise ConfigError(
                f"{path}: '{prefix}{key}' is {_shown(value)}",
                'write "off", "warning" or "error"',
            )
        if not code.configurable and value != "error":
            raise ConfigError(
                f"{path}: '{prefix}{key}' cannot be \"{value}\": a record with {code} is left "
                "out of every answer",
                f"fix the file instead; dehub codes {code} explains how",
            )
        result[code] = None if value == "off" else Severity(value)
    return result


def _validate_formats() -> tuple[str, ...]:
    from dehub_cli.diagnostics import ValidationResult
    from dehub_cli.render.formats import capabilities_of, formats_for

    return tuple(entry.name for entry in formats_for(capabilities_of(ValidationResult)))


def _boolean(table: Mapping[str, Any], key: str, path: Path, prefix: str) -> bool | None:
    value = table.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise ConfigError(f"{path}: '{prefix}{key}' is {_shown(value)}", "write true or false")


def _choice(
    table: Mapping[str, Any], key: str, choices: tuple[str, ...], path: Path, prefix: str
) -> str | None:
    from dehub_cli.textnorm import choices_hint

    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value in choices:
        return value
    hint = choices_hint(value, choices) if isinstance(value, str) else None
    raise ConfigError(
        f"{path}: '{prefix}{key}' is {_shown(value)}",
        hint or f"choose one of: {', '.join(choices)}",
    )


def _shown(value: Any) -> str:
    """A TOML value as written, for messages: ``"yes"``, ``1``, ``true``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, (int, float)):
        return str(value)
    return f"a {type(value).__name__}"
