"""The ``sarif`` format: SARIF 2.1.0 for GitHub code scanning (and other SARIF viewers).

One run; the tool's rules are every code of :class:`~dehub_cli.codes.Code` with its
explanation, each result a diagnostic at its file (a relative URI) and line.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from dehub_cli import __version__
from dehub_cli.codes import Code
from dehub_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dehub_cli.render import RenderOptions

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def render_sarif(result: ValidationResult, options: RenderOptions) -> str:
    """The ``sarif`` format: one SARIF 2.1.0 log of ``result.diagnostics``."""
    return json.dumps(sarif_log(result.diagnostics), ensure_ascii=False, indent=2) + "\n"


def sarif_log(diagnostics: Any) -> dict[str, Any]:
    """The SARIF log (a JSON-able dict) of ``diagnostics``."""
    codes = list(Code)
    index = {code: position for position, code in enumerate(codes)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dehub",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(diagnostic, index[diagnostic.code]) for diagnostic in diagnostics
                ],
            }
        ],
    }


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule(code: Code) -> dict[str, Any]:
    from dehub_cli.code_docs import CODE_DOCS

    doc = CODE_DOCS[code]
    help_text = f"{doc.checks}\n\nWhy: {doc.why}\n\nHow to fix it: {doc.fix}"
    return {
        "id": code.value,
        "name": "".join(part.capitalize() for part in code.name.split("_")),
        "shortDescription": {"text": code.info.summary},
        "fullDescription": {"text": doc.checks},
        "help": {
            "text": help_text,
            "markdown": f"{doc.checks}\n\n**Why:** {doc.why}\n\n**How to fix it:** {doc.fix}"
            + (
                f"\n\n`dehub codes {code.value}` shows YAML that reports it and YAML that passes."
                if doc.bad
                else ""
            ),
        },
        "defaultConfiguration": {"level": _level(code.severity)},
        "properties": {"tags": ["dehub", str(code.category)]},
    }


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference (``data/orgs/a b.yaml`` -> ``data/orgs/a%20b.yaml``);
    an absolute path as a ``file://`` URI."""
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _result(diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
    message = diagnostic.message + (f"; {diagnostic.hint}" if diagnostic.hint else "")
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(diagnostic.file)}}
    if diagnostic.line > 0:
        region: dict[str, int] = {"startLine": diagnostic.line}
        if diagnostic.column > 0:
            region["startColumn"] = diagnostic.column
        location["region"] = region
    return {
        "ruleId": diagnostic.code.value,
        "ruleIndex": rule_index,
        "level": _level(diagnostic.severity),
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
    }
