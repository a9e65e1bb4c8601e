"""Permission-matrix rows of the privacy app: the access log is the province's alone."""

from __future__ import annotations

from vocnet.privacy.models import AccessLogReview, PersonalDataAccess
from vocnet.testing.matrix import PROVINCE, Row

ROWS: list[Row] = [
    Row("GET", "/api/access-log", None, PROVINCE),
]

# A refused call anywhere in the API must not write an access-log row.
COUNTED = (PersonalDataAccess, AccessLogReview)
