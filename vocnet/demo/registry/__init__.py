"""The Gyeonggi demo (issue 2): a deterministic, seeded generator on the real reference data.

Real facts — the 31 시·군, 25 교육지원청, 7 선도지구, the Ministry's and Gyeonggi's 2025
designated schools under their real names — plus synthetic, labelled data at real scale:
≥ 110 vocational high schools, ≥ 3,000 companies, ≥ 40,000 students, and one login per role.
See docs/adr/0004-gyeonggi-demo.md.

``generator.generate`` builds the plan without a database; ``loader.load_demo`` writes it;
``manage.py load_demo`` is the command around both.
"""

from vocnet.demo.registry.generator import generate
from vocnet.demo.registry.loader import DemoError, DemoState, demo_state, load_demo, reset_demo
from vocnet.demo.registry.plan import DEFAULT_SEED, DemoPlan
from vocnet.demo.registry.summary import (
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    DemoLogin,
    demo_counts,
    demo_digest,
    demo_logins,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "DEMO_USERNAMES",
    "DemoError",
    "DemoLogin",
    "DemoPlan",
    "DemoState",
    "demo_counts",
    "demo_digest",
    "demo_logins",
    "demo_state",
    "generate",
    "load_demo",
    "reset_demo",
]
