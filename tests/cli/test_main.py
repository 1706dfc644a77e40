"""The installed entry point: exit codes and pipes, as a shell sees them."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO, RegistryFactory, dehub, hub, member, org


def test_exit_codes_reach_the_shell(make_registry: RegistryFactory) -> None:
    good = make_registry(
        hubs=[hub("berlin")], orgs=[org("op", memberships=[member("berlin", role="operator")])]
    )
    assert dehub("validate", "--data", str(good)).returncode == 0
    (good / "orgs" / "bad.yaml").write_text("name: x\nname: y\n")
    broken = dehub("validate", "--data", str(good))
    assert broken.returncode == 1
    assert "DH104" in broken.stdout
    usage = dehub("list", "--sector", "nonsense", "--data", str(good))
    assert usage.returncode == 2
    assert "unknown sector" in usage.stderr
    assert "Traceback" not in usage.stderr


def test_closed_pipe_is_not_an_error() -> None:
    command = f"{sys.executable} -m dehub_cli list orgs --all --format csv | head -n 1"
    completed = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"], cwd=REPO, capture_output=True, text=True
    )
    assert completed.stdout.startswith("id,")
    assert "Traceback" not in completed.stderr
