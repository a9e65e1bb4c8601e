"""The personal-data inventory rendered as Markdown (docs/personal-data.md)."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation

from vocnet.privacy.inventory import NOT_PERSONAL, PERSONAL, PERSONAL_DATA_APPS, SUBJECT_MODELS

HEADER = """# Personal data in vocnet (개인정보 파일 목록)

Generated from `vocnet/privacy/inventory.py` by `manage.py personal_data_inventory --write`;
`vocnet/privacy/tests/test_inventory.py` fails when a model gains a field the inventory does not
list, or when this file is out of date. What is never stored: resident registration numbers
(주민등록번호), addresses or phone numbers of persons, health data. Every view, export and
change of a student's or guardian's record is kept in the access log (`privacy.personaldataaccess`).

Checked: every model of the apps {apps}, and every model that refers to {subjects}.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_inventory() -> str:
    with translation.override("ko"):
        return _render()


def _render() -> str:
    lines = [
        HEADER.format(
            apps=", ".join(f"`{app}`" for app in PERSONAL_DATA_APPS),
            subjects=" or ".join(f"`{label}`" for label in SUBJECT_MODELS),
        )
    ]
    lines.append("## Personal data\n")
    for label in sorted(PERSONAL):
        entry = PERSONAL[label]
        model = apps.get_model(label)
        lines.append(f"### `{label}` — {model._meta.verbose_name}\n")
        lines.append(f"- **Whose:** {entry.subject}")
        lines.append(f"- **Kept:** {entry.retention}")
        lines.append(f"- **Basis:** {entry.basis}\n")
        lines.append("| field | why it is needed |")
        lines.append("|---|---|")
        for name, why in entry.personal.items():
            lines.append(f"| `{name}` | {_cell(why)} |")
        for name, why in entry.not_personal.items():
            lines.append(f"| `{name}` | not personal: {_cell(why)} |")
        lines.append("")
    lines.append("## Checked, not personal\n")
    lines.append("| model | why | fields |")
    lines.append("|---|---|---|")
    for label in sorted(NOT_PERSONAL):
        other = NOT_PERSONAL[label]
        fields = ", ".join(f"`{name}`" for name in sorted(other.fields))
        lines.append(f"| `{label}` | {_cell(other.why)} | {fields} |")
    return "\n".join(lines) + "\n"
