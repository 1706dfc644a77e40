"""What each diagnostic code checks, why, how to fix it, and YAML that fails and passes.

The texts behind ``dehub codes CODE`` and docs/CODES.md. Each example is a set of files
put into :data:`EXAMPLE_REGISTRY` (a hub ``berlin`` run by ``berlin-partners``, two
sectors); a test validates every example there and checks that the bad one reports its
code and the good one does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from dehub_cli.codes import Code


@dataclass(frozen=True, slots=True)
class ExampleFile:
    """One file of an example, by its path inside the registry."""

    path: str
    text: str | None
    """The file's text; ``None`` when the example is that the file does not exist."""
    encoding: str = "utf-8"
    """How the text is saved (an example of a non-UTF-8 file says so)."""


@dataclass(frozen=True, slots=True)
class CodeDoc:
    """The explanation of one code."""

    checks: str
    """What it checks."""
    why: str
    """Why that matters."""
    fix: str
    """How to fix it."""
    bad: tuple[ExampleFile, ...] = ()
    """Files that trigger the code (empty when no file shows it, e.g. an unreadable one)."""
    good: tuple[ExampleFile, ...] = ()
    """The same files fixed."""


SOURCE = "sources:\n  - url: https://example.org/news/{slug}\n"
_BERLIN = (
    "name: IoT & FinTech Hub Berlin\n"
    "cities:\n  - Berlin\n"
    "sectors:\n  - fintech\n"
    "announced: 2016-11-17\n"
)

EXAMPLE_REGISTRY: tuple[ExampleFile, ...] = (
    ExampleFile(
        "sectors.yaml",
        "sectors:\n"
        "  - id: fintech\n    name: FinTech\n    name_de: FinTech\n"
        "  - id: logistics\n    name: Logistics\n    name_de: Logistik\n",
    ),
    ExampleFile("hubs/berlin.yaml", _BERLIN + SOURCE.format(slug="berlin")),
    ExampleFile(
        "orgs/berlin-partners.yaml",
        "name: Berlin Partner für Wirtschaft und Technologie GmbH\n"
        "kind: public\n"
        "memberships:\n  - hub: berlin\n    role: operator\n    since: 2016-11-17\n"
        + SOURCE.format(slug="berlin-partners"),
    ),
)
"""The registry every example is written into."""


def _org(body: str, slug: str = "acme") -> str:
    """An organisation record: ``body`` then its sources."""
    return body + SOURCE.format(slug=slug)


_ACME = "name: Acme GmbH\nkind: startup\n"
_ACME_MEMBER = "memberships:\n  - hub: berlin\n    since: 2018-05\n"
_HAMBURG = (
    "name: Digital Hub Logistics Hamburg\n"
    "cities:\n  - Hamburg\n"
    "sectors:\n  - logistics\n"
    "announced: 2016-11-17\n"
)
_HAMBURG_OPERATOR = ExampleFile(
    "orgs/logistik-initiative.yaml",
    _org(
        "name: Logistik-Initiative Hamburg e.V.\n"
        "kind: association\n"
        "memberships:\n  - hub: hamburg\n    role: operator\n    since: 2017-03\n",
        "logistik-initiative",
    ),
)


def _acme(body: str) -> ExampleFile:
    return ExampleFile("orgs/acme.yaml", _org(body))


_GOOD_ACME = _acme(_ACME + _ACME_MEMBER)

CODE_DOCS: dict[Code, CodeDoc] = {
    Code.UNREADABLE: CodeDoc(
        checks="Every registry file can be opened and read.",
        why="A file dehub cannot read is a record missing from every answer, and nobody "
        "would notice.",
        fix="Check the file's permissions (it must be readable by whoever runs dehub) and "
        "that it is a regular file, not a broken link. No YAML shows this problem, so "
        "there is no example.",
    ),
    Code.NOT_UTF8: CodeDoc(
        checks="Every file is UTF-8 (a byte order mark is fine).",
        why="Names hold umlauts. A file saved as Windows-1252 or Latin-1 would turn 'Köln' "
        "into garbage, or into a different name, depending on who reads it.",
        fix="Save the file as UTF-8 (in most editors: 'Save with encoding', 'UTF-8'). "
        "The bad example is the same text saved as Windows-1252.",
        bad=(
            ExampleFile("orgs/acme.yaml", _org("name: Acme Köln GmbH\nkind: startup\n"), "cp1252"),
        ),
        good=(_acme("name: Acme Köln GmbH\nkind: startup\n"),),
    ),
    Code.TOO_LARGE: CodeDoc(
        checks="No file is larger than 1,000,000 bytes.",
        why="A record is a few dozen lines. A file of megabytes is a mistake (a pasted "
        "export, a binary) and would slow down every command.",
        fix="Split the content into one file per record, or remove what does not belong. "
        "An example would be a megabyte long, so there is none.",
    ),
    Code.YAML_SYNTAX: CodeDoc(
        checks="Every file is well-formed YAML.",
        why="A file that does not parse has no record at all: it is left out of every answer.",
        fix="Read the message for the line and column. The usual causes: a ': ' inside a "
        "value (quote the value), an unclosed quote or bracket, indentation that does "
        "not line up.",
        bad=(_acme("name: Acme: Maschinen für alle\nkind: startup\n"),),
        good=(_acme('name: "Acme: Maschinen für alle"\nkind: startup\n'),),
    ),
    Code.DUPLICATE_KEY: CodeDoc(
        checks="No key appears twice in the same mapping.",
        why="Plain YAML keeps the last value silently, so the first one is lost without a "
        "word, often after a merge or a copy and paste.",
        fix="Keep one of the keys, with the value the sources support.",
        bad=(_acme("name: Acme GmbH\nkind: startup\nkind: sme\n"),),
        good=(_acme("name: Acme GmbH\nkind: sme\n"),),
    ),
    Code.ALIAS: CodeDoc(
        checks="No anchors (&name), aliases (*name) or merge keys (<<).",
        why="Aliases make a file mean something that is not written where it is read, and "
        "a few nested aliases can expand into gigabytes (an 'alias bomb').",
        fix="Write the value out in full at each place.",
        bad=(_acme("name: &name Acme GmbH\nkind: startup\ndescription: *name\n"),),
        good=(_acme("name: Acme GmbH\nkind: startup\ndescription: Acme GmbH\n"),),
    ),
    Code.TAG: CodeDoc(
        checks="No tags other than YAML's standard ones (!!str, !!int, ...).",
        why="Tags such as !!python/object make some YAML readers construct objects or run "
        "code; a registry holds data only.",
        fix="Remove the tag and write the value as plain text, a number or a list.",
        bad=(_acme("name: Acme GmbH\nkind: startup\ndescription: !include about.md\n"),),
        good=(_acme("name: Acme GmbH\nkind: startup\ndescription: Robots for warehouses.\n"),),
    ),
    Code.SEVERAL_DOCUMENTS: CodeDoc(
        checks="One YAML document per file.",
        why="A file is one record, named by its file name. A second document after '---' "
        "would be a record without a file of its own.",
        fix="Move the second document into a file of its own (its id as the file name).",
        bad=(_acme(_org(_ACME) + "---\n" + "name: Beta AG\nkind: sme\n"),),
        good=(
            _acme(_ACME),
            ExampleFile("orgs/beta.yaml", _org("name: Beta AG\nkind: sme\n", "beta")),
        ),
    ),
    Code.EMPTY: CodeDoc(
        checks="No file is empty (or holds only comments).",
        why="An empty file is a record with no name, no kind and no source.",
        fix="Write the record, or delete the file.",
        bad=(ExampleFile("orgs/acme.yaml", "# Acme: to do\n"),),
        good=(_acme(_ACME),),
    ),
    Code.NOT_A_MAPPING: CodeDoc(
        checks="The top level of every file is a mapping of 'key: value' lines.",
        why="Each file is one record; a list or a single value at the top is not a record.",
        fix="Write one record per file as 'key: value' lines, without a leading '- '.",
        bad=(ExampleFile("orgs/acme.yaml", "- name: Acme GmbH\n  kind: startup\n"),),
        good=(_acme(_ACME),),
    ),
    Code.TAB_INDENT: CodeDoc(
        checks="No tab characters in indentation.",
        why="YAML forbids tabs for indentation, and editors show them at different widths, "
        "so the structure a reader sees is not the one a parser reads.",
        fix="Indent with spaces (two per level). In the example, the tab is shown as '\\t'.",
        bad=(_acme(_ACME + "memberships:\n\t- hub: berlin\n\t  since: 2018-05\n"),),
        good=(_GOOD_ACME,),
    ),
    Code.AMBIGUOUS_BOOLEAN: CodeDoc(
        checks="No unquoted yes, no, on, off, y or n as a value.",
        why="YAML 1.1 readers turn them into true/false: an organisation called 'On' or a "
        "sector alias 'no' would silently become a boolean.",
        fix="Quote the text ('On'), or write true/false if a boolean is meant.",
        bad=(_acme("name: On\nkind: corporate\n"),),
        good=(_acme('name: "On"\nkind: corporate\n'),),
    ),
    Code.COMPLEX_KEY: CodeDoc(
        checks="Every key of a mapping is plain text.",
        why="A list or a mapping used as a key ('[a, b]: x') has no place in a record and "
        "cannot be written back as JSON.",
        fix="Use a plain key and put the list or mapping in the value.",
        bad=(_acme(_ACME + "[fintech, logistics]: true\n"),),
        good=(_acme(_ACME + "sectors:\n  - fintech\n  - logistics\n"),),
    ),
    Code.TOO_DEEP: CodeDoc(
        checks="Lists and mappings nest at most 64 levels deep.",
        why="No record needs more than a few levels; deeper nesting is a mistake or an "
        "attempt to exhaust the reader's memory.",
        fix="Flatten the value; a record's deepest values (a membership's source) are four "
        "levels down.",
        bad=(_acme(_ACME + "description: " + "[" * 65 + "]" * 65 + "\n"),),
        good=(_acme(_ACME + "description: Robots for warehouses.\n"),),
    ),
    Code.NOT_NFC: CodeDoc(
        checks="Text is in composed Unicode (NFC): 'ö' is one character, not 'o' followed by "
        "a combining mark (warning).",
        why="Both forms look the same, but they compare differently: 'Köln' written "
        "decomposed (as macOS file names and some copied text are) would not match 'Köln' "
        "in searches, ids and duplicate checks. The file is read as NFC, hence a warning.",
        fix="Run 'dehub fmt', which rewrites the file in composed form. In the bad example "
        "the 'ö' is decomposed; it looks the same.",
        bad=(_acme("name: Acme Ko\u0308ln GmbH\nkind: startup\n"),),
        good=(_acme("name: Acme Köln GmbH\nkind: startup\n"),),
    ),
    Code.UNKNOWN_KEY: CodeDoc(
        checks="Every key is one the format defines (docs/FORMAT.md).",
        why="A misspelt key ('sectros') would be ignored, and the record would silently "
        "lack what it was meant to say.",
        fix="Correct the spelling (the hint suggests the closest key), or remove the key.",
        bad=(_acme(_ACME + "sectros:\n  - fintech\n"),),
        good=(_acme(_ACME + "sectors:\n  - fintech\n"),),
    ),
    Code.MISSING_KEY: CodeDoc(
        checks="Every required key is there: for a hub name, cities, sectors, announced and "
        "sources; for an organisation name, kind and sources; hub in a membership.",
        why="Without them a record cannot be counted, listed or traced to a source.",
        fix="Add the key the message names, with a value from a source.",
        bad=(_acme("name: Acme GmbH\n"),),
        good=(_acme(_ACME),),
    ),
    Code.WRONG_TYPE: CodeDoc(
        checks="Every value has the right form: a list where a list is expected, text, a "
        "whole number, a web address starting with http(s)://, at least one source.",
        why="A value of the wrong form cannot be read as meant: 'sectors: fintech' is one "
        "text, not a list of sectors.",
        fix="Write the value in the form the hint names; for a list, one '- item' per line.",
        bad=(_acme(_ACME + "sectors: fintech\n"),),
        good=(_acme(_ACME + "sectors:\n  - fintech\n"),),
    ),
    Code.INVALID_ID: CodeDoc(
        checks="Ids (file names, 'id', twins, the hub of a membership) are lowercase ASCII "
        "letters, digits and single hyphens.",
        why="Ids are file names, URLs and keys in other tools; 'Köln' or 'Berlin' would "
        "work on one system and break on another.",
        fix="Write the id, not the name: umlauts transliterated (ö -> oe), lowercase, "
        "hyphens for spaces. 'dehub search' finds the id of a hub or organisation.",
        bad=(_acme(_ACME + "memberships:\n  - hub: Berlin\n    since: 2018-05\n"),),
        good=(_GOOD_ACME,),
    ),
    Code.INVALID_DATE: CodeDoc(
        checks="Dates are ISO: 2017-04-21, or 2017-04 / 2017 when only the month or year is "
        "known, and the day exists.",
        why="'01.03.2019' reads as March in Germany and January elsewhere; only ISO order "
        "sorts and compares the same everywhere.",
        fix="Rewrite the date as YYYY-MM-DD, YYYY-MM or YYYY.",
        bad=(_acme(_ACME + "memberships:\n  - hub: berlin\n    since: 01.05.2018\n"),),
        good=(_acme(_ACME + "memberships:\n  - hub: berlin\n    since: 2018-05-01\n"),),
    ),
    Code.NOT_A_CHOICE: CodeDoc(
        checks="Values with a fixed set of choices use one of them: an organisation's kind "
        "and a membership's role.",
        why="The report counts organisations by kind; a kind it does not know would be "
        "counted nowhere.",
        fix="Use one of the choices the message lists (the hint suggests the closest).",
        bad=(_acme("name: Acme GmbH\nkind: startp\n"),),
        good=(_acme(_ACME),),
    ),
    Code.ID_MISMATCH: CodeDoc(
        checks="An 'id:' in a record equals its file name (without .yaml).",
        why="The file name is the id other records refer to; a different 'id:' inside "
        "would make two ids for one record.",
        fix="Make them the same: change 'id:', rename the file, or drop 'id:' (it is optional).",
        bad=(_acme("id: acme-gmbh\n" + _ACME),),
        good=(_acme("id: acme\n" + _ACME),),
    ),
    Code.NO_VOCABULARY: CodeDoc(
        checks="The registry has a sectors.yaml, the vocabulary of sectors.",
        why="Without it no sector named by a hub or an organisation can be checked.",
        fix="Create sectors.yaml beside hubs/ and orgs/ with a 'sectors:' list of "
        "{id, name, name_de, aliases}.",
        bad=(ExampleFile("sectors.yaml", None),),
        good=(EXAMPLE_REGISTRY[0],),
    ),
    Code.CONTROL_CHARACTER: CodeDoc(
        checks="Names, cities, titles and other one-line values hold no control character "
        "(line break, tab, ESC, bidi override); descriptions and texts may hold line breaks "
        "and tabs, nothing else.",
        why="A line break in a name could forge a line of the validation report or a GitHub "
        "annotation; an ESC sequence could clear a terminal or hide a link; a bidi override "
        "shows text in another order than it is stored.",
        fix="Write the value on one line: in YAML a quoted \"\\n\" or a '|' block is a line "
        "break; drop it, or move longer text to 'description'.",
        bad=(_acme('name: "Acme\\nGmbH"\nkind: startup\n'),),
        good=(_acme('name: "Acme GmbH"\nkind: startup\n'),),
    ),
    Code.DUPLICATE_ID: CodeDoc(
        checks="Ids are unique across hubs, organisations and sectors.",
        why="Other records refer to a hub or organisation by its id; an id used twice "
        "would point to two records at once.",
        fix="Choose another id for one of them and rename its file (and what refers to it).",
        bad=(ExampleFile("orgs/berlin.yaml", _org("name: Berlin Robotics GmbH\nkind: startup\n")),),
        good=(
            ExampleFile(
                "orgs/berlin-robotics.yaml", _org("name: Berlin Robotics GmbH\nkind: startup\n")
            ),
        ),
    ),
    Code.UNKNOWN_HUB: CodeDoc(
        checks="Every membership names a hub that exists (a file in hubs/).",
        why="A membership in a hub that does not exist is counted in no hub.",
        fix="Write the id of an existing hub (the hint suggests the closest), or add the hub.",
        bad=(_acme(_ACME + "memberships:\n  - hub: berln\n    since: 2018-05\n"),),
        good=(_GOOD_ACME,),
    ),
    Code.UNKNOWN_SECTOR: CodeDoc(
        checks="Every sector a hub or an organisation names is in sectors.yaml.",
        why="Sector figures and 'list --sector' only know the sectors of the vocabulary.",
        fix="Write the sector's id (not its name; the hint suggests one), or add the sector "
        "to sectors.yaml.",
        bad=(_acme(_ACME + "sectors:\n  - fintec\n"),),
        good=(_acme(_ACME + "sectors:\n  - fintech\n"),),
    ),
    Code.UNKNOWN_TWIN: CodeDoc(
        checks="Every twin a hub names is a hub that exists.",
        why="Twin hubs are shown and linked both ways; a twin that does not exist is a "
        "broken link.",
        fix="Write the id of the twin hub, or add its file to hubs/.",
        bad=(
            ExampleFile(
                "hubs/berlin.yaml", _BERLIN + "twins:\n  - hamburg\n" + SOURCE.format(slug="berlin")
            ),
        ),
        good=(EXAMPLE_REGISTRY[1],),
    ),
    Code.TWIN_NOT_MUTUAL: CodeDoc(
        checks="Twins name each other: if hub A lists B as twin, B lists A.",
        why="Twinning is mutual; a one-sided entry is a half-made edit.",
        fix="Add the hub to the other hub's twins, or remove it on this side.",
        bad=(
            ExampleFile(
                "hubs/hamburg.yaml",
                _HAMBURG + "twins:\n  - berlin\n" + SOURCE.format(slug="hamburg"),
            ),
            _HAMBURG_OPERATOR,
        ),
        good=(
            ExampleFile(
                "hubs/hamburg.yaml",
                _HAMBURG + "twins:\n  - berlin\n" + SOURCE.format(slug="hamburg"),
            ),
            ExampleFile(
                "hubs/berlin.yaml", _BERLIN + "twins:\n  - hamburg\n" + SOURCE.format(slug="berlin")
            ),
            _HAMBURG_OPERATOR,
        ),
    ),
    Code.END_BEFORE_START: CodeDoc(
        checks="A membership's until is not before its since.",
        why="A membership that ends before it begins is counted on no day; the dates are "
        "swapped or mistyped.",
        fix="Check both dates against the sources; until is the last day of the membership.",
        bad=(
            _acme(
                _ACME + "memberships:\n  - hub: berlin\n    since: 2019-03\n    until: 2018-12\n"
            ),
        ),
        good=(
            _acme(
                _ACME + "memberships:\n  - hub: berlin\n    since: 2018-03\n    until: 2019-12\n"
            ),
        ),
    ),
    Code.BEFORE_ANNOUNCEMENT: CodeDoc(
        checks="No membership starts before its hub was announced.",
        why="A hub has no members before it exists; such a date is usually the "
        "organisation's founding date or a typo.",
        fix="Check the date against the sources. If the membership really began with the "
        "hub, write the hub's announcement date.",
        bad=(_acme(_ACME + "memberships:\n  - hub: berlin\n    since: 2015\n"),),
        good=(_acme(_ACME + "memberships:\n  - hub: berlin\n    since: 2017\n"),),
    ),
    Code.SAME_NAME: CodeDoc(
        checks="No two organisations have the same name once case, umlauts, punctuation and "
        "legal forms are set aside (reported on both files).",
        why="'Acme GmbH' and 'ACME AG' are most likely one organisation recorded twice, "
        "which the report would count twice.",
        fix="Merge the two records into one (keep both sets of memberships and sources), or "
        "make the names tell them apart if they really are different organisations.",
        bad=(
            _acme(_ACME),
            ExampleFile("orgs/acme-ag.yaml", _org("name: ACME AG\nkind: sme\n", "acme-ag")),
        ),
        good=(
            _acme(_ACME),
            ExampleFile(
                "orgs/acme-robotics.yaml",
                _org("name: Acme Robotics AG\nkind: sme\n", "acme-robotics"),
            ),
        ),
    ),
    Code.NO_OPERATOR: CodeDoc(
        checks="Every hub has an operator: an organisation with a membership of role "
        "'operator' in it that has not ended.",
        why="Each de:hub is run by an organisation, and people ask who runs it. A hub "
        "whose sources name no operator should say so where it stands.",
        fix="Add a membership with 'role: operator' to the organisation that runs the hub, "
        "from a source. If no source names one, keep the warning, or silence it with "
        "'# dehub: ignore[DH309]' on the hub's name line and say why.",
        bad=(ExampleFile("hubs/hamburg.yaml", _HAMBURG + SOURCE.format(slug="hamburg")),),
        good=(
            ExampleFile("hubs/hamburg.yaml", _HAMBURG + SOURCE.format(slug="hamburg")),
            _HAMBURG_OPERATOR,
        ),
    ),
    Code.OWN_TWIN: CodeDoc(
        checks="No hub lists itself as its twin.",
        why="A twin is another hub; naming itself is a copy-and-paste slip.",
        fix="Write the other hub's id, or remove the entry.",
        bad=(
            ExampleFile(
                "hubs/berlin.yaml", _BERLIN + "twins:\n  - berlin\n" + SOURCE.format(slug="berlin")
            ),
        ),
        good=(EXAMPLE_REGISTRY[1],),
    ),
    Code.OVERLAPPING: CodeDoc(
        checks="An organisation's memberships in the same hub with the same role do not "
        "overlap in time.",
        why="Two overlapping entries mean the same membership twice, or a gap or end date "
        "that was not written down.",
        fix="Merge the two entries into one, or end the first before the second begins.",
        bad=(
            _acme(
                _ACME + "memberships:\n"
                "  - hub: berlin\n    since: 2017\n"
                "  - hub: berlin\n    since: 2019-05\n"
            ),
        ),
        good=(
            _acme(
                _ACME + "memberships:\n"
                "  - hub: berlin\n    since: 2017\n    until: 2018-06\n"
                "  - hub: berlin\n    since: 2019-05\n"
            ),
        ),
    ),
    Code.SECTOR_LABEL_TWICE: CodeDoc(
        checks="No id, name or alias in sectors.yaml stands for two sectors.",
        why="'--sector KI' must name one sector; a label shared by two would pick one "
        "of them at random.",
        fix="Remove the label from one of the sectors, or merge the two sectors.",
        bad=(
            ExampleFile(
                "sectors.yaml",
                "sectors:\n"
                "  - id: fintech\n    name: FinTech\n    name_de: FinTech\n"
                "    aliases:\n      - Finance\n"
                "  - id: logistics\n    name: Logistics\n    name_de: Logistik\n"
                "    aliases:\n      - Finance\n",
            ),
        ),
        good=(
            ExampleFile(
                "sectors.yaml",
                "sectors:\n"
                "  - id: fintech\n    name: FinTech\n    name_de: FinTech\n"
                "    aliases:\n      - Finance\n"
                "  - id: logistics\n    name: Logistics\n    name_de: Logistik\n",
            ),
        ),
    ),
    Code.UNSOURCED: CodeDoc(
        checks="Every membership has a source: its own 'sources', or the record's (warning).",
        why="The registry holds sourced facts only; a membership nobody can trace to a page "
        "cannot be checked, and may have been guessed.",
        fix="Add 'sources:' to the membership (the page that names it), or to the record if "
        "one page stands for all its facts.",
        bad=(
            ExampleFile(
                "orgs/acme.yaml",
                _ACME + "memberships:\n"
                "  - hub: berlin\n    since: 2018-05\n"
                "    sources:\n      - url: https://example.org/news/berlin-members-2018\n"
                "  - hub: berlin\n    role: mentor\n    since: 2019\n",
            ),
        ),
        good=(
            ExampleFile(
                "orgs/acme.yaml",
                _ACME + "memberships:\n"
                "  - hub: berlin\n    since: 2018-05\n"
                "    sources:\n      - url: https://example.org/news/berlin-members-2018\n"
                "  - hub: berlin\n    role: mentor\n    since: 2019\n"
                "    sources:\n      - url: https://example.org/news/berlin-mentors\n",
            ),
        ),
    ),
    Code.UNUSED_SUPPRESSION: CodeDoc(
        checks="Every '# dehub: ignore[CODE]' comment silences a finding of that code.",
        why="A suppression that silences nothing is left over from a problem that was "
        "fixed (here: Berlin has an operator); left in place, it would hide the problem "
        "when it comes back.",
        fix="Remove the code from the comment, or the whole comment.",
        bad=(
            ExampleFile(
                "hubs/berlin.yaml",
                _BERLIN.replace("Berlin\n", "Berlin  # dehub: ignore[DH309] none known\n", 1)
                + SOURCE.format(slug="berlin"),
            ),
        ),
        good=(EXAMPLE_REGISTRY[1],),
    ),
    Code.INVALID_SUPPRESSION: CodeDoc(
        checks="Every '# dehub:' directive can work: it is 'ignore[...]' or "
        "'ignore-file[...]', names at least one code, only codes that exist, and only "
        "codes a comment may silence.",
        why="A misspelt code (DH3O9 with the letter O) silences nothing. Codes whose "
        "record is left out of every answer (file and record errors, duplicate ids) "
        "cannot be silenced, since the record would then be missing without a word.",
        fix="Correct the code (the hint suggests the closest), or fix the finding itself.",
        bad=(
            ExampleFile(
                "hubs/hamburg.yaml",
                _HAMBURG.replace(
                    "Hamburg\n", "Hamburg  # dehub: ignore[DH3O9] no source names one\n", 1
                )
                + SOURCE.format(slug="hamburg"),
            ),
        ),
        good=(
            ExampleFile(
                "hubs/hamburg.yaml",
                _HAMBURG.replace(
                    "Hamburg\n", "Hamburg  # dehub: ignore[DH309] no source names one\n", 1
                )
                + SOURCE.format(slug="hamburg"),
            ),
        ),
    ),
}
