"""``dehub add org|membership|hub``: new records and memberships, checked before they are written.

Also the helpers the other editing commands share: asking for missing values on a
terminal, finding an organisation by id or name, reporting what was written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from dehub_cli.cli.common import EXIT_DATA, DataOption, fail, handles_errors

if TYPE_CHECKING:
    from dehub_cli.edit import EditError
    from dehub_cli.registry import Registry

app = typer.Typer(
    help="Add an organisation, a membership or a hub to the registry.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

YesOption = Annotated[
    bool,
    typer.Option(
        "--yes", "-y", help="Never ask: a missing value is an error, and nothing is confirmed."
    ),
]
HubOption = Annotated[
    str | None,
    typer.Option("--hub", help="The hub (id, name or city).", show_default=False),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="Member since (2017-04-21, 2017-04 or 2017).", show_default=False),
]
RoleOption = Annotated[
    str, typer.Option("--role", help="member, operator, partner, mentor or investor.")
]
SectorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sector", "-s", help="A sector (id, name or alias); repeat for more.", show_default=False
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
SourceTitleOption = Annotated[
    str | None,
    typer.Option(
        "--source-title", help="Title of the source. Default: the page's host.", show_default=False
    ),
]


def is_interactive(yes: bool) -> bool:
    """Whether missing values may be asked for: a terminal on stdin and no ``--yes``."""
    return not yes and sys.stdin.isatty()


def ask(value: str | None, option: str, question: str, interactive: bool) -> str:
    """``value``, or the answer to ``question`` on a terminal, or a usage error naming ``option``."""
    if value is not None and value.strip():
        return value.strip()
    if interactive:
        answer: str = typer.prompt(question, err=True)
        if answer.strip():
            return answer.strip()
    fail(
        f"missing {option}",
        hint=f"pass {option}"
        + ("" if interactive else " (values are asked for only on a terminal)"),
    )


def fail_edit(error: EditError, code: int = EXIT_DATA) -> NoReturn:
    """Report an :class:`EditError` (nothing was written) and exit."""
    from dehub_cli.edit.records import RecordInvalidError

    if isinstance(error, RecordInvalidError):
        sys.stderr.write(f"error: {error.display} would not be valid:\n")
        for problem in error.problems:
            sys.stderr.write(f"  - {problem}\n")
        sys.stderr.write(
            "hint: nothing was written; correct the values and run the command again\n"
        )
        raise typer.Exit(code)
    fail(error.message, hint=error.hint, code=code)


def report_written(created: list[Path], edited: list[Path]) -> None:
    """Say on stderr which files were written, and what to do next."""
    from dehub_cli.discovery import display_path

    shown = []
    for path in created:
        shown.append(display_path(path))
        sys.stderr.write(f"created {shown[-1]}\n")
    for path in edited:
        shown.append(display_path(path))
        sys.stderr.write(f"updated {shown[-1]}\n")
    if shown:
        sys.stderr.write(
            "next: run 'dehub validate', then commit: git add "
            + " ".join(shown)
            + " && git commit\n"
        )


def org_path(registry: Registry, org_id: str) -> Path:
    """The file of an organisation: the one loaded, else ``orgs/<id>.yaml``."""
    if f"org:{org_id}" in registry.files:
        return Path(registry.files[f"org:{org_id}"])
    return Path(registry.root) / "orgs" / f"{org_id}.yaml"


def edit_org_file(registry: Registry, org_id: str, edit: Callable[[str], str]) -> None:
    """Apply ``edit`` to an organisation's file text, validate, write atomically, report.

    The file is replaced only if it still holds what was read; nothing is written when
    the edited record does not validate.
    """
    from dehub_cli.atomic import WriteConflictError, replace_file
    from dehub_cli.discovery import display_path
    from dehub_cli.edit import EditError
    from dehub_cli.edit.records import validate_text
    from dehub_cli.models import Org

    path = org_path(registry, org_id)
    try:
        original = path.read_bytes()
        text = edit(original.decode("utf-8"))
        validate_text(text, Org, org_id, display_path(path))
        replace_file(path, text, expected=original)
    except EditError as error:
        fail_edit(error)
    except (OSError, UnicodeDecodeError, WriteConflictError) as error:
        fail(f"{display_path(path)}: {error}", code=EXIT_DATA)
    report_written([], [path])


def existing_record_file(registry: Registry, folder: str, record_id: str) -> Path | None:
    """A file for ``record_id`` on disk, loaded or not (an invalid file is not loaded)."""
    for suffix in (".yaml", ".yml"):
        path = Path(registry.root) / folder / f"{record_id}{suffix}"
        if path.exists():
            return path
    return None


def refuse_taken_id(registry: Registry, record_id: str) -> None:
    """Exit 1 when a hub or organisation file, valid or not, already uses ``record_id``."""
    from dehub_cli.discovery import display_path

    for folder in ("hubs", "orgs"):
        taken = existing_record_file(registry, folder, record_id)
        if taken is not None:
            fail(
                f"the id '{record_id}' is taken by {display_path(taken)}",
                hint="choose another with --id (ids are unique across hubs and organisations)",
                code=EXIT_DATA,
            )


def resolve_org(registry: Registry, text: str) -> str:
    """An organisation id from an id or a name (any case, umlauts, legal form)."""
    from dehub_cli.discovery import display_path
    from dehub_cli.edit.records import OrgIndex
    from dehub_cli.textnorm import slugify, suggestion

    wanted = text.strip()
    if wanted in registry.orgs:
        return wanted
    broken = existing_record_file(registry, "orgs", wanted) or existing_record_file(
        registry, "orgs", slugify(wanted)
    )
    if broken is not None and broken.stem not in registry.orgs:
        fail(
            f"{display_path(broken)} has errors and cannot be edited",
            hint="run 'dehub validate' and fix it first",
            code=EXIT_DATA,
        )
    matches = list(dict.fromkeys(match.org_id for match in OrgIndex(registry).match(wanted)))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        fail(f"'{text}' names several organisations: {', '.join(matches)}", hint="give the id")
    labels = [*registry.orgs, *(org.name for org in registry.orgs.values())]
    fail(f"unknown organisation '{text}'", hint=suggestion(text, labels) or "give its id or name")


@app.command("org")
@handles_errors
def add_org(
    name: Annotated[
        str | None, typer.Argument(help="The organisation's name.", show_default=False)
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="startup, sme, corporate, university, research, "
            "investor, accelerator, association or public.",
            show_default=False,
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option("--hub", help="Hub it is a member of (id, name or city).", show_default=False),
    ] = None,
    since: SinceOption = None,
    role: RoleOption = "member",
    city: Annotated[
        str | None, typer.Option("--city", help="Where it is based.", show_default=False)
    ] = None,
    sectors: SectorsOption = None,
    website: WebsiteOption = None,
    source_url: SourceUrlOption = None,
    source_title: SourceTitleOption = None,
    org_id: Annotated[
        str | None,
        typer.Option("--id", help="The id. Default: derived from the name.", show_default=False),
    ] = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Create data/orgs/<id>.yaml for a new organisation with its membership in a hub.

    Missing values are asked for on a terminal; with --yes or without a terminal they are
    errors. An organisation that seems to exist already is refused, with the command to add
    a membership to it instead. The record is validated before it is written.
    """
    import re

    from dehub_cli.atomic import WriteConflictError, create_file
    from dehub_cli.cli.common import load
    from dehub_cli.discovery import display_path
    from dehub_cli.edit import EditError
    from dehub_cli.edit.records import (
        OrgIndex,
        membership_mapping,
        new_record_text,
        org_mapping,
        source_mapping,
        validate_text,
    )
    from dehub_cli.models import ID_PATTERN, Org, OrgKind
    from dehub_cli.query.resolve import (
        resolve_hub,
        resolve_kind,
        resolve_partial_date,
        resolve_role,
        resolve_sector,
    )
    from dehub_cli.textnorm import slugify

    interactive = is_interactive(yes)
    registry = load(data).registry
    name = ask(name, "NAME", "Name", interactive)
    kinds = ", ".join(member.value for member in OrgKind)
    kind_value = resolve_kind(ask(kind, "--kind", f"Kind ({kinds})", interactive))
    hub_id = resolve_hub(registry, ask(hub, "--hub", "Hub (id, name or city)", interactive))
    since_date = resolve_partial_date(
        ask(since, "--since", "Member since (YYYY-MM-DD, YYYY-MM or YYYY)", interactive),
        option="--since",
    )
    role_value = resolve_role(role)
    sector_ids = [resolve_sector(registry, sector) for sector in sectors or []]
    url = ask(source_url, "--source-url", "Source URL (where the facts were read)", interactive)
    new_id = org_id.strip() if org_id else slugify(name)
    if not re.match(ID_PATTERN, new_id):
        fail(
            f"--id '{new_id}' is not an id",
            hint=f"lowercase letters, digits, hyphens: '{slugify(new_id)}'",
        )
    index = OrgIndex(registry)
    same = list(dict.fromkeys(match.org_id for match in index.match(name, website)))
    if same:
        first = same[0]
        fail(
            f"'{name}' looks like {display_path(org_path(registry, first))} "
            f"('{registry.orgs[first].name}')",
            hint=f"add a membership to it instead: dehub add membership {first} --hub {hub_id} "
            f"--since {since_date}",
            code=EXIT_DATA,
        )
    refuse_taken_id(registry, new_id)
    for similar in index.similar(name):
        sys.stderr.write(
            f"note: '{name}' is similar to {similar} ('{registry.orgs[similar].name}')\n"
        )
        if interactive and not typer.confirm(
            "Create a new organisation anyway?", default=True, err=True
        ):
            raise typer.Exit(EXIT_DATA)
    record = org_mapping(
        org_id=new_id,
        name=name,
        kind=str(kind_value),
        city=city,
        website=website,
        sectors=sector_ids,
        memberships=[membership_mapping(hub_id, since_date, role_value)],
        sources=[source_mapping(url, source_title)],
    )
    path = Path(registry.root) / "orgs" / f"{new_id}.yaml"
    text = new_record_text(record)
    try:
        validate_text(text, Org, new_id, display_path(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        create_file(path, text)
    except EditError as error:
        fail_edit(error)
    except WriteConflictError as error:
        fail(str(error), hint="choose another id with --id", code=EXIT_DATA)
    report_written([path], [])


@app.command("membership")
@handles_errors
def add_membership(
    org: Annotated[str, typer.Argument(help="The organisation (id or name).")],
    hub: HubOption = None,
    since: SinceOption = None,
    role: RoleOption = "member",
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Add a membership in a hub to an existing organisation's file.

    The file keeps its comments, key order, quoting and blank lines; the edited record is
    validated before it is written.
    """
    from dehub_cli.cli.common import load
    from dehub_cli.edit.records import add_membership_text, membership_conflict, membership_mapping
    from dehub_cli.query.resolve import resolve_hub, resolve_partial_date, resolve_role

    interactive = is_interactive(yes)
    registry = load(data).registry
    org_id = resolve_org(registry, org)
    hub_id = resolve_hub(registry, ask(hub, "--hub", "Hub (id, name or city)", interactive))
    since_date = resolve_partial_date(
        ask(since, "--since", "Member since (YYYY-MM-DD, YYYY-MM or YYYY)", interactive),
        option="--since",
    )
    role_value = resolve_role(role)
    conflict = membership_conflict(registry.orgs[org_id], hub_id, since_date)
    if conflict is not None:
        fail(
            f"{org_id} {conflict}",
            hint=f"to end it first: dehub end membership {org_id} --hub {hub_id} --until DATE",
            code=EXIT_DATA,
        )
    membership = membership_mapping(hub_id, since_date, role_value)
    edit_org_file(registry, org_id, lambda text: add_membership_text(text, membership))


@app.command("hub")
@handles_errors
def add_hub(
    name: Annotated[str | None, typer.Argument(help="The hub's name.", show_default=False)] = None,
    cities: Annotated[
        list[str] | None,
        typer.Option("--city", help="A city of the hub; repeat for more.", show_default=False),
    ] = None,
    sectors: SectorsOption = None,
    announced: Annotated[
        str | None,
        typer.Option(
            "--announced",
            help="When it was named (2017-04-21, 2017-04 or 2017).",
            show_default=False,
        ),
    ] = None,
    twins: Annotated[
        list[str] | None,
        typer.Option("--twin", help="A twin hub; repeat for more.", show_default=False),
    ] = None,
    website: WebsiteOption = None,
    source_url: SourceUrlOption = None,
    source_title: SourceTitleOption = None,
    hub_id: Annotated[
        str | None,
        typer.Option("--id", help="The id. Default: derived from the cities.", show_default=False),
    ] = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Create data/hubs/<id>.yaml for a new hub, validated before it is written."""
    import re

    from dehub_cli.atomic import Transaction, WriteConflictError
    from dehub_cli.cli.common import load
    from dehub_cli.discovery import display_path
    from dehub_cli.edit import EditError
    from dehub_cli.edit.records import (
        add_twin_text,
        hub_id_for,
        hub_mapping,
        new_record_text,
        source_mapping,
        validate_text,
    )
    from dehub_cli.models import ID_PATTERN, Hub
    from dehub_cli.query.resolve import resolve_hub, resolve_partial_date, resolve_sector
    from dehub_cli.textnorm import fold_key, slugify

    interactive = is_interactive(yes)
    registry = load(data).registry
    name = ask(name, "NAME", "Name", interactive)
    city_list = [city.strip() for city in cities or [] if city.strip()]
    if not city_list:
        city_list = [ask(None, "--city", "City", interactive)]
    sector_list = list(sectors or [])
    if not sector_list:
        sector_list = [ask(None, "--sector", "Sector", interactive)]
    sector_ids = [resolve_sector(registry, sector) for sector in sector_list]
    announced_date = resolve_partial_date(
        ask(announced, "--announced", "Announced (YYYY-MM-DD, YYYY-MM or YYYY)", interactive),
        option="--announced",
    )
    twin_ids = [resolve_hub(registry, twin) for twin in twins or []]
    url = ask(source_url, "--source-url", "Source URL (where the facts were read)", interactive)
    new_id = hub_id.strip() if hub_id else hub_id_for(city_list)
    if not re.match(ID_PATTERN, new_id):
        fail(
            f"--id '{new_id}' is not an id",
            hint=f"lowercase letters, digits, hyphens: '{slugify(new_id)}'",
        )
    for existing_id, existing in registry.hubs.items():
        if fold_key(existing.name) == fold_key(name):
            fail(
                f"a hub named '{name}' exists: {display_path(Path(registry.hub_file(existing_id)))}",
                code=EXIT_DATA,
            )
    refuse_taken_id(registry, new_id)
    record = hub_mapping(
        hub_id=new_id,
        name=name,
        cities=city_list,
        sectors=sector_ids,
        announced=announced_date,
        twins=twin_ids,
        website=website,
        sources=[source_mapping(url, source_title)],
    )
    path = Path(registry.root) / "hubs" / f"{new_id}.yaml"
    transaction = Transaction()
    edited: list[Path] = []
    try:
        text = new_record_text(record)
        validate_text(text, Hub, new_id, display_path(path))
        transaction.create(path, text)
        for twin in dict.fromkeys(twin_ids):  # twins name each other: edit theirs too
            twin_path = Path(registry.hub_file(twin))
            original = twin_path.read_bytes()
            twin_text = add_twin_text(original.decode("utf-8"), new_id)
            validate_text(twin_text, Hub, twin, display_path(twin_path))
            transaction.replace(twin_path, twin_text, expected=original)
            edited.append(twin_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        transaction.commit()
    except EditError as error:
        fail_edit(error)
    except (OSError, UnicodeDecodeError, WriteConflictError) as error:
        fail(f"nothing written: {error}", code=EXIT_DATA)
    report_written([path], edited)
