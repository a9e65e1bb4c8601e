"""``manage.py import_registry {schools|departments|companies|students} FILE [--commit]``

Checks the file (dry run) unless ``--commit`` is given, prints the report, and exits
non-zero listing every bad row when the file cannot be imported. The import acts as the
user named by ``--as`` (default: the first superuser) and goes through the same permission
layer as the web.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from vocnet.core.errors import DomainError
from vocnet.core.users import UserLike
from vocnet.registry.importing import ENTITIES, run_registry_import
from vocnet.spreadsheets import ImportReport

STAGE_LABELS = {"read": "읽기 read", "validate": "검사 validate", "write": "쓰기 write"}


def resolve_actor(username: str | None) -> Any:
    """The user a command acts as: ``--as USERNAME``, else the first superuser."""
    users = get_user_model()._default_manager
    if username:
        user = users.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                f"사용자를 찾을 수 없습니다: {username} / No active user named {username}."
            )
        return user
    user = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError(
            "--as 로 사용자를 지정하세요. 슈퍼유저가 없어 기본 사용자를 정할 수 없습니다. / "
            "Name a user with --as: there is no superuser to act as by default."
        )
    return user


def domain_error_text(error: DomainError) -> str:
    lines = [f"{error.message_ko} / {error.message_en}"]
    lines += [f"  - {p.field}: {p.message_ko} / {p.message_en}" for p in error.problems]
    return "\n".join(lines)


class TqdmProgress:
    """One tqdm bar per stage (read, validate, write), on stderr."""

    def __init__(self) -> None:
        self.stage: str | None = None
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(
                total=total, desc=STAGE_LABELS.get(stage, stage), unit="행", file=sys.stderr
            )
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = (
        "Check (default) or import (--commit) an .xlsx/.csv file of schools, departments, "
        "companies or students. 학교·학과·기업·학생 파일을 검사하거나(기본) 가져옵니다(--commit)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entity", choices=ENTITIES)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--commit", action="store_true", help="write the rows (default: dry run only)"
        )
        parser.add_argument(
            "--as", dest="username", help="act as this user (default: the first superuser)"
        )
        parser.add_argument(
            "--progress", action="store_true", help="show a progress bar even when not a TTY"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        actor = resolve_actor(options["username"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"파일을 읽을 수 없습니다: {path} / Cannot read {path}: {exc.strerror}"
            ) from None
        progress = TqdmProgress() if options["progress"] or self.stdout.isatty() else None
        try:
            report = run_registry_import(
                actor=actor,
                entity=options["entity"],
                file_name=path.name,
                content=content,
                dry_run=not options["commit"],
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(domain_error_text(exc)) from None
        finally:
            if progress is not None:
                progress.close()
        self.print_report(report, path, actor)
        if report.errors:
            raise CommandError(f"{report.message_ko} / {report.message_en}")

    def print_report(self, report: ImportReport, path: Path, actor: UserLike) -> None:
        mode = "가져오기 import" if not report.dry_run else "검사 check (dry run)"
        self.stdout.write(f"{report.entity} {mode}: {path.name} (as {actor.get_username()})")
        if report.encoding:
            self.stdout.write(f"  인코딩 encoding: {report.encoding}")
        counts = report.counts()
        self.stdout.write(
            f"  행 rows {counts['rows']} · 새로 등록 create {counts['create']} · "
            f"수정 update {counts['update']} · 변경 없음 unchanged {counts['unchanged']} · "
            f"오류 행 error rows {counts['errors']}"
        )
        if report.ignored_columns:
            self.stdout.write(f"  무시한 열 ignored columns: {', '.join(report.ignored_columns)}")
        for error in report.errors:
            self.stdout.write(f"  {error.message_ko} / {error.message_en}")
        timings = " · ".join(f"{name} {seconds:.2f}" for name, seconds in report.seconds.items())
        self.stdout.write(f"  시간(초) seconds: {timings}")
        if not report.errors:
            self.stdout.write(self.style.SUCCESS(f"{report.message_ko} / {report.message_en}"))
            if report.dry_run:
                self.stdout.write("  저장하려면 --commit 을 붙이세요. / Add --commit to save.")
