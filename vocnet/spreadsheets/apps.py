from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    """Reading, checking and writing spreadsheets for every import and export (no models of
    its own beyond the background import job)."""

    name = "vocnet.spreadsheets"
    label = "spreadsheets"
    verbose_name = "스프레드시트 (Spreadsheets)"
