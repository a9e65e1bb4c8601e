"""What one import file holds: its columns and the key its rows are matched on."""

from __future__ import annotations

from dataclasses import dataclass

from vocnet.spreadsheets.columns import Column


@dataclass(frozen=True)
class EntitySpec:
    """The columns of one import file (Korean header first, English key) and, in Korean and
    English, the official key rows are matched on (said in the template's guide)."""

    entity: str
    label_ko: str
    label_en: str
    columns: tuple[Column, ...]
    key_ko: str
    key_en: str

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)
