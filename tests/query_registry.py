"""A small registry with known answers, shared by the list/show/search/links tests.

Today (any day from 2021 on):
- berlin: alpha, beta, bp (operator) are members; delta left at the end of 2018.
- koeln: beta. hamburg: gamma (operator), eta; epsilon left in 2019. dortmund: gamma
  (partner), eta (operator). nuernberg (announced 2019-06): epsilon.
- zeta has no membership at all.
Bridges today: beta (berlin, koeln), eta and gamma (dortmund, hamburg).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import RegistryFactory, hub, member, org

HUBS: list[dict[str, Any]] = [
    hub(
        "berlin",
        name="IoT & FinTech Hub Berlin",
        cities=["Berlin"],
        sectors=["iot", "fintech"],
        announced="2016-11-17",
    ),
    hub(
        "koeln",
        name="InsurTech Hub Köln",
        cities=["Köln"],
        sectors=["insurtech"],
        announced="2017-04-21",
    ),
    hub(
        "hamburg",
        name="Logistics Hub Hamburg",
        cities=["Hamburg"],
        sectors=["logistics", {"sector": "iot", "since": 2020}],
        announced="2017-04-21",
        twins=["dortmund"],
    ),
    hub(
        "dortmund",
        name="Logistics Hub Dortmund",
        cities=["Dortmund"],
        sectors=["logistics"],
        announced="2017-04-21",
        twins=["hamburg"],
    ),
    hub(
        "nuernberg",
        name="Digital Health Hub Nürnberg",
        cities=["Nürnberg"],
        sectors=["iot"],
        announced="2019-06",
    ),
]

ORGS: list[dict[str, Any]] = [
    org(
        "alpha",
        name="Alpha Payments GmbH",
        kind="startup",
        city="Berlin",
        sectors=["fintech"],
        memberships=[member("berlin", "2017-03")],
    ),
    org(
        "beta",
        name="Beta Versicherung AG",
        kind="corporate",
        city="Köln",
        sectors=["insurtech"],
        memberships=[member("koeln", "2017-05"), member("berlin", "2018-01")],
    ),
    org(
        "bp",
        name="Berlin Partner",
        kind="public",
        city="Berlin",
        sectors=["iot", "fintech"],
        memberships=[member("berlin", "2016-11-17", role="operator")],
    ),
    org(
        "gamma",
        name="Gamma Universität",
        kind="university",
        city="Hamburg",
        sectors=["logistics"],
        memberships=[
            member("hamburg", 2017, role="operator"),
            member("dortmund", "2018-06", role="partner"),
        ],
    ),
    org(
        "delta",
        name="Delta Pay",
        kind="startup",
        city="Köln",
        sectors=["fintech"],
        memberships=[member("berlin", "2017-01", until="2018-12")],
    ),
    org(
        "epsilon",
        name="Epsilon Med",
        kind="sme",
        city="Nürnberg",
        sectors=["iot"],
        memberships=[
            member("hamburg", "2019-01", until="2019-12"),
            member("nuernberg", "2019-07"),
        ],
    ),
    org("zeta", name="Zeta Capital", kind="investor", sectors=["fintech"]),
    org(
        "eta",
        name="Eta Logistik Institut",
        kind="research",
        city="Dortmund",
        sectors=["logistics"],
        memberships=[
            member("dortmund", "2017-04", role="operator"),
            member("hamburg", "2017-06"),
        ],
    ),
]


def write(make_registry: RegistryFactory) -> Path:
    """Write the registry and return its data directory."""
    return make_registry(hubs=HUBS, orgs=ORGS)
