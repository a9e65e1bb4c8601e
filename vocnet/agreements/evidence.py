"""Checks of an uploaded evidence file: its extension, its size and its first bytes.

The first bytes must match the extension (PDF, PNG, JPEG, the zip container of .xlsx, .docx
and .hwpx, the OLE container of .hwp), so a renamed executable or script is refused even
though its name looks harmless.
"""

from __future__ import annotations

from pathlib import PurePath

from vocnet.core.errors import FieldProblem

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".xlsx": ZIP,
    ".docx": ZIP,
    ".hwpx": ZIP,
    ".hwp": OLE,
}
ALLOWED_EXTENSIONS = tuple(SIGNATURES)
# How many bytes are read to recognise a file.
SNIFF_BYTES = 16


def evidence_problems(
    name: str, size: int, head: bytes, field: str = "evidence"
) -> list[FieldProblem]:
    """Every rule the file breaks: an allowed extension, at most 10 MB, not empty, and first
    bytes that belong to the extension."""
    suffix = PurePath(name).suffix.lower()
    allowed = ", ".join(ext.lstrip(".") for ext in ALLOWED_EXTENSIONS)
    if suffix not in SIGNATURES:
        return [
            FieldProblem(
                field,
                "unsupported_file_type",
                f"올릴 수 없는 파일 형식입니다({suffix or '확장자 없음'}). 허용: {allowed}",
                f"This file type cannot be uploaded ({suffix or 'no extension'}). "
                f"Allowed: {allowed}",
            )
        ]
    problems: list[FieldProblem] = []
    if size > MAX_EVIDENCE_BYTES:
        problems.append(
            FieldProblem(
                field,
                "file_too_large",
                f"파일이 너무 큽니다({size:,}바이트). 최대 10MB까지 올릴 수 있습니다.",
                f"The file is too large ({size:,} bytes); the limit is 10 MB.",
            )
        )
    if size == 0:
        problems.append(FieldProblem(field, "empty_file", "빈 파일입니다.", "The file is empty."))
    elif not head.startswith(SIGNATURES[suffix]):
        problems.append(
            FieldProblem(
                field,
                "content_mismatch",
                f"파일 내용이 확장자({suffix})와 맞지 않습니다. 원본 파일을 올리세요.",
                f"The file's content does not match its extension ({suffix}); upload the "
                "original file.",
            )
        )
    return problems
