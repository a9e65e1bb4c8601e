"""Who may do field training at all — the rules shared by the direct path and the clearinghouse.

Field training (현장실습) of vocational high-school students is a third-year activity under the
Ministry of Education's operating guidelines (직업계고 현장실습 운영 지침; the text was not read,
so this is marked *unverified* and is vocnet policy until checked — see ADR 0010 and 0017).
The clearinghouse's eligibility imports this constant, so both paths apply one rule.
"""

from __future__ import annotations

FIELD_TRAINING_GRADE = 3
"""The school year in which a student may be placed (unverified guideline practice)."""

FIELD_TRAINING_GRADE_VERIFIED = False
