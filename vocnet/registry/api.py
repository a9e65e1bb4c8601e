"""Registry endpoints: thin — parse input, call one selector or service, return."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, field_validator

from vocnet.api.pagination import BoundedPagination
from vocnet.api.schemas import FilterQuery
from vocnet.privacy.models import AccessAction
from vocnet.privacy.pagination import AccessLoggedPagination
from vocnet.privacy.services import record_personal_data_access
from vocnet.registry import selectors, services
from vocnet.registry.schemas import (
    CodeOut,
    CompanyIn,
    CompanyOut,
    CompanyPatch,
    DepartmentIn,
    DepartmentOut,
    DepartmentPatch,
    DesignationKindCode,
    OrganisationKindCode,
    OrganisationOut,
    OrganisationPatch,
    PilotDistrictOut,
    RegionOut,
    SchoolDetailOut,
    SchoolIn,
    SchoolOut,
    SchoolPatch,
    SchoolTypeCode,
    SizeClassCode,
    StudentIn,
    StudentOut,
    StudentPatch,
    SupportOfficeOut,
)

router = Router(tags=["registry"])


class RegistryQuery(FilterQuery):
    """Filters of the registry lists (see ``selectors.RegistryFilters``)."""

    kind: OrganisationKindCode | None = None
    region: str | None = Field(
        None, pattern=r"^(41\d{3}|none)$", description="시군구 code, or none: unverified location"
    )
    support_office: int | None = Field(None, ge=1)
    designation: DesignationKindCode | None = None
    ncs: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$", description="NCS major/middle")
    ksic: str | None = Field(
        None, pattern=r"^([A-Ua-u]|\d{2})$", description="KSIC section/division"
    )
    school_type: SchoolTypeCode | None = None
    size_class: SizeClassCode | None = None
    q: str | None = Field(None, max_length=50)
    organisation: int | None = Field(None, ge=1, description="one organisation's id")

    def to_filters(self) -> selectors.RegistryFilters:
        return selectors.RegistryFilters(**self.dict())


class StudentSearch(FilterQuery):
    """Filters of the student list; ``q`` is a name or the start of a student number."""

    school: int | None = Field(None, ge=1)
    department: int | None = Field(None, ge=1)
    grade: int | None = Field(None, ge=1, le=3)
    q: str | None = Field(None, max_length=50)


NO_NAMES_IN_URLS = (
    "학생 이름·학번 검색어는 주소(URL)에 담을 수 없습니다: POST /api/students/search 의 본문으로 "
    "보내세요(개인정보의 안전성 확보조치 기준). / A student's name or number may not travel in "
    "the URL: send it in the body of POST /api/students/search (personal-data safeguards)."
)


class StudentQuery(StudentSearch):
    """The same filters in a URL: anything but a name or number (those are personal data,
    and URLs end up in logs, proxies and browser histories)."""

    q: str | None = Field(None, description="refused: use POST /api/students/search")

    @field_validator("q")
    @classmethod
    def _no_names_in_urls(cls, value: str | None) -> None:
        if value:
            raise ValueError(NO_NAMES_IN_URLS)
        return None


def _changes(payload: Schema) -> dict[str, Any]:
    return payload.dict(exclude_unset=True)


# Reference lists -------------------------------------------------------------------------


@router.get("/reference/regions", response=list[RegionOut], tags=["reference"])
def list_regions(request: HttpRequest) -> Any:
    return selectors.region_list(user=request.user)


@router.get("/reference/support-offices", response=list[SupportOfficeOut], tags=["reference"])
def list_support_offices(request: HttpRequest) -> Any:
    return selectors.support_office_list(user=request.user)


@router.get("/reference/pilot-districts", response=list[PilotDistrictOut], tags=["reference"])
def list_pilot_districts(request: HttpRequest) -> Any:
    return selectors.pilot_district_list(user=request.user)


@router.get("/reference/ncs", response=list[CodeOut], tags=["reference"])
def list_ncs(request: HttpRequest) -> Any:
    return [
        {"code": m.code, "name_ko": m.name_ko, "parent_code": m.major.code}
        for m in selectors.ncs_middle_list(user=request.user)
    ]


@router.get("/reference/ksic", response=list[CodeOut], tags=["reference"])
def list_ksic(request: HttpRequest) -> Any:
    return [
        {"code": d.code, "name_ko": d.name_ko_11th or d.name_ko, "parent_code": d.section.code}
        for d in selectors.ksic_division_list(user=request.user)
    ]


# Organisations ---------------------------------------------------------------------------


@router.get("/organisations", response=list[OrganisationOut])
@paginate(BoundedPagination)
def list_organisations(request: HttpRequest, filters: Query[RegistryQuery]) -> Any:
    return selectors.organisation_list(user=request.user, filters=filters.to_filters())


@router.get("/organisations/{organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Any:
    return selectors.organisation_get(user=request.user, organisation_id=organisation_id)


@router.patch("/organisations/{organisation_id}", response=OrganisationOut)
def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Any:
    organisation = selectors.organisation_get(user=request.user, organisation_id=organisation_id)
    return services.organisation_update(
        actor=request.user, organisation=organisation, changes=_changes(payload)
    )


# Schools and departments -----------------------------------------------------------------


@router.get("/schools", response=list[SchoolOut])
@paginate(BoundedPagination)
def list_schools(request: HttpRequest, filters: Query[RegistryQuery]) -> Any:
    return selectors.school_list(user=request.user, filters=filters.to_filters())


@router.post("/schools", response={201: SchoolDetailOut})
def create_school(request: HttpRequest, payload: SchoolIn) -> Any:
    data = payload.dict()
    school = services.school_create(
        actor=request.user,
        data=services.SchoolInput(
            contact=services.OrganisationContact(
                **{k: data[k] for k in services.ORGANISATION_CONTACT_FIELDS}
            ),
            region_code=data["region_code"],
            neis_code=data["neis_code"],
            school_type=data["school_type"],
            establishment=data["establishment"],
        ),
    )
    return Status(201, selectors.school_get(user=request.user, school_id=school.pk))


@router.get("/schools/{school_id}", response=SchoolDetailOut)
def get_school(request: HttpRequest, school_id: int) -> Any:
    return selectors.school_get(user=request.user, school_id=school_id)


@router.patch("/schools/{school_id}", response=SchoolDetailOut)
def update_school(request: HttpRequest, school_id: int, payload: SchoolPatch) -> Any:
    school = selectors.school_get(user=request.user, school_id=school_id)
    services.school_update(actor=request.user, school=school, changes=_changes(payload))
    return selectors.school_get(user=request.user, school_id=school_id)


@router.post("/schools/{school_id}/departments", response={201: DepartmentOut})
def create_department(request: HttpRequest, school_id: int, payload: DepartmentIn) -> Any:
    school = selectors.school_get(user=request.user, school_id=school_id)
    department = services.department_create(
        actor=request.user, school=school, data=services.DepartmentInput(**payload.dict())
    )
    return Status(201, selectors.department_get(user=request.user, department_id=department.pk))


@router.get("/departments/{department_id}", response=DepartmentOut)
def get_department(request: HttpRequest, department_id: int) -> Any:
    return selectors.department_get(user=request.user, department_id=department_id)


@router.patch("/departments/{department_id}", response=DepartmentOut)
def update_department(request: HttpRequest, department_id: int, payload: DepartmentPatch) -> Any:
    department = selectors.department_get(user=request.user, department_id=department_id)
    return services.department_update(
        actor=request.user, department=department, changes=_changes(payload)
    )


# Companies -------------------------------------------------------------------------------


@router.get("/companies", response=list[CompanyOut])
@paginate(BoundedPagination)
def list_companies(request: HttpRequest, filters: Query[RegistryQuery]) -> Any:
    return selectors.company_list(user=request.user, filters=filters.to_filters())


@router.post("/companies", response={201: CompanyOut})
def create_company(request: HttpRequest, payload: CompanyIn) -> Any:
    data = payload.dict()
    company = services.company_create(
        actor=request.user,
        data=services.CompanyInput(
            contact=services.OrganisationContact(
                **{k: data[k] for k in services.ORGANISATION_CONTACT_FIELDS}
            ),
            region_code=data["region_code"],
            business_number=data["business_number"],
            ksic_code=data["ksic_code"],
            size_class=data["size_class"],
            employees=data["employees"],
        ),
    )
    return Status(201, selectors.company_get(user=request.user, company_id=company.pk))


@router.get("/companies/{company_id}", response=CompanyOut)
def get_company(request: HttpRequest, company_id: int) -> Any:
    return selectors.company_get(user=request.user, company_id=company_id)


@router.patch("/companies/{company_id}", response=CompanyOut)
def update_company(request: HttpRequest, company_id: int, payload: CompanyPatch) -> Any:
    company = selectors.company_get(user=request.user, company_id=company_id)
    services.company_update(actor=request.user, company=company, changes=_changes(payload))
    return selectors.company_get(user=request.user, company_id=company_id)


# Students --------------------------------------------------------------------------------


@router.get("/students", response=list[StudentOut])
@paginate(AccessLoggedPagination)
def list_students(request: HttpRequest, filters: Query[StudentQuery]) -> Any:
    return selectors.student_list(
        user=request.user, filters=selectors.StudentFilters(**filters.dict())
    )


@router.post("/students/search", response=list[StudentOut])
@paginate(AccessLoggedPagination)
def search_students(request: HttpRequest, search: StudentSearch) -> Any:
    """The student list searched by name or student number, sent in the body so that no
    personal data travels in the URL. Pagination (``limit``, ``offset``) stays in the URL."""
    return selectors.student_list(
        user=request.user, filters=selectors.StudentFilters(**search.dict())
    )


@router.post("/students", response={201: StudentOut})
def create_student(request: HttpRequest, payload: StudentIn) -> Any:
    data = payload.dict()
    school = selectors.school_get(user=request.user, school_id=data.pop("school_id"))
    student = services.student_create(
        actor=request.user, school=school, data=services.StudentInput(**data)
    )
    return Status(201, selectors.student_get(user=request.user, student_id=student.pk))


@router.get("/students/{student_id}", response=StudentOut)
def get_student(request: HttpRequest, student_id: int) -> Any:
    student = selectors.student_get(user=request.user, student_id=student_id)
    record_personal_data_access(request=request, subjects=[student], action=AccessAction.VIEW)
    return student


@router.patch("/students/{student_id}", response=StudentOut)
def update_student(request: HttpRequest, student_id: int, payload: StudentPatch) -> Any:
    student = selectors.student_get(user=request.user, student_id=student_id)
    services.student_update(actor=request.user, student=student, changes=_changes(payload))
    return selectors.student_get(user=request.user, student_id=student_id)
