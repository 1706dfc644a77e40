"""Help pages and usage errors in dehub's own plain style.

Help is written from the commands' public attributes (options, metavars, help texts) and
wrapped at spaces to the terminal (at most 100 columns): no type names, no boxes, no word
broken across lines. Usage errors (a missing argument, an unknown option or command, a bad
value) become ``error:``/``hint:`` lines on stderr with exit code 2, like every other
error of dehub.
"""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from dehub_cli.cli.common import EXIT_USAGE

MAX_WIDTH = 100
_click_exceptions = importlib.import_module(typer.BadParameter.__module__)
UsageError: type[Exception] = _click_exceptions.UsageError
Abort: type[Exception] = getattr(_click_exceptions, "Abort", typer.Abort)


def help_width() -> int:
    """The terminal's width (``COLUMNS`` first), at most :data:`MAX_WIDTH`."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH))


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [(indent if first is None else first).rstrip()]


def paragraphs(help_text: str | None) -> list[str]:
    """The paragraphs of a docstring, each on one line (``\\b`` keeps a paragraph's lines)."""
    text = inspect.cleandoc(help_text or "")
    result = []
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        if block.startswith("\b"):
            result.append(block)
        else:
            result.append(" ".join(line.strip() for line in block.splitlines()))
    return result


def first_sentence(help_text: str | None) -> str:
    """The first sentence of a command's help, for the list of commands."""
    found = paragraphs(help_text)
    if not found:
        return ""
    match = re.match(r"(.+?[.!?])(\s|$)", found[0])
    return match.group(1) if match else found[0]


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


METAVARS = {
    "since": "DATE",
    "until": "DATE",
    "announced": "DATE",
    "website": "URL",
    "source-url": "URL",
    "source-title": "TITLE",
    "twin": "HUB",
    "map": "FIELD=HEADER",
    "sheet": "NAME",
    "out": "DIR",
}
"""What an option's value is called when the option does not say (by its long name)."""


def _metavar(param: Any) -> str:
    """What an option's value is called: its metavar, else by its long name (``--hub`` -> HUB)."""
    if param.metavar:
        return str(param.metavar)
    longest: str = max(param.opts, key=len).lstrip("-")
    return METAVARS.get(longest, longest.upper().replace("-", "_"))


def _argument_name(param: Any) -> str:
    return str(param.metavar or param.name.upper())


def usage(command: Any, ctx: Any) -> str:
    """``dehub show [OPTIONS] ID``: the command path, options, arguments, subcommands."""
    pieces = [ctx.command_path, "[OPTIONS]"]
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") == "argument":
            name = _argument_name(param)
            pieces.append(name if param.required else f"[{name}]")
    if hasattr(command, "commands"):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _option_label(param: Any) -> str:
    label = ", ".join(sorted(param.opts, key=len))
    if param.secondary_opts:
        label += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag and not getattr(param, "count", False):
        label += f" {_metavar(param)}"
    return label


def _option_help(param: Any) -> str:
    text = " ".join(paragraphs(param.help))
    default = param.default
    shows_default = param.show_default and not isinstance(param.show_default, str)
    if (
        shows_default
        and not param.is_flag
        and default not in (None, "", (), [])
        and not callable(default)
        and "Default" not in text
    ):
        text += f" Default: {default}."
    if isinstance(param.show_default, str):
        text += f" Default: {param.show_default}."
    if param.required:
        text += " Required."
    return text.strip()


def _definitions(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """``  term  text`` rows, texts aligned and wrapped; a long term puts its text below."""
    column = min(max((len(term) for term, _ in rows), default=0), 28) + 4
    lines = []
    for term, text in rows:
        head = f"  {term}"
        if len(head) + 2 > column:
            lines.append(head)
            if text:
                lines += _wrap(text, width, " " * column)
            continue
        lines += _wrap(text, width, " " * column, first=head.ljust(column))
    return lines


def help_text(command: Any, ctx: Any, width: int | None = None) -> str:
    """The whole help page of ``command``."""
    width = width or help_width()
    lines = [f"Usage: {usage(command, ctx)}", ""]
    for paragraph in paragraphs(command.help):
        if paragraph.startswith("\b"):
            lines += ["  " + line for line in paragraph[1:].strip("\n").splitlines()]
        else:
            lines += _wrap(paragraph, width, "  ")
        lines.append("")
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [
        (_argument_name(param), " ".join(paragraphs(getattr(param, "help", None))))
        for param in params
        if not _is_option(param)
    ]
    if arguments:
        lines += ["Arguments:", *_definitions(arguments, width), ""]
    options = [(_option_label(param), _option_help(param)) for param in params if _is_option(param)]
    if options:
        lines += ["Options:", *_definitions(options, width), ""]
    subcommands = list(_subcommands(command, ctx))
    if subcommands:
        rows = [(name, first_sentence(sub.help)) for name, sub in subcommands]
        lines += ["Commands:", *_definitions(rows, width), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _subcommands(command: Any, ctx: Any) -> Iterator[tuple[str, Any]]:
    if not hasattr(command, "list_commands"):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            yield name, sub


def install_plain_help(command: Any) -> None:
    """Give ``command`` and every command below it dehub's help page (once)."""
    if getattr(command, "_dehub_help", False):
        return

    def format_help(ctx: Any, formatter: Any) -> None:
        formatter.write(help_text(command, ctx))

    command.format_help = format_help
    command._dehub_help = True
    for sub in getattr(command, "commands", {}).values():
        install_plain_help(sub)


class DehubGroup(TyperGroup):
    """The root command: dehub's help pages, and usage errors as ``error:``/``hint:``."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        install_plain_help(self)
        from dehub_cli.cli.progress import for_people

        # For people until a command chooses a machine format; as it was afterwards, so
        # that one in-process run (tests, the library) does not decide for the next.
        token = for_people.set(True)
        try:
            result = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except UsageError as error:
            if not standalone_mode:
                raise
            given = list(sys.argv[1:] if args is None else args)
            report_usage_error(error, fallback_path=self._path(prog_name or "dehub", given))
            sys.exit(EXIT_USAGE)
        except Abort:
            if not standalone_mode:
                raise
            sys.stderr.write("error: aborted\n")
            sys.exit(1)
        finally:
            for_people.reset(token)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result

    def _path(self, prog_name: str, args: list[str]) -> str:
        """The command an argument list names (for errors that lost their context)."""
        path = [prog_name]
        current: Any = self
        for arg in args:
            commands = getattr(current, "commands", None)
            if not commands or arg.startswith("-"):
                if commands and arg.startswith("-"):
                    continue
                break
            if arg not in commands:
                break
            path.append(arg)
            current = commands[arg]
        return " ".join(path)


def report_usage_error(error: Any, *, fallback_path: str = "dehub") -> None:
    """Write a usage error as ``error:`` and ``hint:`` lines on stderr."""
    if type(error).__name__ == "NoArgsIsHelpError":
        sys.stderr.write(error.ctx.get_help())
        return
    from dehub_cli.textnorm import escape_controls

    message, hint = describe_usage_error(error, fallback_path=fallback_path)
    sys.stderr.write(f"error: {escape_controls(message)}\n")  # it may quote what was typed
    if hint:
        sys.stderr.write(f"hint: {escape_controls(hint)}\n")


def describe_usage_error(error: Any, *, fallback_path: str = "dehub") -> tuple[str, str | None]:
    """The ``error:`` message and the ``hint:`` of a usage error from the command line."""
    from dehub_cli.textnorm import did_you_mean

    ctx = getattr(error, "ctx", None)
    path = ctx.command_path if ctx is not None else fallback_path
    see = f"see '{path} --help'"
    kind = type(error).__name__
    text = error.format_message() if hasattr(error, "format_message") else str(error)
    if kind == "NoSuchOption":
        match = did_you_mean(error.option_name, list(error.possibilities or ()) or _options(ctx))
        return (
            f"{path} has no option '{error.option_name}'",
            f"did you mean '{match}'?" if match else see,
        )
    if kind == "MissingParameter":
        param = error.param
        if param is not None and _is_option(param):
            name = f"{max(param.opts, key=len)} {_metavar(param)}"
            return f"{path} needs {name}", see
        name = _argument_name(param) if param is not None else "an argument"
        return f"missing argument {name}", f"usage: {usage(ctx.command, ctx)}" if ctx else see
    is_a_file = re.match(r"dir(?:ectory)? '(.+)' is a file", error.message or "", re.I)
    if kind == "BadParameter" and is_a_file:
        return f"'{is_a_file.group(1)}' is a file, not a directory", see
    if kind == "BadParameter" and re.match(r"(file|directory|path) '.*'", error.message, re.I):
        return _sentence(error.message), see
    if kind == "BadParameter":
        value_of = error.param_hint or (error.param.get_error_hint() if error.param else None)
        names = value_of if isinstance(value_of, str) else " / ".join(value_of or ())
        return f"invalid value for {names}: {_plain_value_error(error.message)}", see
    if kind == "BadOptionUsage" and "requires an argument" in text:
        return f"option '{error.option_name}' needs a value", see
    command = re.match(r"No such command '(.+?)'", text)
    if command is not None and ctx is not None:
        match = did_you_mean(command.group(1), list(getattr(ctx.command, "commands", {})))
        return (
            f"unknown command '{command.group(1)}'",
            f"did you mean '{match}'?" if match else f"'{path} --help' lists the commands",
        )
    extra = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)", text)
    if extra is not None:
        shown = "', '".join(extra.group(1).split())
        return f"unexpected argument '{shown}'", (
            f"usage: {usage(ctx.command, ctx)}" if ctx is not None else see
        )
    return _sentence(text), see


def _options(ctx: Any) -> list[str]:
    if ctx is None:
        return []
    return [opt for param in ctx.command.get_params(ctx) for opt in getattr(param, "opts", ())]


def _plain_value_error(message: str) -> str:
    """Pydantic's wording of a bad number, in dehub's."""
    if message.startswith("Input should be a valid integer"):
        return "expected a whole number"
    if message.startswith("Input should be a valid number"):
        return "expected a number"
    return _sentence(message)


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
