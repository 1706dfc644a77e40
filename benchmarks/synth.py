"""A synthetic registry of N organisations across 12 hubs, for benchmarks and tests.

Deterministic for a given seed. The records are made up and say so
(``example.org`` sources); never copy them into ``data/``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

HUBS = [
    ("berlin", "Synthetic Hub Berlin", ["Berlin"], ["iot", "fintech"]),
    ("muenchen", "Synthetic Hub München", ["München"], ["mobility", "insurtech"]),
    (
        "frankfurt-darmstadt",
        "Synthetic Hub Frankfurt",
        ["Frankfurt am Main", "Darmstadt"],
        ["fintech", "cybersecurity"],
    ),
    ("dortmund", "Synthetic Hub Dortmund", ["Dortmund"], ["logistics"]),
    ("hamburg", "Synthetic Hub Hamburg", ["Hamburg"], ["logistics"]),
    (
        "dresden-leipzig",
        "Synthetic Hub Dresden/Leipzig",
        ["Dresden", "Leipzig"],
        ["smart-systems", "smart-infrastructure"],
    ),
    ("karlsruhe", "Synthetic Hub Karlsruhe", ["Karlsruhe"], ["ai"]),
    ("koeln", "Synthetic Hub Köln", ["Köln"], ["insurtech"]),
    (
        "ludwigshafen-mannheim",
        "Synthetic Hub Rhein-Neckar",
        ["Ludwigshafen", "Mannheim"],
        ["digital-chemistry", "digital-health"],
    ),
    (
        "nuernberg-erlangen",
        "Synthetic Hub Nürnberg/Erlangen",
        ["Nürnberg", "Erlangen"],
        ["digital-health"],
    ),
    ("potsdam", "Synthetic Hub Potsdam", ["Potsdam"], ["mediatech"]),
    ("stuttgart", "Synthetic Hub Stuttgart", ["Stuttgart"], ["future-industries"]),
]
SECTORS = sorted({sector for *_, sectors in HUBS for sector in sectors})
KINDS = ["startup"] * 6 + [
    "sme",
    "corporate",
    "university",
    "research",
    "investor",
    "accelerator",
    "association",
    "public",
]
ROLES = ["member"] * 8 + ["partner", "mentor", "investor"]
WORDS = [
    "Daten",
    "Netz",
    "Logik",
    "Werk",
    "Fabrik",
    "Labs",
    "Systems",
    "Mobil",
    "Finanz",
    "Sicher",
    "Cloud",
    "Robo",
    "Quant",
    "Hafen",
    "Licht",
    "Medien",
    "Chemie",
    "Gesund",
    "Energie",
    "Smart",
]
LEGAL = ["GmbH", "AG", "UG", "e.V.", "SE", "GmbH & Co. KG", ""]
SOURCE = "  - url: https://example.org/synthetic/{id}\n    title: Synthetic record for benchmarks\n    date: 2024-01-15\n"


def _date(rng: random.Random, start_year: int) -> str:
    year = rng.randint(start_year, 2025)
    precision = rng.random()
    if precision < 0.1:
        return f"{year}"
    if precision < 0.25:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def org_text(index: int, rng: random.Random) -> tuple[str, str]:
    """(id, YAML text) of one synthetic organisation."""
    org_id = f"org-{index:05d}"
    name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {index} {rng.choice(LEGAL)}".strip()
    hub_choices = rng.sample(HUBS, k=rng.choice([1, 1, 1, 2, 2, 3]))
    sectors = sorted({s for h in hub_choices for s in h[3]})[:3]
    lines = [
        f"# Synthetic organisation {index} (benchmark data, not real)",
        f"id: {org_id}",
        f'name: "{name}"',
        f"kind: {rng.choice(KINDS)}",
        f"city: {hub_choices[0][2][0]}",
        f"founded: {rng.randint(1950, 2023)}",
        f"website: https://{org_id}.example.org",
        "description: >-",
        "  Synthetic organisation used to measure dehub on a registry of realistic size;",
        "  it exists only in generated benchmark data and names no real company.",
        "sectors:",
        *(f"  - {sector}" for sector in sectors),
        "memberships:",
    ]
    for hub_id, *_ in hub_choices:
        since = _date(rng, 2017)
        lines += [f"  - hub: {hub_id}", f"    role: {rng.choice(ROLES)}", f"    since: {since}"]
        if rng.random() < 0.15:
            lines.append(f"    until: {int(since[:4]) + rng.randint(1, 3)}")
    lines.append("sources:")
    return org_id, "\n".join(lines) + "\n" + SOURCE.format(id=org_id)


def hub_text(hub_id: str, name: str, cities: list[str], sectors: list[str]) -> str:
    lines = [
        f"id: {hub_id}",
        f"name: {name}",
        "cities:",
        *(f"  - {city}" for city in cities),
        "sectors:",
        *(f"  - {sector}" for sector in sectors),
        "announced: 2016-11-17",
        "sources:",
    ]
    return "\n".join(lines) + "\n" + SOURCE.format(id=hub_id)


def write_synthetic_registry(root: Path, orgs: int = 10_000, seed: int = 2016) -> Path:
    """Write a registry with ``orgs`` organisations under ``root``; return ``root``."""
    rng = random.Random(seed)
    (root / "hubs").mkdir(parents=True, exist_ok=True)
    (root / "orgs").mkdir(parents=True, exist_ok=True)
    sector_lines = ["sectors:"]
    for sector in SECTORS:
        label = sector.replace("-", " ").title()
        sector_lines += [
            f"  - id: {sector}",
            f"    name: {label}",
            f"    name_de: {label}",
            "    aliases: []",
        ]
    (root / "sectors.yaml").write_text("\n".join(sector_lines) + "\n", encoding="utf-8")
    for hub_id, name, cities, sectors in HUBS:
        (root / "hubs" / f"{hub_id}.yaml").write_text(
            hub_text(hub_id, name, cities, sectors), "utf-8"
        )
    operators = {hub_id for hub_id, *_ in HUBS}
    for index in range(orgs):
        org_id, text = org_text(index, rng)
        if operators and index < len(HUBS):
            hub_id = HUBS[index][0]
            operators.discard(hub_id)
            text = text.replace(
                "memberships:\n",
                f"memberships:\n  - hub: {hub_id}\n    role: operator\n    since: 2017-01-01\n",
                1,
            )
        (root / "orgs" / f"{org_id}.yaml").write_text(text, encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    write_synthetic_registry(args.directory, args.orgs, args.seed)


if __name__ == "__main__":
    main()
