"""The one registry of output formats, chosen by name.

Each :class:`Format` names the capability of a result it renders (see
:mod:`dehub_cli.render`) and the function that renders it, imported on first use so
that start-up stays fast. A command offers every format whose capability its result
has; ``--format`` picks one by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dehub_cli.render import RenderOptions

Capability = Literal[
    "data", "tables", "page", "graph", "diagnostics", "annotations", "feed", "markdown"
]

CAPABILITY_ATTRIBUTE: dict[Capability, str] = {
    "data": "to_data",
    "tables": "tables",
    "page": "page",
    "graph": "graph",
    "diagnostics": "diagnostics",
    "annotations": "annotations",
    "feed": "feed",
    "markdown": "markdown",
}
"""The attribute a result class must have for each capability."""


@dataclass(frozen=True, slots=True)
class Format:
    """A named rendering of one capability of a result."""

    name: str
    needs: Capability
    description: str
    renderer: str
    """``module:function`` taking ``(result, RenderOptions)`` and returning the text."""
    machine: bool = True
    """Machine formats never carry colour or markup and never change with the language."""

    def render(self, result: Any, options: RenderOptions | None = None) -> str:
        module, function = self.renderer.split(":")
        render: Callable[[Any, RenderOptions], str] = getattr(
            importlib.import_module(module), function
        )
        return render(result, options or RenderOptions())


FORMATS: tuple[Format, ...] = (
    Format("text", "diagnostics", "one 'file:line:col: severity: message' line each",
           "dehub_cli.render.diagnostics:render_text", machine=False),
    Format("table", "tables", "aligned columns for people (default on a terminal)",
           "dehub_cli.render.rich_table:render_table", machine=False),
    Format("json", "data", "one JSON document of a fixed shape",
           "dehub_cli.render.machine:render_json"),
    Format("csv", "tables", "the main table as CSV, safe to open in a spreadsheet",
           "dehub_cli.render.machine:render_csv"),
    Format("yaml", "data", "the JSON document as YAML", "dehub_cli.render.machine:render_yaml"),
    Format("markdown", "markdown", "GitHub-flavoured Markdown (for a pull-request comment)",
           "dehub_cli.render.markdown:render_own_markdown", machine=False),
    Format("markdown", "tables", "GitHub-flavoured Markdown tables",
           "dehub_cli.render.markdown:render_markdown", machine=False),
    Format("html", "page", "a self-contained HTML page", "dehub_cli.render.html:render_page",
           machine=False),
    Format("dot", "graph", "the graph for Graphviz", "dehub_cli.render.graph:render_dot"),
    Format("mermaid", "graph", "the graph as a Mermaid flowchart",
           "dehub_cli.render.graph:render_mermaid"),
    Format("github", "annotations", "GitHub Actions workflow annotations on the lines",
           "dehub_cli.render.diagnostics:render_github"),
    Format("sarif", "diagnostics", "SARIF 2.1.0 for GitHub code scanning",
           "dehub_cli.render.sarif:render_sarif"),
    Format("atom", "feed", "an Atom 1.0 feed", "dehub_cli.render.atom:render_atom"),
)  # fmt: skip


def formats_for(capabilities: Iterable[Capability]) -> list[Format]:
    """The formats for ``capabilities``, in registry order; the first of a name wins.

    A result with its own Markdown (``markdown()``) gets that rather than its tables'.
    """
    wanted = set(capabilities)
    chosen: dict[str, Format] = {}
    for entry in FORMATS:
        if entry.needs in wanted:
            chosen.setdefault(entry.name, entry)
    return list(chosen.values())


def capabilities_of(result_type: type) -> tuple[Capability, ...]:
    """The capabilities a result class offers."""
    fields = getattr(result_type, "__dataclass_fields__", {})
    return tuple(
        capability
        for capability, attribute in CAPABILITY_ATTRIBUTE.items()
        if hasattr(result_type, attribute) or attribute in fields
    )


def find_format(name: str, capabilities: Sequence[Capability]) -> Format:
    """The format called ``name`` among those for ``capabilities``.

    Raises :class:`~dehub_cli.errors.UnknownChoiceError` with a did-you-mean otherwise.
    """
    from dehub_cli.textnorm import choose

    offered = formats_for(capabilities)
    chosen = choose(name, [entry.name for entry in offered], "format")
    return next(entry for entry in offered if entry.name == chosen)


def render(result: Any, name: str, options: RenderOptions | None = None) -> str:
    """``result`` as text in the format called ``name``."""
    return find_format(name, capabilities_of(type(result))).render(result, options)
