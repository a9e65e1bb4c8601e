"""Permission-matrix rows of the privacy app: the access log is the province's alone."""

from __future__ import annotations

from vocnet.core.testing_matrix import PROVINCE, Row
from vocnet.privacy.models import AccessLogReview, PersonalDataAccess

ROWS: list[Row] = [
    Row("GET", "/api/access-log", None, PROVINCE),
]

# A refused call anywhere in the API must not write an access-log row.
COUNTED = (PersonalDataAccess, AccessLogReview)
