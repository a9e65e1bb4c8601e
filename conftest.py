"""Project-wide pytest fixtures."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def world(db: Any) -> Any:
    from vocnet.core.testing import build_world

    return build_world()
