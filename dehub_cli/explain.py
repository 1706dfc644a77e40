"""``dehub codes``: the codes as results, one listed per line or one explained in full.

docs/CODES.md is ``dehub codes --full --format markdown``; a test keeps it in sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dehub_cli.code_docs import CODE_DOCS, ExampleFile
from dehub_cli.codes import Category, Code, closest_code
from dehub_cli.errors import QueryError
from dehub_cli.render import Column, Listing, Part, Prose, Section, Table

DOC_HEADER = """# Diagnostic codes

Every code `dehub validate` reports: what it checks, why, how to fix it, and YAML that
reports it and YAML that passes (the tests write each example into a registry and check
both). `dehub codes CODE` shows the same in the terminal. [CONFIG.md](CONFIG.md) says how
to change a code's severity or silence one finding.

This page is generated from `dehub_cli/code_docs.py`; a test keeps it in sync
(`DEHUB_WRITE_DOCS=1 pytest tests/unit/test_code_docs.py` rewrites it).

"""

CATEGORY_TEXT = {
    Category.FILE: "the file cannot be read as YAML; its record is left out of every answer",
    Category.RECORD: "the record breaks the format; it is left out of every answer",
    Category.REGISTRY: "records disagree; every record stays in the answers",
    Category.SUPPRESSION: "a suppression comment; every record stays in the answers",
}


ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}


def find_code(text: str) -> Code:
    """The code ``text`` names: ``DH309``, ``dh309`` or its name (``no-operator``)."""
    wanted = text.strip().upper().replace("-", "_")
    for code in Code:
        if wanted in (code.value, code.name):
            return code
    match = closest_code(text)
    raise QueryError(
        f"unknown code '{text}'",
        f"did you mean '{match}'?" if match else "'dehub codes' lists every code",
    )


def _example_text(files: tuple[ExampleFile, ...]) -> str:
    """The files of an example, each under a ``# path`` line; tabs shown as ``\\t``."""
    blocks = []
    for example in files:
        if example.text is None:
            blocks.append(f"# {example.path}: no such file")
            continue
        heading = f"# {example.path}"
        if example.encoding != "utf-8":
            heading += f" (saved as {ENCODING_NAMES.get(example.encoding, example.encoding)})"
        blocks.append(heading + "\n" + example.text.replace("\t", "\\t").rstrip("\n"))
    return "\n\n".join(blocks)


def _settings(code: Code) -> str:
    if code.suppressible:
        return (
            f'dehub.toml: [severity] {code} = "off", "warning" or "error"; '
            f"one finding: # dehub: ignore[{code}]"
        )
    if code.configurable:
        return f'dehub.toml: [severity] {code} = "off", "warning" or "error"'
    return "cannot be turned off or silenced: fix the file"


@dataclass(frozen=True)
class CodeExplanation:
    """One code in full: ``dehub codes CODE``."""

    code: Code

    def to_data(self) -> dict[str, Any]:
        """``{code, name, severity, category, summary, checks, why, fix, bad, good, ...}``."""
        code = self.code
        doc = CODE_DOCS[code]
        return {
            "code": code.value,
            "name": code.name.lower().replace("_", "-"),
            "severity": str(code.severity),
            "category": str(code.category),
            "summary": code.info.summary,
            "checks": doc.checks,
            "why": doc.why,
            "fix": doc.fix,
            "bad": [_file_data(example) for example in doc.bad],
            "good": [_file_data(example) for example in doc.good],
            "configurable": code.configurable,
            "suppressible": code.suppressible,
        }

    def tables(self) -> list[Part]:
        code = self.code
        doc = CODE_DOCS[code]
        parts: list[Part] = [
            Section(
                f"{code}: {code.info.summary}",
                [
                    ("severity", f"{code.severity} by default"),
                    ("category", f"{code.category}: {CATEGORY_TEXT[code.category]}"),
                    ("settings", _settings(code)),
                ],
            ),
            Prose("What it checks", doc.checks),
            Prose("Why", doc.why),
            Prose("How to fix it", doc.fix),
        ]
        if doc.bad:
            parts.append(Listing(_example_text(doc.bad), f"Reports {code}:", "yaml"))
            parts.append(Listing(_example_text(doc.good), "Passes:", "yaml"))
        return parts


def _file_data(example: ExampleFile) -> dict[str, Any]:
    return {"path": example.path, "text": example.text, "encoding": example.encoding}


@dataclass(frozen=True)
class CodeList:
    """Every code: one line each (``dehub codes``), or each in full (``--full``)."""

    full: bool = False

    def to_data(self) -> list[dict[str, Any]]:
        """Every code's explanation, as ``dehub codes CODE --format json`` gives one."""
        return [CodeExplanation(code).to_data() for code in Code]

    def tables(self) -> list[Part]:
        columns = [
            Column("code", "Code", kind="id"),
            Column("severity", "Severity", kind="id", drop=2),
            Column("category", "Category", kind="id", drop=1),
            Column("summary", "Summary"),
        ]
        rows = [
            {
                "code": code.value,
                "severity": str(code.severity),
                "category": str(code.category),
                "summary": code.info.summary,
            }
            for code in Code
        ]
        caption = "dehub codes CODE explains one: what, why, how to fix, examples."
        title = None if self.full else "Diagnostic codes"
        parts: list[Part] = [Table(columns, rows, title=title, caption=caption)]
        if self.full:
            for code in Code:
                parts += CodeExplanation(code).tables()
        return parts


def explain(text: str) -> CodeExplanation:
    """``dehub codes CODE``; raises :class:`QueryError` for an unknown code."""
    return CodeExplanation(find_code(text))


def explain_all(*, full: bool = False) -> CodeList:
    """``dehub codes`` (``--full``: every explanation after the list)."""
    return CodeList(full)


def codes_markdown() -> str:
    """docs/CODES.md: the list of codes, then each explained in full."""
    from dehub_cli.render.markdown import to_markdown

    return DOC_HEADER + to_markdown(CodeList(full=True).tables())
