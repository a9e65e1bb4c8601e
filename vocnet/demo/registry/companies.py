"""Planning the demo's synthetic companies: a Gyeonggi-like industry mix, clustered where the
industries cluster, mostly small firms and a few large ones.

Business registration numbers are synthetic: ``000`` (no tax office has that code) + a
corporate type code + a shuffled serial + the real check digit, so they pass validation
and can never be mistaken for, or collide with, a real company's number.
"""

from __future__ import annotations

import math
import random

from vocnet.demo.registry.fields import (
    COMPANY_REGION_WEIGHTS,
    INDUSTRIES,
    INDUSTRY_BY_KEY,
    SIHEUNG,
    Industry,
)
from vocnet.demo.registry.inputs import Inputs
from vocnet.demo.registry.names import COMPANY_PREFIXES, COMPANY_WORDS
from vocnet.demo.registry.plan import (
    DEMO_EMAIL_DOMAIN,
    SYNTHETIC_NOTE,
    PlannedCompany,
    PlannedOrganisation,
)
from vocnet.registry.validators import business_number_check_digit

FULL_COMPANY_COUNT = 3200
BUSINESS_NUMBER_PREFIX = "000"
# 법인 type codes (81, 86, 87, 88) give room for ~40,000 serials.
CORPORATE_TYPE_CODES = ("81", "86", "87", "88")
SERIALS_PER_TYPE = 9999

# (size class, employees from, employees to, base probability)
SIZE_CLASSES = (
    ("large", 1000, 15000, 0.02),
    ("midsize", 300, 999, 0.07),
    ("sme", 50, 299, 0.49),
    ("micro", 5, 49, 0.42),
)
LEGAL_FORMS = (("(주){}", 60), ("주식회사 {}", 20), ("{}(주)", 10), ("(유){}", 5), ("{}", 5))


def business_numbers(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct synthetic business numbers in a seeded order."""
    capacity = len(CORPORATE_TYPE_CODES) * SERIALS_PER_TYPE
    if count > capacity:
        raise ValueError(f"At most {capacity} synthetic business numbers; {count} asked.")
    numbers = []
    for index in rng.sample(range(capacity), count):
        type_code = CORPORATE_TYPE_CODES[index // SERIALS_PER_TYPE]
        first_nine = f"{BUSINESS_NUMBER_PREFIX}{type_code}{index % SERIALS_PER_TYPE + 1:04d}"
        numbers.append(first_nine + str(business_number_check_digit(first_nine)))
    return numbers


def _size(rng: random.Random, industry: Industry) -> tuple[str, int]:
    bias = industry.large_bias
    weights = [p * (bias if key in ("large", "midsize") else 1.0) for key, *_, p in SIZE_CLASSES]
    key, low, high, _ = rng.choices(SIZE_CLASSES, weights=weights)[0]
    # Log-uniform inside the class: many firms near its lower bound, few near the top.
    employees = round(math.exp(rng.uniform(math.log(low), math.log(high))))
    return key, employees


def _name(rng: random.Random, industry: Industry, taken: set[str]) -> str:
    forms = [form for form, _ in LEGAL_FORMS]
    form_weights = [weight for _, weight in LEGAL_FORMS]
    words = COMPANY_WORDS[industry.key]
    for attempt in range(1000):
        core = rng.choice(COMPANY_PREFIXES) + rng.choice(words)
        if attempt > 20:
            # Crowded industries: a second prefix makes room (e.g. 한빛동진반도체).
            core = rng.choice(COMPANY_PREFIXES) + core
        name = rng.choices(forms, weights=form_weights)[0].format(core)
        if core not in taken:
            taken.add(core)
            return name
    raise RuntimeError(f"No free company name left for {industry.key}.")


def plan_companies(inputs: Inputs, *, seed: int, scale: float) -> list[PlannedCompany]:
    """``round(3200 × scale)`` companies (at least one). The first is always an automotive
    parts maker in 시흥시, the company behind the ``company`` demo login."""
    rng = random.Random(f"vocnet-demo:{seed}:companies")
    count = max(1, round(FULL_COMPANY_COUNT * scale))
    numbers = business_numbers(rng, count)
    region_codes = list(inputs.regions)
    shares = [industry.share for industry in INDUSTRIES]
    taken: set[str] = set()
    companies = []
    for position, number in enumerate(numbers):
        if position == 0:
            industry, region_code = INDUSTRY_BY_KEY["automotive"], SIHEUNG
        else:
            industry = rng.choices(INDUSTRIES, weights=shares)[0]
            weights = [
                COMPANY_REGION_WEIGHTS[code] * industry.boosts.get(code, 1.0)
                for code in region_codes
            ]
            region_code = rng.choices(region_codes, weights=weights)[0]
        size_class, employees = ("sme", 120) if position == 0 else _size(rng, industry)
        region = inputs.regions[region_code]
        companies.append(
            PlannedCompany(
                organisation=PlannedOrganisation(
                    kind="company",
                    name_ko=_name(rng, industry, taken),
                    data_origin="synthetic",
                    source_note=SYNTHETIC_NOTE,
                    region_code=region_code,
                    address=region.full_name_ko,
                    phone=f"031-000-{position % 10000:04d}",
                    email=f"biz-{number}@{DEMO_EMAIL_DOMAIN}",
                ),
                business_number=number,
                ksic_division=industry.ksic_division,
                size_class=size_class,
                employees=employees,
            )
        )
    return companies
