"""What the editing commands (add, end, import) share: options, prompts, committing.

Values missing from the command line are asked for on a terminal; a value that does not
parse is asked for again, with the error's hint. Every edit is planned and written under
the registry's lock, so commands run at the same time never lose each other's changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from dehub_cli.cli.common import fail
from dehub_cli.cli.complete import complete_hub, complete_role, complete_sector

if TYPE_CHECKING:
    from dehub_cli.atomic import Transaction
    from dehub_cli.registry import Registry

T = TypeVar("T")

YesOption = Annotated[
    bool,
    typer.Option(
        "--yes", "-y", help="Never ask: a missing value is an error, and nothing is confirmed."
    ),
]
HubOption = Annotated[
    str | None,
    typer.Option(
        "--hub", help="The hub (id, name or city).", show_default=False, autocompletion=complete_hub
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Member since: 2017-04-21, 2017-04, 2017 or 21.04.2017.",
        show_default=False,
    ),
]
RoleOption = Annotated[
    str,
    typer.Option(
        "--role",
        help="member, operator, partner, mentor or investor.",
        autocompletion=complete_role,
    ),
]
SectorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sector",
        "-s",
        help="A sector (id, name or alias); repeat for more.",
        show_default=False,
        autocompletion=complete_sector,
    ),
]
WebsiteOption = Annotated[
    str | None, typer.Option("--website", help="Its web address.", show_default=False)
]
SourceUrlOption = Annotated[
    str | None,
    typer.Option(
        "--source-url",
        help="Where the facts were read (every record needs a source). Asked for on a terminal.",
        show_default=False,
    ),
]
ClaimSourceOption = Annotated[
    str | None,
    typer.Option(
        "--source-url",
        help="The page that states this membership (recorded on the membership itself).",
        show_default=False,
    ),
]
SourceTitleOption = Annotated[
    str | None,
    typer.Option(
        "--source-title",
        help="The page's real title, if known (never a made-up label).",
        show_default=False,
    ),
]


HUB_QUESTION = "Hub (id, name or city)"


def is_interactive(yes: bool) -> bool:
    """Whether missing values may be asked for: a terminal on stdin and no ``--yes``."""
    return not yes and sys.stdin.isatty()


def ask(
    value: str | None,
    option: str,
    question: str,
    interactive: bool,
    parse: Callable[[str], T],
) -> T:
    """``value`` parsed, or asked for on a terminal until it parses, or a usage error.

    A value given on the command line that does not parse is an error at once; one
    typed at the prompt is asked for again, with what was wrong.
    """
    from dehub_cli.dates import DateFormatError
    from dehub_cli.errors import DehubError, QueryError
    from dehub_cli.textnorm import escape_controls, nfc

    if value is not None and value.strip():
        try:
            return parse(value.strip())
        except DateFormatError as error:  # the message does not say which date
            raise QueryError(f"{option}: {error.message}", error.hint) from None
    if not interactive:
        fail(f"missing {option}", hint=f"pass {option} (values are asked for only on a terminal)")
    while True:
        answer = nfc(typer.prompt(question, err=True))  # like every argument (handles_errors)
        if not answer.strip():
            continue
        try:
            return parse(answer.strip())
        except DehubError as error:
            sys.stderr.write(f"error: {escape_controls(error.message)}\n")
            if error.hint:
                sys.stderr.write(f"hint: {escape_controls(error.hint)}\n")


def claim_source(url: str | None, title: str | None) -> dict[str, object] | None:
    """The membership's own source from ``--source-url``/``--source-title``; a note if none."""
    from dehub_cli.edit.records import source_mapping

    if url is None or not url.strip():
        sys.stderr.write(
            "note: no --source-url: the membership cites no source of its own "
            "(the record's sources stand for it)\n"
        )
        return None
    return source_mapping(url, title)


def org_and_hub(data: Path | None, org: str, hub: str | None, interactive: bool) -> tuple[str, str]:
    """The organisation and the hub an edit is about, resolved forgivingly (asked for the hub)."""
    from dehub_cli.cli.common import load
    from dehub_cli.edit.lookup import resolve_org
    from dehub_cli.query.resolve import resolve_hub

    registry = load(data).registry
    org_id = resolve_org(registry, org)
    return org_id, ask(hub, "--hub", HUB_QUESTION, interactive, lambda t: resolve_hub(registry, t))


def apply_edit(data: Path | None, plan: Callable[[Registry], Transaction]) -> Transaction:
    """Under the registry's lock: load it afresh, plan the edit, write it all or nothing."""
    from dehub_cli.cli.common import find_registry, load
    from dehub_cli.edit import EditError
    from dehub_cli.edit.lock import registry_lock

    root = find_registry(data)
    with registry_lock(root):
        transaction = plan(load(root, warn_invalid=False).registry)
        for directory in {path.parent for path in transaction.created}:
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise EditError(f"cannot create {directory}: {error.strerror or error}") from None
        try:
            transaction.commit()
        except OSError as error:
            raise EditError(
                f"nothing written: {error.strerror or error}"
                + (f": {error.filename}" if error.filename else ""),
                "check that the registry's directories are writable",
            ) from None
    report_written(transaction)
    return transaction


def report_written(transaction: Transaction) -> None:
    """Say on stderr which files were written, and what to do next."""
    from dehub_cli.discovery import display_path

    shown = []
    for path in transaction.created:
        shown.append(display_path(path))
        sys.stderr.write(f"created {shown[-1]}\n")
    for path in transaction.replaced:
        shown.append(display_path(path))
        sys.stderr.write(f"updated {shown[-1]}\n")
    if shown:
        sys.stderr.write(
            "next: run 'dehub validate', then commit: git add "
            + " ".join(shown)
            + " && git commit\n"
        )
