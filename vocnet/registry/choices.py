"""Choices of the registry's reference lists for filter and entry forms, in the page's language.

Shared by every app's forms (demand, placements), so no app borrows another app's forms.
"""

from __future__ import annotations

from vocnet.core.i18n import is_english, localized_name
from vocnet.registry.models import NcsMajor, NcsMiddle, Region
from vocnet.registry.reference import ncs_middle_english


def ncs_middle_choices() -> list[tuple[str, str]]:
    """(code, "code name") of every NCS middle field; the English name on English pages."""
    english = ncs_middle_english() if is_english() else {}
    return [
        (code, f"{code} {english.get(code, name)}")
        for code, name in NcsMiddle.objects.values_list("code", "name_ko")
    ]


def ncs_major_choices() -> list[tuple[str, str]]:
    """(code, "code name") of every NCS major field, in code order."""
    return [(m.code, f"{m.code} {localized_name(m)}") for m in NcsMajor.objects.order_by("code")]


def region_choices() -> list[tuple[str, str]]:
    """(시군구 code, name) of every region, in code order."""
    return [(r.sigungu_code, localized_name(r)) for r in Region.objects.order_by("sigungu_code")]
