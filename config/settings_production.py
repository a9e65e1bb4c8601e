"""Production entry point: the same settings with VOCNET_ENV forced to production."""

from __future__ import annotations

import os

os.environ["VOCNET_ENV"] = "production"

from config.settings import *  # noqa: F403
