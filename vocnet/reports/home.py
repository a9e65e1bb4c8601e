"""What the apps built on the registry add to every home page, in the order shown.

reports is the read layer above the domain apps, so it imports their ``home_items`` directly
(the import graph shows each one); no domain app imports reports for this. Each provider takes
the user and returns items: ``text``/``url`` items are things to act on, ``label``/``value``
items are figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from vocnet.agreements.selectors import home_items as agreements_home_items
from vocnet.clearinghouse.selectors.home import home_items as clearinghouse_home_items
from vocnet.demand.selectors.home import home_items as demand_home_items
from vocnet.pathways.selectors import home_items as pathways_home_items
from vocnet.placements.selectors import home_items as placements_home_items
from vocnet.privacy.selectors import home_items as privacy_home_items

HOME_ITEM_PROVIDERS: tuple[Callable[..., Sequence[Any]], ...] = (
    agreements_home_items,
    demand_home_items,
    placements_home_items,
    pathways_home_items,
    privacy_home_items,
    clearinghouse_home_items,
)
