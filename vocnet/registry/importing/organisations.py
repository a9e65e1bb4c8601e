"""Importing schools (upsert on ``neis_code``) and companies (upsert on ``business_number``):
each row is an Organisation plus its School or Company record."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.db import models

from vocnet.core.users import UserLike
from vocnet.registry.importing.specs import COMPANIES, SCHOOLS
from vocnet.registry.models import (
    Company,
    KsicDivision,
    Organisation,
    OrganisationKind,
    Region,
    School,
)
from vocnet.spreadsheets.base import (
    WRITE_BATCH,
    Importer,
    Progress,
    SourceRow,
    changed_attributes,
    chunks,
    touch,
    update_rows,
)

ORGANISATION_ATTRS = (
    "name_ko",
    "name_en",
    "region_id",
    "address",
    "postal_code",
    "phone",
    "email",
    "website",
    "data_origin",
)


class OrganisationImporter(Importer):
    """Shared by schools and companies; subclasses name the key and the detail fields."""

    kind: ClassVar[str]
    key: ClassVar[str]
    detail_attrs: ClassVar[tuple[str, ...]]
    key_what: ClassVar[tuple[str, str]]

    def __init__(self, actor: UserLike, log: Any, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new_rows: list[SourceRow] = []
        self.changed_organisations: list[Organisation] = []
        self.changed_details: list[models.Model] = []
        self.organisation_fields: set[str] = set()
        self.detail_fields: set[str] = set()

    def resolve_extra(self, rows: list[SourceRow]) -> None:
        """Resolve entity-specific reference codes (the KSIC code of a company)."""

    def plan(self, rows: list[SourceRow]) -> None:
        region_ids = dict(Region.objects.values_list("sigungu_code", "pk"))
        self.resolve_code(
            rows, "region_code", "region_id", region_ids, "시군구 코드", "sigungu code"
        )
        self.resolve_extra(rows)
        self.reject_duplicates(rows, lambda v: v.get(self.key), self.key, *self.key_what)

        keys = [row.values[self.key] for row in rows if self.key in row.values]
        existing: dict[str, Any] = {}
        for chunk in chunks(sorted(set(keys))):
            for obj in self.model._default_manager.filter(
                **{f"{self.key}__in": chunk}
            ).select_related("organisation"):
                existing[getattr(obj, self.key)] = obj
        changeable: set[Any] = set()
        for pk_chunk in chunks([obj.pk for obj in existing.values()]):
            changeable |= self.changeable_ids(self.model._default_manager.filter(pk__in=pk_chunk))

        new_rows = [
            row for row in rows if self.key in row.values and row.values[self.key] not in existing
        ]
        self.authorize_new(
            new_rows,
            lambda v: (
                (("region_id", v["region_id"]), ("kind", self.kind)) if "region_id" in v else None
            ),
            "region_code",
        )
        for row in rows:
            found = existing.get(row.values.get(self.key, ""))
            if found is not None and found.pk not in changeable:
                self.deny(row, self.key)

        for row in rows:
            if not row.ok:
                continue
            current = existing.get(row.values[self.key])
            if current is None:
                self.new_rows.append(row)
                self.create += 1
                continue
            self._classify_existing(current, row.values)

    def _classify_existing(self, obj: Any, values: dict[str, Any]) -> None:
        organisation = obj.organisation
        organisation_changes = changed_attributes(organisation, values, ORGANISATION_ATTRS)
        detail_changes = changed_attributes(obj, values, self.detail_attrs)
        if not organisation_changes and not detail_changes:
            self.unchanged += 1
            return
        self.update += 1
        if organisation_changes:
            for attr in organisation_changes:
                setattr(organisation, attr, values[attr])
            self.changed_organisations.append(organisation)
            self.organisation_fields.update(organisation_changes)
        if detail_changes:
            for attr in detail_changes:
                setattr(obj, attr, values[attr])
            self.changed_details.append(obj)
            self.detail_fields.update(detail_changes)

    def write(self, progress: Progress | None = None) -> None:
        total = len(self.new_rows) + self.update
        organisations = [
            Organisation(
                kind=self.kind,
                **{attr: row.values[attr] for attr in ORGANISATION_ATTRS if attr in row.values},
            )
            for row in self.new_rows
        ]
        done = 0
        for batch_rows, batch in zip(
            chunks(self.new_rows, WRITE_BATCH), chunks(organisations, WRITE_BATCH), strict=True
        ):
            Organisation.objects.bulk_create(batch)
            self.model._default_manager.bulk_create(
                [
                    self.model(
                        organisation_id=organisation.pk,
                        **{self.key: row.values[self.key]},
                        **{a: row.values[a] for a in self.detail_attrs if a in row.values},
                    )
                    for row, organisation in zip(batch_rows, batch, strict=True)
                ]
            )
            done += len(batch)
            if progress is not None:
                progress("write", done, total)
        if self.changed_organisations:
            touch(self.changed_organisations)
            update_rows(
                Organisation,
                self.changed_organisations,
                sorted(self.organisation_fields | {"updated_at"}),
            )
        update_rows(self.model, self.changed_details, sorted(self.detail_fields))
        if progress is not None:
            progress("write", total, total)


class SchoolImporter(OrganisationImporter):
    spec = SCHOOLS
    model = School
    kind = OrganisationKind.SCHOOL
    key = "neis_code"
    detail_attrs = ("school_type", "establishment")
    key_what = ("학교코드", "NEIS code")
    denied_ko = "이 시·군의 학교를 등록하거나 이 학교를 수정할 권한이 없습니다"
    denied_en = "you may not register schools in this region or change this school"


class CompanyImporter(OrganisationImporter):
    spec = COMPANIES
    model = Company
    kind = OrganisationKind.COMPANY
    key = "business_number"
    detail_attrs = ("ksic_division_id", "size_class", "employees")
    key_what = ("사업자등록번호", "business number")
    denied_ko = "이 시·군의 기업을 등록하거나 이 기업을 수정할 권한이 없습니다"
    denied_en = "you may not register companies in this region or change this company"

    def resolve_extra(self, rows: list[SourceRow]) -> None:
        division_ids = dict(KsicDivision.objects.values_list("code", "pk"))
        self.resolve_code(
            rows,
            "ksic_code",
            "ksic_division_id",
            division_ids,
            "KSIC 중분류(2자리) 코드",
            "KSIC division (2-digit) code",
        )
