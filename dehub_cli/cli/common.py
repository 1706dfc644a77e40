"""What every command shares: options, console settings, loading the registry or exiting."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

if TYPE_CHECKING:
    from dehub_cli.config import Config
    from dehub_cli.export.dataset import Dataset
    from dehub_cli.loadresult import LoadResult
    from dehub_cli.render.formats import Capability, Format

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Registry directory (holding hubs/ and orgs/). Default: $DEHUB_DATA, else ./data "
        "in this directory or a parent.",
        show_default=False,
        file_okay=False,
        metavar="DIR",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read every file afresh; neither use nor update the cache."),
]


def today() -> dt.date:
    """Today's date, for every command that defaults to it; tests replace this function."""
    return dt.date.today()


def stdout_is_color_terminal() -> bool:
    """Colour and box drawing only on a terminal and when NO_COLOR is unset."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def terminal_width() -> int | None:
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def say(message: str) -> None:
    """One line on stderr, its control characters escaped (paths and values can hold any)."""
    from dehub_cli.textnorm import escape_controls

    settle()
    sys.stderr.write(escape_controls(message) + "\n")


def fail(
    message: str,
    *,
    hint: str | None = None,
    code: int = EXIT_USAGE,
    details: Sequence[str] = (),
) -> NoReturn:
    """Print ``error: message`` (its details one per line, and a hint) to stderr; exit ``code``.

    Control characters are escaped: a value quoted in a message (a path, a name) cannot
    start a line of its own or send a terminal sequence.
    """
    from dehub_cli.textnorm import escape_controls

    settle()
    lines = "".join(f"\n  - {escape_controls(detail)}" for detail in details)
    sys.stderr.write(f"error: {escape_controls(message)}{':' if details else ''}{lines}\n")
    if hint:
        sys.stderr.write(f"hint: {escape_controls(hint)}\n")
    raise typer.Exit(code)


def find_registry(data: Path | None) -> Path:
    """The registry directory, or exit 2 saying what is wrong with the one given."""
    from dehub_cli.discovery import ENV_VAR, RegistryNotFoundError, find_data_dir

    try:
        return find_data_dir(data)
    except RegistryNotFoundError as error:
        from_env = os.environ.get(ENV_VAR)
        if data is not None:
            _not_a_registry(data, "--data")
        if from_env:
            _not_a_registry(Path(from_env), f"${ENV_VAR}")
        fail(
            "no dehub registry found; looked in",
            details=error.searched,
            hint="run dehub inside a checkout of the registry, or pass --data DIR or set DEHUB_DATA",
        )


def _not_a_registry(path: Path, given_as: str) -> NoReturn:
    """Why ``path`` (given as ``--data`` or ``$DEHUB_DATA``) is no registry, and what is."""
    if not path.exists():
        fail(
            f"{path} ({given_as}) does not exist", hint="pass the directory holding hubs/ and orgs/"
        )
    if not path.is_dir():
        fail(
            f"{path} ({given_as}) is not a directory",
            hint="pass the directory holding hubs/ and orgs/",
        )
    inside = os.path.join(str(path), "data")  # './data' for '.', as people type it
    if (Path(inside) / "hubs").is_dir() or (Path(inside) / "orgs").is_dir():
        option = f"--data {inside}" if given_as == "--data" else f"{given_as}={inside}"
        fail(f"{path} ({given_as}) has no hubs/ or orgs/ directory", hint=f"did you mean {option}?")
    fail(
        f"{path} ({given_as}) has no hubs/ or orgs/ directory",
        hint="pass the directory holding hubs/ and orgs/ (often data/ in the registry's checkout)",
    )


def load(
    data: Path | None,
    *,
    no_cache: bool = False,
    warn_invalid: bool = True,
    provisional: bool = False,
) -> LoadResult:
    """The registry with its diagnostics, from the cache when no file changed.

    The diagnostics are as the registry's settings (``dehub.toml``) and its suppression
    comments want them. A ``provisional`` load may answer from the cache while a large
    registry's files are still scanned (:func:`settle`): only for a command that writes
    nothing but through :func:`emit`, :func:`say` and :func:`fail`.
    """
    result, _ = load_with_config(data, no_cache=no_cache, provisional=provisional)
    if warn_invalid:
        _warn_about_errors(result)
    return result


_LOADED: list[LoadResult] = []
"""The last registry a command loaded, kept until the process ends (``os._exit`` in
:func:`dehub_cli.cli.main`): freed object by object when the command returns, 100,000
organisations cost 0.06 s for nothing."""
_UNSETTLED: list[LoadResult] = []
"""A provisional load whose scan has not been compared yet."""
_PROVISIONAL = [True]
"""Whether provisional loads are allowed (not while a command runs again)."""


class RegistryChanged(Exception):
    """A provisional answer did not hold (a file changed since the cache was written):
    :func:`handles_errors` runs the command again, on a load that waits for the scan."""


def settle() -> None:
    """Before anything is written: a provisional load's answer must hold, or the command
    runs again (:class:`RegistryChanged`)."""
    while _UNSETTLED:
        if not _UNSETTLED.pop().settle():
            raise RegistryChanged


def load_with_config(
    data: Path | None,
    *,
    no_cache: bool = False,
    unused_suppressions: bool = False,
    provisional: bool = False,
) -> tuple[LoadResult, Config]:
    """The registry and its settings; ``unused_suppressions`` also reports DH401/DH402.

    Raises :class:`~dehub_cli.config.ConfigError` for a settings file that cannot be used.
    """
    from dehub_cli.cli.progress import progress_of
    from dehub_cli.config import load_config
    from dehub_cli.loader import load_registry
    from dehub_cli.suppressions import apply_settings

    root = find_registry(data)
    config = load_config(root)
    provisional = provisional and _PROVISIONAL[0] and not no_cache
    with progress_of("Checking files") as tick:
        result = load_registry(root, use_cache=not no_cache, progress=tick, provisional=provisional)
    _LOADED[:] = [result]
    _UNSETTLED[:] = [result] if provisional else []
    suppressions = result.suppressions
    if suppressions or config.severity or unused_suppressions:
        result.diagnostics = apply_settings(
            result.diagnostics, suppressions, config, report_unused=unused_suppressions
        )
    return result, config


def left_out_files(result: LoadResult) -> set[str]:
    """The files whose errors keep their record out of every answer."""
    return {
        d.file for d in result.diagnostics if d.severity == "error" and d.code.leaves_record_out
    }


def _warn_about_errors(result: LoadResult) -> None:
    """Say on stderr when the answer may be incomplete because of errors in the data."""
    from dehub_cli.textnorm import plural

    errors = [d for d in result.diagnostics if d.severity == "error"]
    if not errors:
        return
    settle()
    left_out = left_out_files(result)
    if left_out:
        sys.stderr.write(
            f"warning: {plural(len(left_out), 'file')} with errors left out of this answer; "
            "run 'dehub validate'\n"
        )
    else:
        sys.stderr.write(
            f"warning: the registry has {plural(len(errors), 'error')}; run 'dehub validate'\n"
        )


def format_flag(*capabilities: Capability, default: str = "table") -> Any:
    """The ``--format/-f`` option of a command whose result has ``capabilities``.

    Its help lists exactly the formats of the one format registry that apply.
    """
    from dehub_cli.render.formats import formats_for

    names = [entry.name for entry in formats_for(capabilities)]
    return typer.Option(
        "--format",
        "-f",
        help=f"{', '.join(names)}. Default: {default}.",
        show_default=False,
        metavar="FORMAT",
    )


def choose_format(name: str | None, *capabilities: Capability, default: str = "table") -> Format:
    """The format asked for (or ``default``); an unknown name raises, with a did-you-mean."""
    from dehub_cli.cli.progress import for_people
    from dehub_cli.render.formats import find_format

    chosen = find_format(name if name is not None else default, capabilities)
    for_people.set(not chosen.machine)  # no progress bar around machine output
    return chosen


def emit(result: Any, chosen: Format, *, output: Path | None = None) -> None:
    """Render ``result`` in ``chosen`` to stdout, or atomically to ``output``."""
    from dehub_cli.render import RenderOptions

    to_terminal = output is None and not chosen.machine
    options = RenderOptions(
        color=to_terminal and stdout_is_color_terminal(),
        width=terminal_width() if to_terminal else None,
    )
    text = chosen.render(result, options)
    settle()
    if output is None:
        sys.stdout.write(text)
        return
    from dehub_cli.atomic import write_text

    write_text(output, text)
    say(f"wrote {output}")


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Every command's wrapper: arguments in Unicode NFC; typed errors become messages.

    Text arguments are normalised to NFC here, once for every command, so that a name
    typed (or pasted from macOS) in decomposed form (``Mu`` + U+0308) finds the same
    records and gets the same id as ``Mü``; paths are left as given, since a file name
    is bytes on disk. The library's typed errors become ``error:``/``hint:`` lines (their
    control characters escaped: one line each) and their exit code. A provisional answer
    that did not hold (:class:`RegistryChanged`) runs the command once more.
    """
    from dehub_cli.errors import DehubError

    def run_once(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DehubError as error:
            fail(error.message, hint=error.hint, code=error.exit_code, details=error.details)

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        args = tuple(nfc_argument(value) for value in args)  # type: ignore[assignment]
        for name, value in kwargs.items():
            kwargs[name] = nfc_argument(value)
        with contextlib.suppress(RegistryChanged):  # an earlier command's (tests): reap it
            settle()
        try:
            return run_once(*args, **kwargs)
        except RegistryChanged:
            _PROVISIONAL[0] = False
            try:
                return run_once(*args, **kwargs)
            finally:
                _PROVISIONAL[0] = True

    return run


def nfc_argument(value: Any) -> Any:
    """A command-line value in NFC: text and lists of text; paths and numbers as they are."""
    from dehub_cli.textnorm import nfc

    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list | tuple) and any(isinstance(item, str) for item in value):
        return type(value)(nfc(item) if isinstance(item, str) else item for item in value)
    return value


def published_dataset(
    data: Path | None,
    *,
    no_cache: bool,
    day: dt.date,
    license_text: str | None,
    source_url: str | None,
    refused: str,
    publisher: str,
) -> Dataset:
    """The dataset that exports and the site publish; exit 1 when the registry has errors.

    ``refused`` ends the error line (``nothing exported``); ``publisher`` names what
    publishes in the hint (``an export``).
    """
    from dehub_cli.export.dataset import build_dataset
    from dehub_cli.export.gitinfo import registry_commit
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.textnorm import plural

    loaded = load(data, no_cache=no_cache, warn_invalid=False)
    errors = sum(1 for item in loaded.diagnostics if item.severity == "error")
    if errors:
        fail(
            f"the registry has {plural(errors, 'error')}; {refused}",
            hint=f"run dehub validate and fix them: {publisher} publishes only a valid registry",
            code=EXIT_DATA,
        )
    registry = loaded.registry
    with gc_paused():  # building documents makes many small objects and no cycles
        return build_dataset(
            registry,
            today=day,
            commit=registry_commit(Path(registry.root)),
            license=license_text,
            source=source_url,
        )
