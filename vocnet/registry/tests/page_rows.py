"""Page-matrix rows of the directory and the organisation pages: the registry of schools,
companies and public bodies is open to every signed-in user (no personal data on it)."""

from __future__ import annotations

from vocnet.testing.matrix import SIGNED_IN
from vocnet.testing.pages import PageRow

ROWS: list[PageRow] = [
    PageRow("registry:directory", SIGNED_IN),
    PageRow("registry:organisation", SIGNED_IN, {"organisation_id": "organisation_a"}),
    PageRow("registry:organisation", SIGNED_IN, {"organisation_id": "organisation_b"}),
]

# The Excel import pages (issue 16 §7): each entity for the roles whose rows it can write; an
# empty POST is shown again with the form's error, a refused role never reaches the upload.
OFFICE = frozenset({"province_officer", "support_office_officer"})
SCHOOLS = frozenset({"school_staff_a", "school_staff_b"})
IMPORTERS = {
    "schools": OFFICE,
    "departments": OFFICE | SCHOOLS,
    "companies": OFFICE | {"company_staff"},
    "students": frozenset({"province_officer"}) | SCHOOLS,
}
ROWS += [
    PageRow("registry:imports", OFFICE | SCHOOLS | {"company_staff"}),
    *(
        PageRow("registry:import", allowed, params={"entity": entity}, post=allowed)
        for entity, allowed in IMPORTERS.items()
    ),
]
