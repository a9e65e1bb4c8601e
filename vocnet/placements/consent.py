"""Consent to the standard contract (표준협약서) by the student and the guardian: the key items
each consents to, the re-authentication window, and the signed content's canonical hash.

Plain Python (no Django import): the services check a :class:`ConsentGiven` against
:data:`ITEMS` and :data:`REAUTHENTICATION_SECONDS`; the receipt and the public verification
page compare :func:`content_sha256` of a version. See docs/adr/0033-consent-that-is-real.md.

Canonical serialisation of the signed content (what the SHA-256 covers)::

    {"contract": <contract id>, "terms": <the version's terms>, "version": <number>}

as UTF-8 JSON with the keys of every object sorted, no whitespace (``separators=(",", ":")``)
and non-ASCII characters kept as they are (``ensure_ascii=False``). The terms are the JSON the
version stores (``ContractVersion.terms``) — the same object the agreement text on the signing
page and in the PDF is rendered from. The contract id and version number are inside, so a new
version with the same terms (after a withdrawal) has a different hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# Re-authentication counts for five minutes (the password asked again after that).
REAUTHENTICATION_SECONDS = 5 * 60


@dataclass(frozen=True)
class ConsentItem:
    """One key item of the contract the student or guardian consents to explicitly."""

    code: str
    label_ko: str
    label_en: str

    @property
    def field(self) -> str:
        """The form and API field of the item's checkbox."""
        return f"consent_{self.code}"


# The five key items (issue 15 §3): the hours (직업교육훈련 촉진법 제9조의2), the allowance
# (제9조 ④ 복리후생, 제27조 ① 2 라), the safety and health measures (제9조의4, 제27조 ① 2 마), the
# 산재보험 (산업재해보상보험법 제123조) and the use of the student's personal data.
ITEMS: tuple[ConsentItem, ...] = (
    ConsentItem("hours", "실습 기간과 시간", "training period and hours"),
    ConsentItem("allowance", "현장실습 수당", "training allowance"),
    ConsentItem("safety", "안전·보건 조치", "safety and health measures"),
    ConsentItem("insurance", "산재보험", "industrial-accident insurance"),
    ConsentItem("personal_data", "개인정보 이용", "use of personal data"),
)
ITEM_CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)

PERSONAL_DATA_KO = (
    "학교·기업·교육청은 현장실습을 운영하기 위해서만(협약, 실습 일지, 순회지도, 사고·고충 처리, "
    "평가) 학생의 이름, 학번, 학교·학과·학년, 생년월일과 실습 기록을 이용합니다. 기업은 협약 "
    "이행에 필요한 범위에서만 이용합니다. 기록은 재학 중과 졸업·전학 후 다음 학년도 말까지 "
    "보관한 뒤 학교가 삭제하거나 가명 처리하며, 열람·변경·내려받기는 모두 접속기록에 남습니다"
    "(개인정보 보호법 제15조, 제21조)."
)


@dataclass(frozen=True)
class ConsentGiven:
    """What a student or guardian gave on the signing page: the items ticked and when they
    last re-authenticated (None: not within this session)."""

    items: frozenset[str]
    reauthenticated_at: datetime | None


def missing_items(given: frozenset[str]) -> list[ConsentItem]:
    """The key items not consented to, in the order of :data:`ITEMS`."""
    return [item for item in ITEMS if item.code not in given]


def reauthentication_is_fresh(at: datetime | None, now: datetime) -> bool:
    """True when ``at`` lies within :data:`REAUTHENTICATION_SECONDS` before ``now``."""
    if at is None:
        return False
    return timedelta(0) <= now - at <= timedelta(seconds=REAUTHENTICATION_SECONDS)


def canonical_content(contract_id: int, version_number: int, terms: dict[str, Any]) -> bytes:
    """The signed content as canonical UTF-8 JSON (see the module docstring)."""
    envelope = {"contract": contract_id, "terms": terms, "version": version_number}
    return json.dumps(
        envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_sha256(contract_id: int, version_number: int, terms: dict[str, Any]) -> str:
    """The SHA-256 of :func:`canonical_content`, 64 lowercase hex digits."""
    return hashlib.sha256(canonical_content(contract_id, version_number, terms)).hexdigest()
