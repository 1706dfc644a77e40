"""``dehub site build``: the registry as a static website in German and English."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dehub_cli.cli import common
from dehub_cli.cli.common import DataOption, NoCacheOption, fail, handles_errors

if TYPE_CHECKING:
    from dehub_cli.site.i18n import Language

app = typer.Typer(
    help="The website: a static site of the registry in German and English.",
    no_args_is_help=True,
)


def _languages(values: list[str] | None) -> tuple[Language, ...]:
    """``--lang en --lang de`` or ``--lang en,de``, in the order given, each once."""
    from dehub_cli.site.i18n import LANGUAGES
    from dehub_cli.textnorm import choose

    if not values:
        return LANGUAGES
    chosen: list[Language] = []
    for value in values:
        for part in value.split(","):
            name = choose(part.strip(), LANGUAGES, "language")
            lang = LANGUAGES[LANGUAGES.index(name)]
            if lang not in chosen:
                chosen.append(lang)
    return tuple(chosen)


@app.command("build")
@handles_errors
def build(
    out: Annotated[
        Path,
        typer.Argument(
            help="Directory to write the site to; replaced only if it is an earlier dehub site.",
            show_default=True,
        ),
    ] = Path("_site"),
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang",
            help="Languages to build: en, de, or both (default; repeat or separate by commas). "
            "The first is where the root page sends a reader whose browser asks for neither.",
            show_default=False,
            metavar="[en|de]",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Day the site shows (default today): 2018-12-31, or 2018-12 / 2018 for the "
            "last day of that month / year.",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where the site will be published (https://example.org/dehub/): absolute "
            "links in the feed, the badges, the embed snippets and canonical links.",
            show_default=False,
            metavar="URL",
        ),
    ] = None,
    license_text: Annotated[
        str | None,
        typer.Option(
            "--license",
            help="The data's licence, shown in the footer and in api/index.json.",
            show_default=False,
            metavar="TEXT",
        ),
    ] = None,
    source_url: Annotated[
        str | None,
        typer.Option(
            "--source-url",
            help="Where the registry is published (its repository), linked in the footer.",
            show_default=False,
            metavar="URL",
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Build the website: a map of the hubs, a page per hub, organisation and sector, statistics.

    Static files only (no server, nothing loaded from the network): open OUT/index.html
    or publish OUT on any static host. Also writes the JSON API (api/), an Atom feed of
    membership changes (feed.xml) and a badge per hub (badges/). See docs/SITE.md.
    """
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.query.resolve import resolve_day
    from dehub_cli.site.build import SiteOptions, build_site
    from dehub_cli.site.output import SiteError, check_replaceable

    languages = _languages(lang)
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        fail(
            f"--base-url must be an http(s) address, not '{base_url}'",
            hint="e.g. --base-url https://example.org/dehub/",
        )
    day = resolve_day(as_of, end=True) if as_of is not None else common.today()
    check_replaceable(out)
    dataset = common.published_dataset(
        data,
        no_cache=no_cache,
        day=day,
        license_text=license_text,
        source_url=source_url,
        refused="no site built",
        publisher="the site",
    )
    options = SiteOptions(languages=languages, base_url=base_url)
    with gc_paused():  # many small objects, no cycles
        try:
            result = build_site(dataset, out, options)
        except OSError as error:
            raise SiteError(f"cannot write {out}: {error.strerror or error}") from error
    sys.stderr.write(
        f"wrote {out}: {result.pages:,} pages in {', '.join(result.languages)} "
        f"({result.files:,} files, {result.bytes / 1_048_576:.1f} MB; home page "
        f"{result.home_bytes / 1024:.0f} KB) as of {result.as_of} in {result.seconds:.1f} s\n"
    )
