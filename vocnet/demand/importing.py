"""Bulk upload of demand declarations from .xlsx or .csv, on the registry's import engine
(``vocnet.spreadsheets``): the same reading, header matching, per-row error report
(row, column, rule in Korean and English), dry run and all-or-nothing write.

A row names its organisation by business number (companies) or organisation id (any
declarant); a company or local-government user may leave both empty for their own. The key
is (organisation, NCS field, occupation, region, year): a row matching a declaration already
there updates its headcount, certificates and note, so importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.utils import timezone

from vocnet.core.errors import PermissionDenied
from vocnet.core.models import record_audit
from vocnet.core.permissions import Action, actor_for, authorize_create, restrict
from vocnet.core.users import UserLike, user_row
from vocnet.demand.models import DECLARANT_KINDS, MAX_CERTIFICATES, DemandDeclaration
from vocnet.demand.policies import DECLARING_ROLES, declaring_organisations
from vocnet.demand.services.declarations import clean_certificates, declaration_years
from vocnet.registry.importing.codes import BusinessNumber, template_with_codes
from vocnet.registry.models import Company, NcsMiddle, Organisation, Region
from vocnet.spreadsheets import EntitySpec, ErrorLog, ImportedFile, Importer, ImportSpec, SourceRow
from vocnet.spreadsheets.columns import (
    CellError,
    CellParser,
    Column,
    Digits,
    Integer,
    Pattern,
    Text,
    as_text,
)


class Certificates(CellParser):
    """Certificate names separated by ``;`` or ``,`` (at most ten, 50 characters each)."""

    rule_ko = f"자격증 이름을 ; 로 구분(최대 {MAX_CERTIFICATES}개)"
    rule_en = f"certificate names separated by ; (at most {MAX_CERTIFICATES})"
    empty: Any = []

    def parse(self, raw: object) -> list[str]:
        text = as_text(raw).replace(",", ";")
        names = clean_certificates(text.split(";"))
        if len(names) > MAX_CERTIFICATES or any(len(name) > 50 for name in names):
            raise CellError(
                "invalid_certificates",
                f"자격증은 {MAX_CERTIFICATES}개까지, 이름은 50자까지입니다",
                f"at most {MAX_CERTIFICATES} certificates of up to 50 characters each",
            )
        return names


DECLARATIONS = EntitySpec(
    entity="declarations",
    label_ko="인력 수요",
    label_en="workforce demand",
    columns=(
        Column(
            "business_number",
            "사업자등록번호",
            BusinessNumber(),
            note_ko="(기업; 기관 ID 대신)",
            note_en="(companies; instead of organisation_id)",
            example="220-81-62517",
        ),
        Column(
            "organisation_id",
            "기관 ID",
            Integer(1, 2**53),
            note_ko="(기업이 아닌 기관; 자기 기관이면 비워 둠)",
            note_en="(other declarants; leave empty for your own organisation)",
            example="",
        ),
        Column("ncs_code", "NCS 중분류 코드", Digits(4, pad=True), required=True, example="1506"),
        Column("occupation", "직무", Text(100), required=True, example="자동차 부품 생산원"),
        Column(
            "region_code",
            "근무 시·군 코드",
            Pattern(
                r"41\d{3}",
                "invalid_sigungu_code",
                "41로 시작하는 5자리 시군구 코드",
                "a 5-digit sigungu code starting with 41",
                max_length=5,
            ),
            note_ko="(비우면 기관 소재지)",
            note_en="(empty: the organisation's region)",
            example="41390",
        ),
        Column("year", "채용 연도", Integer(2000, 2100), required=True, example="2028"),
        Column("headcount", "채용 인원", Integer(1, 100_000), required=True, example="12"),
        Column(
            "certificates", "요구 자격증", Certificates(), example="자동차정비기능사; 전기기능사"
        ),
        Column("note", "비고", Text(300), example=""),
    ),
    key_ko="기관·NCS 중분류·직무·시·군·연도가 같은 신고가 이미 있으면 인원·자격증·비고를 고칩니다.",
    key_en="A row with the organisation, NCS field, occupation, region and year of an existing "
    "declaration updates its headcount, certificates and note.",
)
DENIED_KO = "이 기관의 인력 수요를 신고할 권한이 없거나 없는 기관입니다"
DENIED_EN = "you may not declare demand for this organisation, or it does not exist"


class DeclarationImporter(Importer):
    spec = DECLARATIONS
    model = DemandDeclaration
    denied_ko = DENIED_KO
    denied_en = DENIED_EN

    def __init__(self, actor: UserLike, log: ErrorLog, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new: list[DemandDeclaration] = []
        self.changed: list[DemandDeclaration] = []

    def _organisations(self, rows: list[SourceRow]) -> dict[int, Organisation]:
        numbers = {r.values["business_number"] for r in rows if r.values.get("business_number")}
        by_number = dict(
            Company.objects.filter(business_number__in=numbers).values_list(
                "business_number", "organisation_id"
            )
        )
        own = sorted(declaring_organisations(actor_for(self.actor)))
        for row in rows:
            values = row.values
            if values.get("business_number"):
                found = by_number.get(values["business_number"])
                if found is None or (
                    values.get("organisation_id") and values["organisation_id"] != found
                ):
                    self.deny(row, "business_number")
                    continue
                values["organisation_id"] = found
            elif not values.get("organisation_id"):
                if len(own) != 1:
                    self.log.add(
                        row,
                        "organisation_id",
                        "required",
                        "사업자등록번호나 기관 ID를 적으세요",
                        "give a business number or an organisation id",
                    )
                    continue
                values["organisation_id"] = own[0]
        ids = {r.values["organisation_id"] for r in rows if r.ok and "organisation_id" in r.values}
        return {o.pk: o for o in Organisation.objects.filter(pk__in=ids, kind__in=DECLARANT_KINDS)}

    def plan(self, rows: list[SourceRow]) -> None:  # noqa: C901 (one flat check per column)
        organisations = self._organisations(rows)
        regions = dict(Region.objects.values_list("sigungu_code", "pk"))
        ncs = dict(NcsMiddle.objects.values_list("code", "pk"))
        first, last = declaration_years(self.today)
        allowed: set[int] = set()
        for organisation_id in organisations:
            try:
                authorize_create(self.actor, DemandDeclaration, organisation_id=organisation_id)
            except PermissionDenied:
                continue
            allowed.add(organisation_id)
        for row in rows:
            values = row.values
            if not row.ok:
                continue
            organisation = organisations.get(values.get("organisation_id", 0))
            if organisation is None or organisation.pk not in allowed:
                self.deny(row, "organisation_id")
                continue
            if values.get("region_code"):
                values["region_id"] = regions.get(values["region_code"])
                if values["region_id"] is None:
                    self.log.add(
                        row,
                        "region_code",
                        "unknown_region",
                        f"경기도의 시군구 코드가 아닙니다: {values['region_code']}",
                        f"not a Gyeonggi sigungu code: {values['region_code']}",
                    )
            elif organisation.region_id is None:
                self.log.add(
                    row,
                    "region_code",
                    "required",
                    "기관 소재지가 없으니 근무 시·군 코드를 적으세요",
                    "the organisation has no region: give the region code",
                )
            else:
                values["region_id"] = organisation.region_id
            values["ncs_middle_id"] = ncs.get(values.get("ncs_code", ""))
            if "ncs_code" in values and values["ncs_middle_id"] is None:
                self.log.add(
                    row,
                    "ncs_code",
                    "unknown_ncs",
                    f"NCS 중분류 코드가 아닙니다: {values['ncs_code']}",
                    f"not an NCS middle-category code: {values['ncs_code']}",
                )
            year = values.get("year")
            if year is not None and not first <= year <= last:
                self.log.add(
                    row,
                    "year",
                    "year_out_of_horizon",
                    f"채용 연도는 {first}~{last}년 사이여야 합니다",
                    f"the hiring year must be from {first} to {last}",
                )
        self.reject_duplicates(
            (r for r in rows if r.ok),
            lambda v: (
                v.get("organisation_id"),
                v.get("ncs_middle_id"),
                v.get("occupation"),
                v.get("region_id"),
                v.get("year"),
            ),
            "occupation",
            "기관·분야·직무·시·군·연도",
            "organisation, field, occupation, region and year",
        )
        keys: dict[tuple[int, int, str, int, int], SourceRow] = {}
        for row in rows:
            if row.ok:
                v = row.values
                key = (
                    v["organisation_id"],
                    v["ncs_middle_id"],
                    v["occupation"],
                    v["region_id"],
                    v["year"],
                )
                keys[key] = row
        existing = {
            (d.organisation_id, d.ncs_middle_id, d.occupation, d.region_id, d.year): d
            for d in restrict(
                self.actor,
                DemandDeclaration.objects.filter(
                    organisation_id__in=allowed, year__in={k[4] for k in keys}
                ),
                Action.CHANGE,
            )
        }
        for key, row in keys.items():
            values = row.values
            certificates = values.get("certificates", [])
            note = values.get("note", "")
            current = existing.get(key)
            if current is None:
                self.create += 1
                self.new.append(
                    DemandDeclaration(
                        organisation_id=key[0],
                        ncs_middle_id=key[1],
                        occupation=key[2],
                        region_id=key[3],
                        year=key[4],
                        headcount=values["headcount"],
                        certificates=certificates,
                        note=note,
                        created_by=user_row(self.actor),
                    )
                )
            elif (current.headcount, current.certificates, current.note) == (
                values["headcount"],
                certificates,
                note,
            ):
                self.unchanged += 1
            else:
                current.headcount = values["headcount"]
                current.certificates = certificates
                current.note = note
                self.update += 1
                self.changed.append(current)

    def write(self, progress: Any = None) -> None:
        DemandDeclaration.objects.bulk_create(self.new, batch_size=2000)
        now = timezone.now()
        for declaration in self.changed:
            declaration.updated_at = now
        DemandDeclaration.objects.bulk_update(
            self.changed, ["headcount", "certificates", "note", "updated_at"], batch_size=500
        )


def _audit_per_organisation(actor: UserLike, importer: Importer, file: ImportedFile) -> None:
    """One audit entry per organisation whose declarations were written."""
    assert isinstance(importer, DeclarationImporter)
    by_organisation: dict[int, list[DemandDeclaration]] = defaultdict(list)
    for declaration in [*importer.new, *importer.changed]:
        by_organisation[declaration.organisation_id].append(declaration)
    for declarations in by_organisation.values():
        record_audit(
            actor=actor,
            action="demand.import",
            obj=declarations[0],
            after={
                **file.audit_after(),
                "organisation_id": declarations[0].organisation_id,
                "rows": len(declarations),
            },
        )


# Permission is checked per organisation through ``vocnet.core.permissions`` (a refused row
# is a ``permission_denied`` row error).
DECLARATION_IMPORT = ImportSpec(
    columns=DECLARATIONS,
    importer=DeclarationImporter,
    audit_by=_audit_per_organisation,
    roles=frozenset(DECLARING_ROLES),
    module=__name__,
)


def template_xlsx() -> bytes:
    """The empty import template: the data sheet, a guide of the columns, the codes."""
    first, last = declaration_years()
    note = (
        f"채용 연도는 {first}~{last}년입니다. 한 행이라도 오류가 있으면 아무것도 저장하지 "
        "않습니다. 먼저 검사(dry run)하세요.",
        f"Hiring years run from {first} to {last}. If any row has an error nothing is "
        "saved: check the file first with a dry run.",
    )
    return template_with_codes(DECLARATIONS, notes=[note])
