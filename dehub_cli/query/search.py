"""``dehub search``: one forgiving search across hubs and organisations. Pure.

Every label of a record (id, name, cities, names and aliases of its sectors) is folded
two ways, ``Nürnberg`` -> ``nuernberg`` and ``nurnberg``, and compared with the query folded
the same ways: equal, prefix, substring, then word by word with small typos allowed
(an edit distance that counts a swap of two letters as one edit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dehub_cli.registry import Registry, hub_sectors_on
from dehub_cli.render import Column, Section, Table
from dehub_cli.textnorm import Folded, fold, folds, plural, quoted

_WORD = re.compile(r"[a-z0-9]+")

LABEL_WEIGHTS = {"id": 1.0, "name": 1.0, "city": 0.95, "sector": 0.85}
"""How much a match in each kind of label counts: a name beats a sector alias."""

EXACT, PREFIX, SUBSTRING, WORDS = 1.0, 0.92, 0.85, 0.8
WORD_EXACT, WORD_PREFIX, WORD_SUBSTRING = 1.0, 0.9, 0.8
TYPO_SCORES = (1.0, 0.75, 0.6)
"""Score of a word with 0, 1 or 2 typos."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record found, with the label that matched best."""

    id: str
    type: str
    name: str
    score: float
    matched: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "score": self.score,
            "matched": self.matched,
        }


@dataclass
class SearchResult:
    """Hits of ``dehub search``, best first."""

    query: str
    hits: list[SearchHit]
    total: int | None = None
    """How many matched before ``--limit`` (``None``: as many as ``hits``)."""

    def to_data(self) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in self.hits]

    def tables(self) -> list[Table | Section]:
        columns = [
            Column("type", "Type", kind="id"),
            Column("id", "ID", kind="id"),
            Column("name", "Name"),
            Column("matched", "Matched", drop=1),
            Column("score", "Score", numeric=True, drop=2),
        ]
        rows = [{**hit.to_dict(), "score": f"{hit.score:.2f}"} for hit in self.hits]
        total = len(self.hits) if self.total is None else self.total
        matches = plural(total, "match", "matches")
        if len(self.hits) < total:
            matches = f"{len(self.hits):,} of {matches}"
        caption = f"{matches} for {quoted(self.query)}"
        return [Table(columns, rows, caption=caption)]


def max_typos(word: str) -> int:
    """Typos forgiven in a word of this length: none up to 3 letters, 1 up to 7, then 2."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of ``a`` and ``b``, or ``limit + 1`` once above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        char_a = a[i - 1]
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if char_a == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


class _WordScorer:
    """Scores of one query word against label words, each label word computed once."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.limit = max_typos(word)
        self.letters = frozenset(word)
        self.memo: dict[str, float] = {}

    def score(self, other: str) -> float:
        found = self.memo.get(other)
        if found is None:
            found = self.memo[other] = self._score(other)
        return found

    def _score(self, other: str) -> float:
        word = self.word
        if other == word:
            return WORD_EXACT
        if len(word) >= 2 and other.startswith(word):
            return WORD_PREFIX
        if len(word) >= 3 and word in other:
            return WORD_SUBSTRING
        limit = self.limit
        if limit == 0 or abs(len(other) - len(word)) > limit:
            return 0.0
        if len(self.letters.symmetric_difference(other)) > 2 * limit:
            return 0.0
        distance = edit_distance(word, other, limit)
        return TYPO_SCORES[distance] if distance <= limit else 0.0


class _Query:
    """The query folded both ways, with a word scorer per query word."""

    def __init__(self, text: str) -> None:
        self.variants = folds(text)
        self.scorers: dict[str, _WordScorer] = {}
        self.key_letters: dict[str, frozenset[str]] = {}
        for variant in self.variants:
            for word in variant.words:
                self.scorers.setdefault(word, _WordScorer(word))

    def score(self, label: str) -> float:
        """How well ``label`` matches, 0 to 1."""
        best = 0.0
        for mine in self.variants:
            if not mine.key:
                continue
            for theirs in folds(label):
                best = max(best, self._score_folded(mine, theirs))
                if best >= EXACT:
                    return best
        return best

    def _score_folded(self, mine: Folded, theirs: Folded) -> float:
        key, other = mine.key, theirs.key
        if other == key:
            return EXACT
        if len(key) >= 2 and other.startswith(key):
            return PREFIX
        if len(key) >= 3 and key in other:
            return SUBSTRING
        typos = self._typo_score(key, other)
        if not theirs.words:
            return typos
        total = 0.0
        for word in mine.words:
            scorer = self.scorers[word]
            best = max(scorer.score(other_word) for other_word in theirs.words)
            if best == 0.0:
                return typos
            total += best
        return max(typos, WORDS * total / len(mine.words))

    def _typo_score(self, key: str, other: str) -> float:
        """The whole query against the whole label, allowing a few typos."""
        limit = max_typos(key)
        if limit == 0 or abs(len(other) - len(key)) > limit:
            return 0.0
        letters = self.key_letters.get(key)
        if letters is None:
            letters = self.key_letters[key] = frozenset(key)
        if len(letters.symmetric_difference(other)) > 2 * limit:
            return 0.0
        distance = edit_distance(key, other, limit)
        return TYPO_SCORES[distance] if distance <= limit else 0.0


def _labels(registry: Registry) -> Iterator[tuple[str, str, str, str, str]]:
    """``(type, id, name, label kind, label)`` for every label of every record."""
    sector_labels: dict[str, list[str]] = {}
    for sector_id, sector in registry.sectors.items():
        labels = [sector.name, *([sector.name_de] if sector.name_de else []), *sector.aliases]
        sector_labels[sector_id] = labels
    for hub_id, hub in registry.hubs.items():
        yield "hub", hub_id, hub.name, "name", hub.name
        yield "hub", hub_id, hub.name, "id", hub_id
        for city in hub.city_names:
            yield "hub", hub_id, hub.name, "city", city
        for sector_id in hub_sectors_on(hub, None):
            for label in (sector_id, *sector_labels.get(sector_id, ())):
                yield "hub", hub_id, hub.name, "sector", label
    for org_id, org in registry.orgs.items():
        yield "org", org_id, org.name, "name", org.name
        yield "org", org_id, org.name, "id", org_id
        if org.city:
            yield "org", org_id, org.name, "city", org.city
        for sector_id in org.sectors:
            for label in (sector_id, *sector_labels.get(sector_id, ())):
                yield "org", org_id, org.name, "sector", label


def search(registry: Registry, text: str, *, limit: int | None = 20) -> SearchResult:
    """Hubs and organisations matching ``text``, best first (hubs before orgs on a tie)."""
    query = _Query(text)
    if not any(variant.key for variant in query.variants):
        return SearchResult(text, [])
    records: list[tuple[str, str, str]] = []
    index: dict[tuple[str, str], int] = {}
    postings: dict[str, list[tuple[int, float]]] = {}
    for record_type, record_id, name, kind, label in _labels(registry):
        position = index.get((record_type, record_id))
        if position is None:
            position = index[(record_type, record_id)] = len(records)
            records.append((record_type, record_id, name))
        postings.setdefault(label, []).append((position, LABEL_WEIGHTS[kind]))
    best: dict[int, tuple[float, str]] = {}
    for label, entries in postings.items():
        score = query.score(label)
        if score == 0.0:
            continue
        for position, weight in entries:
            weighted = score * weight
            if weighted > best.get(position, (0.0, ""))[0]:
                best[position] = (weighted, label)
    hits = [
        SearchHit(
            records[position][1], records[position][0], records[position][2], round(score, 3), label
        )
        for position, (score, label) in best.items()
    ]
    hits.sort(key=lambda hit: (-hit.score, hit.type != "hub", fold(hit.name), hit.id))
    return SearchResult(text, hits[:limit] if limit is not None else hits, total=len(hits))


def query_is_searchable(text: str) -> bool:
    """Whether ``text`` has at least two letters or digits once folded."""
    return any(len(variant.key) >= 2 for variant in folds(text))


__all__ = ["SearchHit", "SearchResult", "edit_distance", "folds", "query_is_searchable", "search"]
