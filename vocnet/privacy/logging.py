"""A logging filter that keeps personal data out of the logs: query strings are cut from
every request line and URL a log record carries (a student search puts a name in ``?q=``).
Configured on the console handler and the development server's logger (config/settings.py)."""

from __future__ import annotations

import logging
import re
from typing import Any

_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")
REDACTED = r"\1?[…]"


def strip_query_strings(text: str) -> str:
    return _QUERY.sub(REDACTED, text)


def _clean(value: Any) -> Any:
    return strip_query_strings(value) if isinstance(value, str) else value


class StripQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = strip_query_strings(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_clean(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _clean(value) for key, value in record.args.items()}
        return True
