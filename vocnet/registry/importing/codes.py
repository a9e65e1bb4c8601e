"""What the registry adds to the spreadsheet layer: the 사업자등록번호 column parser (its check
digit is the registry's rule) and the reference-code sections of an import template."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vocnet.registry.models import KsicDivision, NcsMiddle, Region
from vocnet.registry.validators import business_number_is_valid, normalise_business_number
from vocnet.spreadsheets import EntitySpec
from vocnet.spreadsheets.columns import CellError, CellParser, as_text, shown
from vocnet.spreadsheets.templates import CodeSection, spec_template_xlsx


class BusinessNumber(CellParser):
    """사업자등록번호: 10 digits (hyphens and blanks allowed) whose last is the check digit."""

    rule_ko = "10자리 숫자(하이픈 허용), 마지막 자리는 검증번호"
    rule_en = "10 digits (hyphens allowed), the last being the check digit"
    is_code = True

    def parse(self, raw: object) -> str:
        number = normalise_business_number(as_text(raw))
        if not re.fullmatch(r"\d{10}", number):
            raise CellError(
                "business_number_format",
                f"10자리 숫자여야 합니다(예: 123-45-67890, 입력: {shown(raw)})",
                f"must be 10 digits, e.g. 123-45-67890 (got '{shown(raw)}')",
            )
        if not business_number_is_valid(number):
            raise CellError(
                "business_number_check_digit",
                f"검증번호(마지막 자리)가 맞지 않습니다(입력: {shown(raw)})",
                f"the check digit (last digit) does not match (got '{shown(raw)}')",
            )
        return number


def code_sections(spec: EntitySpec) -> list[CodeSection]:
    """The codes sheet of a template whose columns take official codes: regions
    (``region_code``), NCS middle categories (``ncs_code``), KSIC divisions (``ksic_code``)."""
    keys = {column.key for column in spec.columns}
    sections: list[CodeSection] = []
    if "region_code" in keys:
        sections.append(
            CodeSection(
                "시군구 코드 / region_code",
                ("코드 / Code", "시·군 / City or county", "교육지원청 / Support office"),
                [
                    (r.sigungu_code, f"{r.name_ko} ({r.name_en})", r.support_office.name_ko)
                    for r in Region.objects.select_related("support_office").order_by(
                        "sigungu_code"
                    )
                ],
            )
        )
    if "ncs_code" in keys:
        sections.append(
            CodeSection(
                "NCS 중분류 코드 / ncs_code",
                ("코드 / Code", "NCS 중분류 / Middle category", "대분류 / Major"),
                [
                    (m.code, m.name_ko, f"{m.major.code} {m.major.name_ko}")
                    for m in NcsMiddle.objects.select_related("major").order_by("code")
                ],
            )
        )
    if "ksic_code" in keys:
        sections.append(
            CodeSection(
                "KSIC 중분류 코드 / ksic_code",
                ("코드 / Code", "KSIC 중분류 / Division", "대분류 / Section"),
                [
                    (d.code, d.name_ko_11th or d.name_ko, f"{d.section.code} {d.section.name_ko}")
                    for d in KsicDivision.objects.select_related("section").order_by("code")
                ],
            )
        )
    return sections


def template_with_codes(
    spec: EntitySpec,
    *,
    notes: Sequence[tuple[str, str]] | None = None,
    extra_rows: Sequence[Sequence[object]] = (),
) -> bytes:
    """``spec_template_xlsx`` with the codes sheet its columns need (any app's import)."""
    if notes is None:
        return spec_template_xlsx(spec, extra_rows=extra_rows, codes=code_sections(spec))
    return spec_template_xlsx(spec, notes=notes, extra_rows=extra_rows, codes=code_sections(spec))
