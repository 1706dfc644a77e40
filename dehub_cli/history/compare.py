"""``dehub diff``: which revisions to compare, then read and diff only the files that differ."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dehub_cli.history.changes import DiffResult
from dehub_cli.history.diff import diff_changeset, with_labels
from dehub_cli.history.git import HistoryError, Repository
from dehub_cli.history.snapshot import Revision, hub_labels, load_changes


def resolve_revisions(
    repository: Repository, revisions: Sequence[str]
) -> tuple[Revision, Revision]:
    """The two sides, as ``git diff`` reads its arguments.

    - none: the merge base of the default branch and ``HEAD`` against the working tree;
    - ``A``: A against the working tree;
    - ``A B`` or ``A..B``: A against B (an empty side is ``HEAD``);
    - ``A...B``: the merge base of A and B against B.
    """
    if len(revisions) > 2:
        raise HistoryError(
            f"too many revisions: {' '.join(revisions)}",
            "give at most two: dehub diff A B, or one range: A..B or A...B",
        )
    if not revisions:
        branch = repository.default_branch()
        if branch is None:
            raise HistoryError(
                "no default branch to compare with: there is no origin/HEAD, main or master",
                "name the base revision: dehub diff BASE (dehub diff HEAD shows uncommitted changes)",
            )
        head = repository.commit("HEAD")
        base = repository.merge_base(repository.commit(branch), head, (branch, "HEAD"))
        return Revision(f"merge base of {branch} and HEAD", base), Revision("working tree", None)
    if len(revisions) == 1:
        text = revisions[0]
        if "..." in text:
            first, second = (part or "HEAD" for part in text.split("...", 1))
            new = repository.commit(second)
            base = repository.merge_base(repository.commit(first), new, (first, second))
            return Revision(f"merge base of {first} and {second}", base), Revision(second, new)
        if ".." in text:
            first, second = (part or "HEAD" for part in text.split("..", 1))
            return (
                Revision(first, repository.commit(first)),
                Revision(second, repository.commit(second)),
            )
        return Revision(text, repository.commit(text)), Revision("working tree", None)
    first, second = revisions
    if ".." in first or ".." in second:
        raise HistoryError(
            f"a range and a second revision: {first} {second}",
            "give either two revisions (A B) or one range (A..B, A...B)",
        )
    return Revision(first, repository.commit(first)), Revision(second, repository.commit(second))


def diff_revisions(registry: Path, revisions: Sequence[str] = ()) -> DiffResult:
    """The semantic diff of the registry at ``registry`` between two revisions (see above).

    Raises :class:`HistoryError` (and its subclasses) when git cannot answer.
    """
    repository = Repository.discover(registry)
    prefix = repository.prefix_of(registry)
    old, new = resolve_revisions(repository, revisions)
    assert old.commit is not None
    raw = repository.changed_files(old.commit, new.commit, prefix)
    worktree = repository.toplevel if new.commit is None else None
    with repository.blobs() as blobs:
        changes = load_changes(raw, prefix, old, new, blobs, worktree)
        result = diff_changeset(changes)
        labels = hub_labels(result.hub_ids(), changes.new, prefix, blobs, worktree)
    return with_labels(result, labels)
