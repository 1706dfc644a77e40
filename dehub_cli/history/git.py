"""The git plumbing behind ``dehub diff`` and ``dehub log``: one subprocess per kind of call.

Reads only: revisions are resolved with ``rev-parse``, changed files listed with
``diff-tree``/``diff-index``/``log --raw``, file contents read from the object store by
one ``cat-file --batch`` process. Nothing is checked out; the index and the working tree
are never written.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from dehub_cli.errors import DehubError

NULL_OID = re.compile(r"0+\Z")
_HEX = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?\Z")
_CONFIG = (
    # Settings that would change what the plumbing prints; everything else is the user's.
    "log.showSignature=false",
    "log.follow=false",
    "diff.relative=false",
    "core.quotePath=false",
)
_LOG_FIELDS = 7
_LOG_FORMAT = "%H%x00%P%x00%aN%x00%aE%x00%aI%x00%cI%x00%B"
_FETCH_HINT = (
    "this clone is shallow: fetch the history it needs with 'git fetch --deepen=N' "
    "(N more commits) or all of it with 'git fetch --unshallow'; in GitHub Actions set "
    "'fetch-depth: 0' on actions/checkout"
)


class HistoryError(DehubError):
    """The registry's history cannot be read as asked; ``hint`` says what to do."""


class NotARepositoryError(HistoryError):
    """The registry is not inside a git repository (or git is not installed)."""


class UnknownRevisionError(HistoryError):
    """A revision that names no commit."""


class ShallowHistoryError(HistoryError):
    """A commit or merge base that a shallow clone does not have."""


@dataclass(frozen=True, slots=True)
class RawChange:
    """One changed file, as ``git diff --raw -M`` reports it (paths from the repository root)."""

    status: str
    """``A`` added, ``D`` deleted, ``M`` modified, ``R`` renamed, ``T`` type changed, ``U``."""
    old_path: str | None
    new_path: str | None
    old_oid: str | None
    """Blob id on the old side; ``None`` when added or unknown."""
    new_oid: str | None
    """Blob id on the new side; ``None`` when deleted or only in the working tree."""
    old_mode: str = "100644"
    new_mode: str = "100644"
    score: int | None = None
    """How similar git found the two sides of a rename, in percent."""

    @property
    def renamed(self) -> bool:
        return self.status == "R"


@dataclass(frozen=True, slots=True)
class LogCommit:
    """One commit of ``git log --raw`` with the registry files it changed."""

    commit: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: str
    """ISO 8601 with offset (``%aI``)."""
    committed: str
    """ISO 8601 with offset (``%cI``)."""
    message: str
    changes: tuple[RawChange, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Repository:
    """A git repository, found from a directory inside it."""

    toplevel: Path
    shallow: bool

    @classmethod
    def discover(cls, directory: Path) -> Repository:
        """The repository holding ``directory``; :class:`NotARepositoryError` when there is none."""
        completed = _run_git(
            ["git", "-C", str(directory), "rev-parse", "--show-toplevel", "--is-shallow-repository"]
        )
        if completed.returncode != 0:
            detail = _first_line(completed.stderr)
            if "not a git repository" in detail:
                raise NotARepositoryError(
                    f"{directory} is not inside a git repository",
                    "dehub diff and dehub log read the registry's history from git: run them "
                    "in a clone of the registry (git clone URL), or pass --data DIR of one",
                )
            raise NotARepositoryError(f"git cannot read the repository at {directory}: {detail}")
        toplevel, shallow = completed.stdout.decode("utf-8", "surrogateescape").splitlines()[:2]
        return cls(Path(toplevel), shallow.strip() == "true")

    def prefix_of(self, directory: Path) -> str:
        """``directory`` relative to the repository root, as a git path (``data``; ``""`` = root)."""
        try:
            relative = directory.resolve().relative_to(self.toplevel.resolve())
        except ValueError:
            raise HistoryError(
                f"the registry {directory} is not inside the git repository {self.toplevel}",
                "pass --data DIR of a registry inside the repository",
            ) from None
        return relative.as_posix() if relative.parts else ""

    # -- revisions -------------------------------------------------------------------

    def commit(self, revision: str) -> str:
        """The commit id ``revision`` names; typed errors for unknown and shallow-missing ones."""
        completed = self._git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
        if completed.returncode == 0:
            return completed.stdout.decode().strip()
        if self.shallow:
            raise ShallowHistoryError(
                f"revision '{revision}' is not in this clone (it is shallow)", _FETCH_HINT
            )
        raise UnknownRevisionError(
            f"unknown revision '{revision}'",
            "name a commit, branch or tag that exists here (git log --oneline; branches of a "
            "remote are origin/NAME: git fetch origin NAME)",
        )

    def merge_base(self, first: str, second: str, labels: tuple[str, str]) -> str:
        """The best common ancestor of two commits (as ``A...B`` means)."""
        completed = self._git("merge-base", first, second)
        if completed.returncode == 0:
            return completed.stdout.decode().split()[0]
        if self.shallow:
            raise ShallowHistoryError(
                f"the merge base of '{labels[0]}' and '{labels[1]}' is not in this clone "
                "(it is shallow)",
                _FETCH_HINT,
            )
        raise HistoryError(
            f"'{labels[0]}' and '{labels[1]}' have no common history",
            f"compare them directly: dehub diff {labels[0]} {labels[1]}",
        )

    def default_branch(self) -> str | None:
        """``origin/HEAD``, else ``main``, else ``master`` (local, then origin's): the first found."""
        wanted = [
            "refs/remotes/origin/HEAD",
            "refs/heads/main",
            "refs/heads/master",
            "refs/remotes/origin/main",
            "refs/remotes/origin/master",
        ]
        completed = self._git("for-each-ref", "--format=%(refname)", *wanted)
        found = set(completed.stdout.decode("utf-8", "surrogateescape").split())
        for ref in wanted:
            if ref in found:
                return ref.removeprefix("refs/heads/").removeprefix("refs/remotes/")
        return None

    def shallow_commits(self) -> frozenset[str]:
        """The commits at the boundary of a shallow clone (their parents are missing)."""
        if not self.shallow:
            return frozenset()
        completed = self._git("rev-parse", "--git-path", "shallow")
        path = Path(completed.stdout.decode("utf-8", "surrogateescape").strip())
        if not path.is_absolute():
            path = self.toplevel / path
        try:
            return frozenset(path.read_text().split())
        except OSError:
            return frozenset()

    def root_commits(self) -> tuple[str, ...]:
        """The commits without parents that ``HEAD`` descends from (sorted)."""
        completed = self._git("rev-list", "--max-parents=0", "HEAD")
        return tuple(sorted(completed.stdout.decode().split()))

    # -- changed files ---------------------------------------------------------------

    def changed_files(self, old: str, new: str | None, prefix: str) -> list[RawChange]:
        """Files under ``prefix`` that differ between commits, or a commit and the working tree.

        Renames are detected (``-M``). Against the working tree, untracked files that are not
        ignored count as added; tracked files whose stat changed are listed and compared by
        content later (the index is never refreshed or written).
        """
        pathspec = ["--", prefix] if prefix else []
        if new is None:
            completed = self._checked("diff-index", "-r", "-z", "-M", "--no-abbrev", old, *pathspec)
        else:
            completed = self._checked(
                "diff-tree", "-r", "-z", "-M", "--no-abbrev", old, new, *pathspec
            )
        changes = list(parse_raw(completed.stdout.split(b"\0")))
        if new is None:
            untracked = self._checked("ls-files", "--others", "--exclude-standard", "-z", *pathspec)
            changes += [
                RawChange("A", None, _decode(path), None, None)
                for path in untracked.stdout.split(b"\0")
                if path
            ]
        return changes

    def log(self, prefix: str, *, first_parent: bool = False) -> list[LogCommit]:
        """Every commit that changed a file under ``prefix``, newest first, with its files.

        Merges are left out (their changes are in the merged commits), unless
        ``first_parent``: then only the first-parent line is walked and each merge shows
        what it brought, as one entry per merged pull request.
        """
        options = (
            ["--first-parent", "--diff-merges=first-parent"] if first_parent else ["--no-merges"]
        )
        pathspec = ["--", prefix] if prefix else []
        completed = self._git(
            "log",
            "-z",
            "--raw",
            "-M",
            "--no-abbrev",
            "--root",
            "--no-color",
            f"--format={_LOG_FORMAT}",
            *options,
            *pathspec,
        )
        if completed.returncode != 0:
            detail = _first_line(completed.stderr)
            if "does not have any commits" in detail or "bad default revision" in detail:
                return []
            raise HistoryError(f"git log failed: {detail}")
        return parse_log(completed.stdout)

    # -- contents --------------------------------------------------------------------

    def blobs(self) -> BlobReader:
        """A reader of objects by id or ``REV:path`` (one ``cat-file --batch`` process)."""
        return BlobReader(self)

    # -- running git -----------------------------------------------------------------

    def command(self, *args: str) -> list[str]:
        config = [part for setting in _CONFIG for part in ("-c", setting)]
        return [
            "git",
            "-C",
            str(self.toplevel),
            "--no-pager",
            "--literal-pathspecs",
            *config,
            *args,
        ]

    def _git(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return _run_git(self.command(*args))

    def _checked(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        completed = self._git(*args)
        if completed.returncode != 0:
            raise HistoryError(f"git {args[0]} failed: {_first_line(completed.stderr)}")
        return completed


class BlobReader:
    """Reads many objects through one ``git cat-file --batch`` process, one at a time.

    Each request is written and its answer read before the next, so neither pipe can
    fill up while the other waits.
    """

    def __init__(self, repository: Repository) -> None:
        self._repository = repository
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def read(self, name: str) -> bytes | None:
        """The content of the object ``name`` (a blob id or ``REV:path``); ``None`` if missing."""
        return self.read_many([name])[name]

    def read_many(self, names: Iterable[str]) -> dict[str, bytes | None]:
        """Many objects at once: a thread writes the requests while this one reads the answers
        (so neither pipe can fill up while the other waits)."""
        wanted = list(dict.fromkeys(name for name in names if name and "\n" not in name))
        found: dict[str, bytes | None] = dict.fromkeys(names)
        if not wanted:
            return found
        stdin, stdout = _pipes(self._start())
        request = b"".join(name.encode("utf-8", "surrogateescape") + b"\n" for name in wanted)
        if len(wanted) == 1:
            stdin.write(request)
            stdin.flush()
        else:
            import threading

            writer = threading.Thread(target=_write_all, args=(stdin, request), daemon=True)
            writer.start()
        for name in wanted:
            found[name] = _answer(stdout)
        if len(wanted) > 1:
            writer.join()
        return found

    def close(self) -> None:
        if self._process is None:
            return
        process, self._process = self._process, None
        if process.stdin is not None:
            process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()
        process.wait()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    self._repository.command("cat-file", "--batch"),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=_environment(),
                )
            except OSError as error:
                raise _no_git(error) from None
        return self._process


def _write_all(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
        stream.flush()
    except (BrokenPipeError, ValueError):  # git went away: the reader reports it
        pass


def _answer(stdout: IO[bytes]) -> bytes | None:
    """One ``<oid> <type> <size>`` answer and its content; ``None`` for a missing object."""
    header = stdout.readline()
    if not header:
        raise HistoryError("git cat-file stopped answering")
    parts = header.split()
    if parts[-1] in (b"missing", b"ambiguous") or not parts[-1].isdigit():
        return None  # '<name> missing' (a name may hold spaces)
    size = int(parts[-1])
    content = stdout.read(size + 1)
    return content[:size]


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    assert process.stdin is not None
    assert process.stdout is not None
    return process.stdin, process.stdout


def parse_raw(tokens: Sequence[bytes]) -> Iterable[RawChange]:
    """``git diff --raw -z`` tokens (split at NUL) -> changes."""
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        if not token.startswith(b":"):
            index += 1
            continue
        change, index = _raw_entry(tokens, index)
        if change is not None:
            yield change


def _raw_entry(tokens: Sequence[bytes], index: int) -> tuple[RawChange | None, int]:
    """One ``:mode mode oid oid status`` entry and its path(s); the index after it."""
    fields = tokens[index].lstrip(b"\n")[1:].decode().split()
    old_mode, new_mode, old_oid, new_oid, status = fields[:5]
    letter = status[:1]
    paths = 2 if letter in ("R", "C") else 1
    names = [_decode(tokens[index + 1 + offset]) for offset in range(paths)]
    after = index + 1 + paths
    if letter == "C":  # not asked for (-C); a copy leaves its source in place: an addition
        return RawChange("A", None, names[1], None, _oid(new_oid), old_mode, new_mode), after
    old_path = names[0] if letter != "A" else None
    new_path = names[-1] if letter != "D" else None
    return (
        RawChange(
            letter,
            old_path,
            new_path,
            _oid(old_oid) if letter != "A" else None,
            _oid(new_oid) if letter != "D" else None,
            old_mode,
            new_mode,
            int(status[1:]) if letter == "R" and status[1:].isdigit() else None,
        ),
        after,
    )


def parse_log(output: bytes) -> list[LogCommit]:
    """``git log -z --raw --format=<_LOG_FORMAT>`` output -> commits with their changes."""
    tokens = output.split(b"\0")
    commits: list[LogCommit] = []
    index = 0
    while index + _LOG_FIELDS <= len(tokens):
        head = tokens[index].strip(b"\n")
        if not _HEX.match(head.decode("ascii", "replace")):
            index += 1
            continue
        fields = [token.decode("utf-8", "replace") for token in tokens[index : index + _LOG_FIELDS]]
        index += _LOG_FIELDS
        changes: list[RawChange] = []
        while index < len(tokens) and tokens[index].lstrip(b"\n").startswith(b":"):
            change, index = _raw_entry(tokens, index)
            if change is not None:
                changes.append(change)
        commits.append(
            LogCommit(
                commit=head.decode(),
                parents=tuple(fields[1].split()),
                author=fields[2],
                email=fields[3],
                authored=fields[4],
                committed=fields[5],
                message=fields[6],
                changes=tuple(changes),
            )
        )
    return commits


def _oid(text: str) -> str | None:
    return None if NULL_OID.match(text) else text


def _decode(path: bytes) -> str:
    return path.decode("utf-8", "surrogateescape")


def _first_line(stderr: bytes) -> str:
    lines = [
        line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()
    ]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    chosen = (fatal or lines or ["(no message)"])[0]
    return chosen.removeprefix("fatal: ").removeprefix("error: ")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # never ask for credentials
    env["GIT_OPTIONAL_LOCKS"] = "0"  # never refresh the index behind the user's back
    env["LC_ALL"] = "C"  # messages we recognise
    return env


def _no_git(error: OSError) -> NotARepositoryError:
    return NotARepositoryError(
        f"cannot run git: {error.strerror or error}",
        "install git (https://git-scm.com) and make sure it is on PATH",
    )


def _run_git(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv`` (a git command line) to completion; its output is captured."""
    try:
        return subprocess.run(argv, capture_output=True, env=_environment(), check=False)
    except OSError as error:
        raise _no_git(error) from None
