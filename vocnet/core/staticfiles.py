"""Static-file finding without the one file of KRDS that vocnet never loads.

KRDS 1.1.0 (npm ``krds-uiux``) ships two builds of its component styles: ``output.css``,
which ``base.html`` loads, and ``component.css``, whose ``url()`` references point at
``../../img/img/component/icon/…`` — a directory the package does not have (its icons are
in ``img/component/icon/``). The manifest storage of production rewrites every ``url()``
to a hashed name and aborts collectstatic on the first missing one, so publishing that
unused file stopped production from starting. Leaving it out of what the finder lists is the
honest fix: nothing refers to it, and if a template ever does, ``{% static %}`` fails loudly
under the manifest storage instead of serving icons that are not there.

A finder rather than a ``StaticFilesConfig`` subclass: ``django.contrib.staticfiles`` stays
in INSTALLED_APPS by its own name, which other tools look for (pytest-django's live server
serves static files only when it finds that name).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.staticfiles.finders import FileSystemFinder

UNUSED_THIRD_PARTY = ["component/component.css*"]


class VocnetFileSystemFinder(FileSystemFinder):
    """``FileSystemFinder`` that never lists KRDS's unused ``component.css``."""

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterable[Any]:
        return super().list([*(ignore_patterns or []), *UNUSED_THIRD_PARTY])
