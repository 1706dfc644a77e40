"""The registry's history, read from git: semantic diffs between revisions and record logs.

Layers, each a small module:

- :mod:`~dehub_cli.history.git`: the git plumbing (one subprocess per kind of call) and
  the typed errors (:class:`HistoryError`);
- :mod:`~dehub_cli.history.snapshot`: the registry files of a revision as parsed records;
- :mod:`~dehub_cli.history.diff`: the pure semantic diff of two snapshots;
- :mod:`~dehub_cli.history.compare`: ``dehub diff``: revisions -> snapshots -> diff;
- :mod:`~dehub_cli.history.log`: ``dehub log``: commits -> diffs, following renames;
- :mod:`~dehub_cli.history.render`: markdown, GitHub annotations and Atom, as pure functions.

Nothing here prints or exits.
"""
