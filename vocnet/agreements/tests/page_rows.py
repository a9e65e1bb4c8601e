"""Page-matrix rows of the agreement pages (objects of ``permission_rows._agreements``).

The parties of agreement A (school A, company A, the city of 시흥) and of agreement B (school
B, the university) and the province see them; the support office is no party and sees none.
Every party signs; the lead (school A, B) and the province edit the draft, circulate, amend
and complete; company A, a party, is sent from the draft's editor to the read-only page.
"""

from __future__ import annotations

from vocnet.agreements.tests.permission_rows import (
    A_DRAFT_PARTIES,
    A_LEAD,
    A_PARTIES,
    AGREEMENTS_VISIBLE,
    B_LEAD,
    B_PARTIES,
    _agreements,
)
from vocnet.testing.matrix import PROVINCE, SIGNED_IN
from vocnet.testing.pages import PageRow

A = {"agreement_id": "agreement_a"}
B = {"agreement_id": "agreement_b"}
DRAFT_A = {"agreement_id": "draft_a"}
STAFF = SIGNED_IN - {"student", "guardian"}


def _row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_agreements, **kwargs)  # type: ignore[arg-type]


ROWS: list[PageRow] = [
    _row("agreements:list", SIGNED_IN, visible=AGREEMENTS_VISIBLE),
    _row("agreements:dashboard", PROVINCE),
    # The form is shown to every signed-in user; who may lead is checked on a valid POST.
    _row("agreements:create", SIGNED_IN, post=SIGNED_IN),
    # Uploads are for staff: students and guardians are refused at the door.
    _row("agreements:import", STAFF, post=STAFF),
    _row("agreements:evidence", A_PARTIES, {"delivery_id": "delivery_a"}),
    *(
        row
        for objects, parties, lead in ((A, A_PARTIES, A_LEAD), (B, B_PARTIES, B_LEAD))
        for row in (
            _row("agreements:detail", parties, objects),
            _row("agreements:audit", parties, objects),
            _row("agreements:version", parties, objects, params={"number": 1}),
            _row("agreements:terminate", parties, objects, post=parties),
            _row("agreements:delivery_create", parties, objects, post=parties),
            _row("agreements:sign", frozenset(), objects, get=False, post=parties),
            _row("agreements:amend", frozenset(), objects, get=False, post=lead),
            _row("agreements:withdraw_amendment", frozenset(), objects, get=False, post=lead),
            _row("agreements:complete", frozenset(), objects, get=False, post=lead),
        )
    ),
    *(
        _row(name, A_LEAD, DRAFT_A, redirected=A_DRAFT_PARTIES - A_LEAD, post=A_LEAD)
        for name in (
            "agreements:edit_basics",
            "agreements:edit_parties",
            "agreements:edit_commitments",
            "agreements:review",
        )
    ),
    _row("agreements:circulate", frozenset(), DRAFT_A, get=False, post=A_LEAD),
]
