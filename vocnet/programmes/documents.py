"""Counting the pages of an uploaded PDF (the development plan: at most 30 pages).

Only PDFs are counted (pypdf); for HWP/HWPX and office files the uploader declares the count —
counting their pages would need the rendering engine of each format."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from pypdf import PdfReader
from pypdf.errors import PdfReadError


class UnreadablePdf(Exception):
    """The file says it is a PDF but its pages cannot be read."""


def is_pdf(upload: UploadedFile) -> bool:
    return (upload.name or "").lower().endswith(".pdf")


def pdf_page_count(upload: UploadedFile) -> int:
    """The number of pages of ``upload`` (rewound afterwards). Raises UnreadablePdf."""
    upload.seek(0)
    try:
        count = len(PdfReader(upload).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadablePdf(str(error)) from error
    finally:
        upload.seek(0)
    return count
