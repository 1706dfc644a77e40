"""The installed entry point: exit codes, streams and pipes, as a shell sees them."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO, RegistryFactory, dehub, hub, member, org, run


def test_exit_codes_and_streams_reach_the_shell(make_registry: RegistryFactory) -> None:
    good = make_registry(
        hubs=[hub("berlin")], orgs=[org("op", memberships=[member("berlin", role="operator")])]
    )
    valid = dehub("validate", "--data", str(good), cwd=good.parent)
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "", "OK: 3 files valid\n")
    (good / "orgs" / "bad.yaml").write_text("name: First\nname: Second\n")
    broken = dehub("validate", "--data", str(good), cwd=good.parent)
    assert broken.returncode == 1
    assert broken.stdout == (
        "data/orgs/bad.yaml:1:1: error: missing required key 'kind'; add 'kind:' to this record "
        "[DH202]\n"
        "data/orgs/bad.yaml:1:1: error: sources: every record needs at least one source; add "
        "'- url: https://...' with 'title:' and 'date:' of the page the facts come from [DH203]\n"
        "data/orgs/bad.yaml:2:1: error: duplicate key 'name'; each key may appear once per "
        "mapping; remove or merge the repeated one [DH104]\n"
    )
    assert broken.stderr == "FAILED: 3 errors, 0 warnings in 4 files\n"
    usage = dehub("list", "--sector", "nonsense", "--data", str(good), cwd=good.parent)
    assert usage.returncode == 2
    assert usage.stdout == ""
    assert usage.stderr == (
        "warning: 1 file with errors left out of this answer; run 'dehub validate'\n"
        "error: unknown sector 'nonsense'\n"
        "hint: known sectors: fintech, insurtech, iot, logistics\n"
    )


def test_closed_pipe_is_not_an_error() -> None:
    command = f"{sys.executable} -m dehub_cli list orgs --all --format csv | head -n 1"
    completed = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"], cwd=REPO, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "id,name,kind,city,hubs,sectors,since\n"
    assert completed.stderr == ""


def test_the_script_builds_only_the_command_it_runs_and_answers_as_the_whole_app() -> None:
    for arguments in (
        ["list", "--help"],
        ["add", "org", "--help"],
        ["cache", "info", "--help"],
        ["list", "hubs", "--nope"],
        ["lst"],
        ["--version"],
    ):
        script, whole = dehub(*arguments), run(*arguments)
        named = "python -m dehub_cli"  # how the script is run here; "dehub" when installed
        assert (
            script.returncode,
            script.stdout.replace(named, "dehub"),
            script.stderr.replace(named, "dehub"),
        ) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        ), arguments


def test_only_the_command_named_first_is_kept() -> None:
    code = (
        "import sys; from dehub_cli.cli import app, only_command; only_command(sys.argv[1:2]); "
        "print([c.name for c in app.registered_commands], [g.name for g in app.registered_groups])"
    )
    kept = {
        first: subprocess.run(
            [sys.executable, "-c", code, first], capture_output=True, text=True, check=True
        ).stdout
        for first in ("list", "cache", "--help", "lst")
    }
    assert kept["list"] == "['list'] []\n"
    assert kept["cache"] == "[] ['cache']\n"
    assert kept["--help"] == kept["lst"]
    assert kept["lst"].startswith("['validate', 'list', 'show', 'search', 'links', 'report',")
