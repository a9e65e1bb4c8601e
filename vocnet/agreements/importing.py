"""Bulk import of deliveries from .xlsx or .csv, on the registry's import engine
(``vocnet.spreadsheets``): the same reading, header matching, per-row error report
(row, column, rule in Korean and English), dry run and all-or-nothing write.

A row names a commitment by its number (``commitment_id``, as in the commitments export);
the delivery is recorded against that commitment's lineage in the version in force, so a
number from an earlier version still works after an amendment. A row identical to a delivery
already recorded (same commitment, date, quantity and note) is left alone, so importing the
same file twice records nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from vocnet.agreements.models import IN_FORCE_STATUSES, Agreement, Commitment, Delivery
from vocnet.agreements.rules import as_decimal, quantity_problems
from vocnet.agreements.services.deliveries import delivery_date_problems
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike, user_row
from vocnet.registry.models import Role
from vocnet.spreadsheets import (
    EntitySpec,
    ErrorLog,
    ImportedFile,
    Importer,
    ImportSpec,
    SourceRow,
    spec_template_xlsx,
)
from vocnet.spreadsheets.columns import (
    CellError,
    CellParser,
    Column,
    DateValue,
    Integer,
    Text,
)


class Quantity(CellParser):
    """A number with at most two decimals; negative for a correction."""

    rule_ko = "숫자(소수점 둘째 자리까지, 정정은 음수)"
    rule_en = "a number (two decimals at most; negative for a correction)"

    def parse(self, raw: object) -> Decimal:
        value = as_decimal(repr(raw) if isinstance(raw, float) else raw)
        if value is None:
            raise CellError(
                "not_number",
                f"숫자여야 합니다(입력: {str(raw)[:30]})",
                f"must be a number (got '{str(raw)[:30]}')",
            )
        return value


DELIVERIES = EntitySpec(
    entity="deliveries",
    label_ko="이행 실적",
    label_en="deliveries",
    columns=(
        Column(
            "commitment_id",
            "약속 번호",
            Integer(1, 2**53),
            required=True,
            note_ko="(약속 목록 내려받기의 '약속 번호')",
            note_en="(the 'commitment_id' of the commitments export)",
            example="12",
        ),
        Column("delivered_on", "이행일", DateValue(), required=True, example="2026-05-31"),
        Column("quantity", "이행량", Quantity(), required=True, example="10"),
        Column("note", "비고", Text(300), example="1학기 현장실습 10명"),
    ),
    key_ko="약속·이행일·이행량·비고가 같은 실적이 이미 있으면 다시 기록하지 않습니다.",
    key_en="A row equal to a delivery already recorded (commitment, date, quantity, note) is "
    "not recorded again.",
)


DENIED_KO = "이 약속의 실적을 기록할 권한이 없거나 없는 약속 번호입니다"
DENIED_EN = "you may not record deliveries for this commitment, or it does not exist"


class DeliveryImporter(Importer):
    spec = DELIVERIES
    model = Delivery
    denied_ko = DENIED_KO
    denied_en = DENIED_EN

    def __init__(self, actor: UserLike, log: ErrorLog, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new: list[Delivery] = []

    def plan(self, rows: list[SourceRow]) -> None:
        ids = sorted({row.values["commitment_id"] for row in rows if "commitment_id" in row.values})
        named = {
            c.pk: c
            for c in Commitment.objects.filter(pk__in=ids).select_related(
                "party__version__agreement"
            )
        }
        agreements = {
            c.party.version.agreement_id: c.party.version.agreement for c in named.values()
        }
        visible = set(
            restrict(self.actor, Agreement.objects.filter(pk__in=list(agreements))).values_list(
                "pk", flat=True
            )
        )
        # The commitment of the version in force with the same lineage as the named one.
        in_force = {
            (c.party.version.agreement_id, c.lineage): c
            for c in Commitment.objects.filter(
                party__version_id__in=[
                    a.in_force_version_id for a in agreements.values() if a.in_force_version_id
                ],
                lineage__in=[c.lineage for c in named.values()],
            ).select_related("party__organisation", "party__version__agreement")
        }
        actor = actor_for(self.actor)
        existing = {
            (agreement_id, str(lineage), day, quantity, note)
            for agreement_id, lineage, day, quantity, note in Delivery.objects.filter(
                agreement_id__in=list(agreements)
            ).values_list("agreement_id", "commitment__lineage", "delivered_on", "quantity", "note")
        }
        seen: dict[tuple[Any, ...], int] = {}
        for row in rows:
            values = row.values
            named_commitment = named.get(values.get("commitment_id", 0))
            if named_commitment is None:
                if "commitment_id" in values:
                    self.deny(row, "commitment_id")
                continue
            agreement = named_commitment.party.version.agreement
            if agreement.pk not in visible:
                self.deny(row, "commitment_id")
                continue
            commitment = in_force.get((agreement.pk, named_commitment.lineage))
            if agreement.status not in IN_FORCE_STATUSES or commitment is None:
                self.log.add(
                    row,
                    "commitment_id",
                    "not_in_force",
                    "시행 중인 협약의 효력 있는 약속이 아닙니다",
                    "not a commitment of an agreement in force",
                )
                continue
            if not (
                actor.is_province
                or commitment.party.organisation_id in actor.staff_organisation_ids
            ):
                self.deny(row, "commitment_id")
                continue
            if "delivered_on" in values:
                for p in delivery_date_problems(
                    "delivered_on", values["delivered_on"], agreement, self.today
                ):
                    self.log.add(row, p.field, p.code, p.message_ko, p.message_en)
            if "quantity" in values:
                for p in quantity_problems(
                    "quantity", values["quantity"], commitment.unit, allow_negative=True
                ):
                    self.log.add(row, p.field, p.code, p.message_ko, p.message_en)
                if values["quantity"] < 0 and not values.get("note"):
                    self.log.add(
                        row,
                        "note",
                        "required",
                        "정정(음수) 실적에는 비고가 필요합니다",
                        "a correction (negative quantity) needs a note",
                    )
            if not row.ok:
                continue
            note = values.get("note") or ""
            quantity = values["quantity"].quantize(Decimal("0.01"))
            key = (agreement.pk, str(commitment.lineage), values["delivered_on"], quantity, note)
            first = seen.setdefault(key, row.number)
            if first != row.number:
                self.log.add(
                    row,
                    "commitment_id",
                    "duplicate_in_file",
                    f"{first}행과 약속·이행일·이행량·비고가 같습니다(파일 안 중복)",
                    f"same commitment, date, quantity and note as row {first} "
                    "(duplicate in the file)",
                )
                continue
            if key in existing:
                self.unchanged += 1
                continue
            self.create += 1
            self.new.append(
                Delivery(
                    agreement=agreement,
                    commitment=commitment,
                    delivered_on=values["delivered_on"],
                    quantity=quantity,
                    note=note,
                    recorded_by=user_row(self.actor),
                )
            )

    def write(self, progress: Any = None) -> None:
        Delivery.objects.bulk_create(self.new)


def _audit_per_agreement(actor: UserLike, importer: Importer, file: ImportedFile) -> None:
    """One audit entry per agreement that received deliveries, naming the file and them."""
    assert isinstance(importer, DeliveryImporter)
    by_agreement: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in importer.new:
        by_agreement[delivery.agreement_id].append(delivery)
    for deliveries in by_agreement.values():
        record_audit(
            actor=actor,
            action="delivery.import",
            obj=deliveries[0].agreement,
            after={**file.audit_after(), "delivery_ids": [d.pk for d in deliveries]},
        )


# Permission is checked per row through ``vocnet.core.permissions``: a row naming a
# commitment the actor may not record for (or that does not exist — the two are not told
# apart) is a ``permission_denied`` row error.
DELIVERY_IMPORT = ImportSpec(
    columns=DELIVERIES,
    importer=DeliveryImporter,
    audit_by=_audit_per_agreement,
    # Staff of any party may record; students and guardians never.
    roles=frozenset(Role) - {Role.STUDENT, Role.GUARDIAN},
    module=__name__,
)


def template_xlsx() -> bytes:
    """The empty import template: the data sheet and a guide of the columns."""
    note = (
        "한 행이라도 오류가 있으면 아무것도 저장하지 않습니다. 먼저 검사(dry run)하세요.",
        "If any row has an error nothing is saved: check the file first with a dry run.",
    )
    return spec_template_xlsx(DELIVERIES, notes=[note])
