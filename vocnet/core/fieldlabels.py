"""What people read instead of a field's code name: ``schedule[0].end`` is "근무 일정 1번째
날의 종료 시각", ``daily_hours`` "하루 실습 시간", ``support_office`` "교육지원청".

Error bodies of the API keep the code name in ``field`` (clients match on it); every message a
person reads — a page's error, a form's error summary, the text of ``ValidationFailed`` —
names the field by its label from here. A name with no label is shown as "입력 항목" /
"an input", never as the identifier.
"""

from __future__ import annotations

import re

from vocnet.core.i18n import is_english

# Code name → (Korean, English). API query parameters, service field names and rule codes.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "__all__": ("입력", "the input"),
    "agreement": ("협약", "agreement"),
    "application": ("신청", "application"),
    "break": ("휴게 시간", "break"),
    "break_minutes": ("휴게 시간(분)", "break (minutes)"),
    "business_number": ("사업자등록번호", "business registration number"),
    "call_id": ("공모", "call"),
    "change_note": ("변경 사유", "reason for the change"),
    "code": ("코드", "code"),
    "commitments": ("약속", "commitments"),
    "company": ("기업", "company"),
    "company_id": ("기업", "company"),
    "cursor": ("다음 쪽 위치", "page position"),
    "daily_hours": ("하루 실습 시간", "hours a day"),
    "beyond_agreed_schedule": ("협약한 실습 일정", "the agreed schedule"),
    "daily_extension": ("하루 연장 시간", "daily extension"),
    "date": ("날짜", "date"),
    "days": ("일수", "days"),
    "department": ("학과", "department"),
    "department_id": ("학과", "department"),
    "department_name": ("학과명", "department name"),
    "description": ("설명", "description"),
    "designation": ("지정 사업", "designation"),
    "end": ("종료 시각", "end time"),
    "end_date": ("종료일", "end date"),
    "extension_without_agreement": ("연장 합의", "extension agreement"),
    "file": ("파일", "file"),
    "findings": ("점검 결과", "findings"),
    "from_year": ("시작 연도", "from year"),
    "grade": ("학년", "grade"),
    "graduate_key": ("졸업생 식별값", "graduate key"),
    "graduation_year": ("졸업 연도", "graduation year"),
    "hazard_categories": ("유해·위험 작업", "hazardous work"),
    "hours": ("시간", "hours"),
    "ids": ("선택한 항목", "selected items"),
    "kind": ("유형", "kind"),
    "ksic": ("업종(KSIC)", "industry (KSIC)"),
    "ksic_code": ("업종 코드(KSIC)", "industry code (KSIC)"),
    "level": ("단계", "level"),
    "limit": ("한 번에 받을 건수", "page size"),
    "min_conversion": ("최소 전환 인원", "minimum conversion"),
    "mip_gap": ("최적화 허용 오차", "optimisation gap"),
    "month": ("월", "month"),
    "name": ("이름", "name"),
    "ncs": ("NCS 분야", "NCS field"),
    "ncs_code": ("NCS 분야 코드", "NCS code"),
    "negative_intake": ("모집 인원", "intake"),
    "night_work": ("야간 실습", "night training"),
    "occupation": ("직종", "occupation"),
    "offer": ("현장실습 제안", "offer"),
    "offer_ids": ("현장실습 제안", "offers"),
    "offset": ("시작 위치", "offset"),
    "organisation": ("기관", "organisation"),
    "organisation_id": ("기관", "organisation"),
    "override_reason": ("예외 사유", "reason for the exception"),
    "page": ("쪽", "page"),
    "parties": ("협약 당사자", "parties"),
    "per_page": ("쪽당 건수", "rows per page"),
    "preference_deadline": ("희망 제출 마감", "preference deadline"),
    "q": ("검색어", "search"),
    "ranking_deadline": ("순위 제출 마감", "ranking deadline"),
    "reason": ("사유", "reason"),
    # The consent items of the standard contract (vocnet.placements.consent, ADR 0033).
    "consent_hours": ("실습 기간과 시간 동의", "consent to the period and hours"),
    "consent_allowance": ("현장실습 수당 동의", "consent to the allowance"),
    "consent_safety": ("안전·보건 조치 동의", "consent to the safety measures"),
    "consent_insurance": ("산재보험 동의", "consent to the insurance"),
    "consent_personal_data": ("개인정보 이용 동의", "consent to the use of personal data"),
    "password": ("비밀번호", "password"),
    "region": ("시·군", "city or county"),
    "region_code": ("시·군", "city or county"),
    "response": ("답변", "response"),
    "round": ("배정 차수", "round"),
    "schedule": ("근무 일정", "schedule"),
    "school": ("학교", "school"),
    "school_type": ("학교 유형", "school type"),
    "size_class": ("기업 규모", "company size"),
    "stage": ("단계", "stage"),
    "start": ("시작 시각", "start time"),
    "start_date": ("시작일", "start date"),
    "status": ("상태", "status"),
    "student": ("학생", "student"),
    "student_id": ("학생", "student"),
    "subject_id": ("대상자", "data subject"),
    "subject_kind": ("대상자 유형", "kind of data subject"),
    "support_office": ("교육지원청", "support office"),
    "support_office_id": ("교육지원청", "support office"),
    "tie_rule": ("동점 처리 규칙", "tie rule"),
    "time_limit": ("계산 시간 제한", "time limit"),
    "to_year": ("끝 연도", "to year"),
    "total_change": ("총 변경 인원", "total change"),
    "weekday": ("요일", "weekday"),
    "weekly_hours": ("주간 실습 시간", "hours a week"),
    "year": ("연도", "year"),
    # The field-training rules (vocnet.placements.rules), named on the rules page.
    "breaks": ("휴게 시간", "breaks"),
    "weekly_extension": ("주간 연장 시간", "weekly extension"),
    "hazardous_work": ("유해·위험 작업", "hazardous work"),
    "holiday_calendar_missing": ("공휴일 자료", "holiday calendar"),
    "holiday_training": ("휴일 실습", "training on a holiday"),
    "night_training": ("야간 실습", "night training"),
    "period_too_long": ("실습 기간", "training period"),
    "time_order": ("시작·종료 시각 순서", "start before end"),
    "unknown_hazard_category": ("유해·위험 작업 구분", "hazard category"),
    "unknown_training_type": ("현장실습 유형", "training type"),
    # Courses: credits, hires (issue 17 §3).
    "enrolment_ids": ("이수 과목", "completed courses"),
    "student_ids": ("학생", "students"),
    "hired_on": ("채용일", "hiring date"),
    "note": ("비고", "note"),
}

UNKNOWN = ("입력 항목", "an input")
_INDEXED = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<part>[a-z_]+))?$")


def field_label_pair(name: str) -> tuple[str, str]:
    """The Korean and English label of the field ``name`` (a code name, a dotted path or an
    indexed path such as ``schedule[2].end``)."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    match = _INDEXED.match(name)
    if match:
        whole_ko, whole_en = FIELD_LABELS.get(match["name"], UNKNOWN)
        number = int(match["index"]) + 1
        ko, en = f"{whole_ko} {number}번째 항목", f"{whole_en}, item {number}"
        if match["part"]:
            part_ko, part_en = FIELD_LABELS.get(match["part"], UNKNOWN)
            return f"{ko}의 {part_ko}", f"{en}: {part_en}"
        return ko, en
    if "." in name:
        parts = [field_label_pair(part) for part in name.split(".")]
        return " ".join(ko for ko, _ in parts), ": ".join(en for _, en in parts)
    if name.endswith("_id") and name[:-3] in FIELD_LABELS:
        return FIELD_LABELS[name[:-3]]
    return UNKNOWN


def field_label(name: str) -> str:
    """The label of the field ``name`` in the interface language."""
    ko, en = field_label_pair(name)
    return en if is_english() else ko
