"""Page-matrix rows of the field-training pages (objects of ``permission_rows._base`` and, for
a placement under way, ``_running``).

Company A and school A are in region A (시흥, the support office's); company B and school B
in region B. Student A (the student persona, whose guardian is the guardian persona) is
placed on company A's offer, student B on company B's.
"""

from __future__ import annotations

from vocnet.placements.tests.permission_rows import (
    ACTS_ON_A,
    COMPANY_A,
    INCIDENTS_VISIBLE,
    OFFERS_VISIBLE,
    PLACEMENTS_VISIBLE,
    SCHOOL_A,
    SEES_PLACEMENT_A,
    SIGNS_A,
    VETTERS_A,
    VETTINGS_VISIBLE,
    _applications,
    _base,
    _running,
)
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN
from vocnet.testing.pages import EVERYONE, PageRow

NOBODY: frozenset[str] = frozenset()
SCHOOLS = frozenset({"school_staff_a", "school_staff_b"})
READS_OFFER_A = SIGNED_IN - {"local_government_officer", "university_staff"}
READS_OFFER_B = PROVINCE | SCHOOLS | {"student", "guardian"}
B_SIDE = PROVINCE | {"school_staff_b"}
REPORTS_A = frozenset(
    {"province_officer", "support_office_officer", "school_staff_a", "student", "guardian"}
)
EVALUATES_A = frozenset({"province_officer", "school_staff_a", "company_staff", "student"})
DIARY_A = frozenset({"province_officer", "school_staff_a", "student"})


def _row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_base, **kwargs)  # type: ignore[arg-type]


def _running_row(*args: object, **kwargs: object) -> PageRow:
    return PageRow(*args, prepare=_running, **kwargs)  # type: ignore[arg-type]


def _application_action(name: str, objects: dict[str, str], post: frozenset[str]) -> PageRow:
    return PageRow(name, NOBODY, objects, get=False, post=post, prepare=_applications)


def _action(name: str, objects: dict[str, str], post: frozenset[str]) -> PageRow:
    return _row(name, NOBODY, objects, get=False, post=post)


OFFER_A, OFFER_B = {"offer_id": "offer_a"}, {"offer_id": "offer_b"}
APPLICATION_A = {"application_id": "application_a"}
APPLICATION_B = {"application_id": "application_b"}
DRAFT_A, DRAFT_B = {"offer_id": "draft_a"}, {"offer_id": "draft_b"}
PLACEMENT_A, PLACEMENT_B = {"placement_id": "placement_a"}, {"placement_id": "placement_b"}
RUNNING_A, RUNNING_B = {"placement_id": "running_a"}, {"placement_id": "running_b"}
CONTRACT_A, CONTRACT_B = {"contract_id": "contract_a"}, {"contract_id": "contract_b"}

ROWS: list[PageRow] = [
    # Lists: every signed-in user may open them; each sees exactly their own rows.
    _row("placements:offers", SIGNED_IN, visible=OFFERS_VISIBLE),
    _row("placements:vettings", SIGNED_IN, visible=VETTINGS_VISIBLE),
    _row("placements:placements", SIGNED_IN, visible=PLACEMENTS_VISIBLE),
    _running_row("placements:incidents", SIGNED_IN, visible=INCIDENTS_VISIBLE),
    _row("placements:rules", SIGNED_IN),
    # Offers: a company keeps its own; schools, students and guardians read published ones.
    _row("placements:offer_create", COMPANY_A, post=COMPANY_A),
    _row("placements:offer", READS_OFFER_A, OFFER_A),
    _row("placements:offer", READS_OFFER_B, OFFER_B),
    _row("placements:offer", VETTERS_A | {"company_staff"}, DRAFT_A),
    _row("placements:offer", PROVINCE, DRAFT_B),
    _row("placements:offer_edit", COMPANY_A, OFFER_A, post=COMPANY_A),
    _row("placements:offer_edit", PROVINCE, OFFER_B, post=PROVINCE),
    _row("placements:offer_edit", COMPANY_A, DRAFT_A, post=COMPANY_A),
    _row("placements:offer_edit", PROVINCE, DRAFT_B, post=PROVINCE),
    _action("placements:offer_publish", DRAFT_A, COMPANY_A),
    _action("placements:offer_publish", DRAFT_B, PROVINCE),
    _action("placements:offer_publish", OFFER_A, COMPANY_A),
    _action("placements:offer_publish", OFFER_B, PROVINCE),
    _action("placements:offer_close", OFFER_A, COMPANY_A),
    _action("placements:offer_close", OFFER_B, PROVINCE),
    _action("placements:offer_withdraw", OFFER_A, COMPANY_A),
    _action("placements:offer_withdraw", OFFER_B, PROVINCE),
    _action("placements:offer_apply", OFFER_A, PROVINCE | SCHOOLS),
    _action("placements:offer_apply", OFFER_B, PROVINCE | SCHOOLS),
    # Applications: the host company (or the province) interviews, accepts and declines; the
    # school withdraws.
    _application_action("placements:application_interview", APPLICATION_A, COMPANY_A),
    _application_action("placements:application_interview", APPLICATION_B, PROVINCE),
    _application_action("placements:application_accept", APPLICATION_A, COMPANY_A),
    _application_action("placements:application_accept", APPLICATION_B, PROVINCE),
    _application_action("placements:application_decline", APPLICATION_A, COMPANY_A),
    _application_action("placements:application_decline", APPLICATION_B, PROVINCE),
    _application_action("placements:application_withdraw", APPLICATION_A, SCHOOL_A),
    _application_action("placements:application_withdraw", APPLICATION_B, B_SIDE),
    # Host vetting: the company applies; the office of its region and the province vet.
    _row(
        "placements:vetting_apply", frozenset({"company_staff"}), post=frozenset({"company_staff"})
    ),
    _row(
        "placements:vetting",
        VETTERS_A | SCHOOLS | {"company_staff"},
        {"vetting_id": "vetting_a"},
        post=VETTERS_A,
    ),
    _row("placements:vetting", PROVINCE | SCHOOLS, {"vetting_id": "vetting_b"}, post=PROVINCE),
    _row("placements:accident", VETTERS_A, {"company_id": "company_a"}, post=VETTERS_A),
    _row("placements:accident", PROVINCE, {"company_id": "company_b"}, post=PROVINCE),
    # Placements and contracts: the school, the host, the student and guardians.
    _row("placements:placement", SEES_PLACEMENT_A, PLACEMENT_A),
    _row("placements:placement", B_SIDE, PLACEMENT_B),
    *(
        row
        for name in (
            "placements:placement_cancel",
            "placements:placement_start",
            "placements:placement_complete",
            "placements:placement_terminate",
            "placements:contract_draft",
        )
        for row in (_action(name, PLACEMENT_A, ACTS_ON_A), _action(name, PLACEMENT_B, B_SIDE))
    ),
    # The four parties sign (the province does not).
    _action("placements:contract_sign", CONTRACT_A, SIGNS_A),
    _action("placements:contract_sign", CONTRACT_B, frozenset({"school_staff_b"})),
    _row("placements:contract_amend", ACTS_ON_A, CONTRACT_A, post=ACTS_ON_A),
    _row("placements:contract_amend", B_SIDE, CONTRACT_B, post=B_SIDE),
    _row("placements:contract_pdf", SEES_PLACEMENT_A, CONTRACT_A),
    _row("placements:contract_pdf", B_SIDE, CONTRACT_B),
    # During the placement: the diary, visits, reports (never the company's), evaluations.
    _running_row("placements:placement", SEES_PLACEMENT_A, RUNNING_A),
    _running_row("placements:placement", B_SIDE, RUNNING_B),
    # Gap: the forms of a running placement are checked before the permission, so a persona
    # who sees the placement but may not act gets the form's error, not a refusal.
    _running_row(
        "placements:hours_log",
        NOBODY,
        RUNNING_A,
        get=False,
        post=DIARY_A,
        unchecked_post=SEES_PLACEMENT_A - DIARY_A,
    ),
    _running_row("placements:hours_log", NOBODY, RUNNING_B, get=False, post=B_SIDE),
    _running_row(
        "placements:leave_log",
        NOBODY,
        RUNNING_A,
        get=False,
        post=DIARY_A,
        unchecked_post=SEES_PLACEMENT_A - DIARY_A,
    ),
    _running_row("placements:leave_log", NOBODY, RUNNING_B, get=False, post=B_SIDE),
    # Safety education before the start (제9조의5): the student's school, the province.
    _action("placements:safety_education_record", PLACEMENT_A, SCHOOL_A),
    _action("placements:safety_education_record", PLACEMENT_B, B_SIDE),
    _running_row(
        "placements:visit_record",
        NOBODY,
        RUNNING_A,
        get=False,
        post=SCHOOL_A,
        unchecked_post=SEES_PLACEMENT_A - SCHOOL_A,
    ),
    _running_row("placements:visit_record", NOBODY, RUNNING_B, get=False, post=B_SIDE),
    _running_row(
        "placements:incident_file",
        NOBODY,
        RUNNING_A,
        get=False,
        post=REPORTS_A,
        unchecked_post=SEES_PLACEMENT_A - REPORTS_A,
    ),
    _running_row("placements:incident_file", NOBODY, RUNNING_B, get=False, post=B_SIDE),
    _running_row(
        "placements:evaluation_submit",
        NOBODY,
        RUNNING_A,
        get=False,
        post=EVALUATES_A,
        unchecked_post=SEES_PLACEMENT_A - EVALUATES_A,
    ),
    _running_row("placements:evaluation_submit", NOBODY, RUNNING_B, get=False, post=B_SIDE),
    _running_row(
        "placements:hours_confirm", NOBODY, {"entry_id": "entry_a"}, get=False, post=COMPANY_A
    ),
    _running_row(
        "placements:hours_confirm", NOBODY, {"entry_id": "entry_b"}, get=False, post=PROVINCE
    ),
    _running_row(
        "placements:incident_respond",
        NOBODY,
        {"incident_id": "incident_a"},
        get=False,
        post=PROVINCE | {"support_office_officer", "school_staff_a"},
        unchecked_post=frozenset({"student", "guardian"}),
    ),
    _running_row(
        "placements:incident_respond", NOBODY, {"incident_id": "incident_b"}, get=False, post=B_SIDE
    ),
]


# Consent that is real (ADR 0033): the signing page is the student's and the guardian's only;
# the receipt follows the contract's visibility once somebody signed; the check is public.
def _signed(world: World) -> None:
    """Row hook: ``_base``, with contract A signed by company A and contract B by school B."""
    _base(world)
    from django.utils import timezone

    from vocnet.placements.models import ContractSignature

    for key, party, user in (("contract_a", "company", "company_staff"),
                             ("contract_b", "school", "school_staff_b")):  # fmt: skip
        ContractSignature.objects.get_or_create(
            version=world.objects[key].current_version,
            party=party,
            defaults={
                "signer": world.user(user),
                "signer_name": user,
                "signed_at": timezone.now(),
            },
        )


CONSENTS_A = frozenset({"student", "guardian"})
ROWS += [
    _row("placements:contract_consent", CONSENTS_A, CONTRACT_A, post=CONSENTS_A),
    _row("placements:contract_consent", NOBODY, CONTRACT_B, post=NOBODY),
    PageRow("placements:contract_receipt", SEES_PLACEMENT_A, CONTRACT_A, prepare=_signed),
    PageRow("placements:contract_receipt", B_SIDE, CONTRACT_B, prepare=_signed),
    PageRow("placements:receipt_verify", EVERYONE),
]

# Monitoring visits due (issue 15 §5, §7): those who visit or oversee visits see their own;
# everyone else signed in gets an empty list.
ROWS.append(
    _running_row(
        "placements:visits_due",
        SIGNED_IN,
        visible={
            "province_officer": {"running_a", "running_b"},
            "support_office_officer": {"running_a"},
            "school_staff_a": {"running_a"},
            "school_staff_b": {"running_b"},
            "company_staff": set(),
            "student": set(),
            "guardian": set(),
            "local_government_officer": set(),
            "university_staff": set(),
        },
    )
)
