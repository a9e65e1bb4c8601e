"""The English catalogue is complete, current and compiled; pages are Korean unless the language
cookie asks for English.

The msgids are the Korean text of the interface; ``locale/en/LC_MESSAGES/django.po`` gives the
English. After changing a marked string, run (from the repository root)::

    .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules \\
        --ignore=var --no-obsolete
    # fill every empty msgstr, then
    .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from vocnet.testing import World, sign_in

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# What makemessages scans (its default extensions for the "django" domain) and what it skips.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SKIPPED_DIRECTORIES = {".venv", "node_modules", "var", "locale", "__pycache__"}


# --- a small .po reader ------------------------------------------------------------------------


@dataclass
class PoEntry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    is_obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def __str__(self) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt else ""
        return f"line {self.line}{context}: {self.msgid!r}"


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(literal: str) -> str:
    # A .po string uses C escapes, which a Python string literal reads the same way.
    value = ast.literal_eval(literal)
    assert isinstance(value, str)
    return value


def _read_entry(lines: list[tuple[int, str]]) -> PoEntry:
    entry = PoEntry(line=lines[0][0])
    target: tuple[str, int] | None = None

    def current() -> str:
        assert target is not None
        if target[0] == "msgstr":
            return entry.msgstr.get(target[1], "")
        return getattr(entry, target[0]) or ""

    def store(text: str) -> None:
        assert target is not None
        if target[0] == "msgstr":
            entry.msgstr[target[1]] = text
        else:
            setattr(entry, target[0], text)

    for number, raw in lines:
        line = raw
        if line.startswith("#~"):
            entry.is_obsolete = True
            line = line[2:].strip()
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, literal = match.groups()
            target = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, 0)
            store(_unquote(literal))
        elif line.startswith('"') and target is not None:
            store(current() + _unquote(line))
        else:
            raise AssertionError(f"line {number}: cannot read {raw!r}")
    return entry


def read_po(path: Path) -> list[PoEntry]:
    """Every entry of a .po file (entries are separated by blank lines, as gettext writes
    them): the header (msgid "") first, obsolete ones (``#~``) marked."""
    entries: list[PoEntry] = []
    block: list[tuple[int, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate([*lines, ""], start=1):
        if raw.strip():
            block.append((number, raw.strip()))
        elif block:
            entries.append(_read_entry(block))
            block = []
    return entries


def _messages(entries: list[PoEntry]) -> list[PoEntry]:
    return [entry for entry in entries if entry.msgid and not entry.is_obsolete]


def test_the_po_reader_reads_contexts_plurals_flags_and_continued_lines(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgctxt "role"\nmsgid ""\n"기업"\nmsgstr "Company"\n\n'
        'msgid "%(n)s건"\nmsgid_plural "%(n)s건"\nmsgstr[0] "%(n)s item"\nmsgstr[1] ""\n\n'
        '#~ msgid "옛 문구"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )

    header, company, items, old = read_po(po)

    assert header.msgid == ""
    assert "nplurals=2" in header.msgstr[0]
    assert (company.msgctxt, company.msgid, company.msgstr, company.flags) == (
        "role",
        "기업",
        {0: "Company"},
        {"fuzzy", "python-format"},
    )
    assert (items.msgid_plural, items.msgstr) == ("%(n)s건", {0: "%(n)s item", 1: ""})
    assert (old.msgid, old.is_obsolete) == ("옛 문구", True)


# --- (a) complete: every entry translated, nothing fuzzy or obsolete --------------------------


def test_every_catalogue_entry_has_an_english_translation() -> None:
    entries = read_po(CATALOGUE)

    problems = [
        *(
            f"empty msgstr: {entry}"
            for entry in _messages(entries)
            if not entry.msgstr
            or not all(entry.msgstr.values())
            or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
        ),
        *(f"fuzzy (check it, then drop the flag): {e}" for e in entries if "fuzzy" in e.flags),
        *(f"obsolete (makemessages --no-obsolete): {e}" for e in entries if e.is_obsolete),
    ]

    assert not problems, "django.po is not complete:\n" + "\n".join(problems)


def test_catalogue_header_declares_english_and_its_two_plural_forms() -> None:
    header = read_po(CATALOGUE)[0]

    assert header.msgid == ""
    assert "Language: en\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


def test_translations_keep_their_placeholders() -> None:
    placeholder = re.compile(r"%(?:\([^)]+\))?[sd]|%%")
    broken = []
    for entry in _messages(read_po(CATALOGUE)):
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for index, text in entry.msgstr.items():
            source = sources[min(index, 1)]
            if sorted(placeholder.findall(text)) != sorted(placeholder.findall(source)):
                broken.append(f"{entry} → {text!r}")

    assert not broken, "Placeholders differ from the msgid:\n" + "\n".join(broken)


# --- (b) current: the catalogue has every string the code marks --------------------------------


def _copy_sources(destination: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = Path(directory) / name
            if path.is_dir():
                if name in SKIPPED_DIRECTORIES or name.startswith("."):
                    skipped.add(name)
            elif path.suffix not in SOURCE_SUFFIXES:
                skipped.add(name)
        return skipped

    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=False)


@pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext (xgettext, msgmerge) is not installed: cannot extract the marked strings",
)
def test_catalogue_has_every_marked_string_and_no_other(tmp_path: Path) -> None:
    # makemessages writes beside the sources it scans, so it runs on a copy of them with its
    # output in a temporary locale directory: the working tree is never written, pass or fail.
    sources, output, settings_dir = tmp_path / "src", tmp_path / "out", tmp_path / "settings"
    _copy_sources(sources)
    (output / "locale").mkdir(parents=True)
    settings_dir.mkdir()
    (settings_dir / "i18n_extract_settings.py").write_text(
        "from config.settings_test import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(output / 'locale')!r}]\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "i18n_extract_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT)]),
    }

    # -P: import vocnet from the repository, not from the copy in the working directory.
    result = subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=sources,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    extracted_po = output / "locale" / "en" / "LC_MESSAGES" / "django.po"
    extracted = {entry.key for entry in _messages(read_po(extracted_po))}
    catalogued = {entry.key for entry in _messages(read_po(CATALOGUE))}

    def listed(keys: set[tuple[str | None, str, str | None]]) -> str:
        return "\n".join(
            f"  [{c}] {m!r}" if c else f"  {m!r}" for c, m, _p in sorted(keys, key=str)
        )

    assert not extracted - catalogued, (
        "Marked strings missing from django.po (run makemessages, then translate them):\n"
        + listed(extracted - catalogued)
    )
    assert not catalogued - extracted, (
        "django.po has strings no code marks any more (run makemessages --no-obsolete):\n"
        + listed(catalogued - extracted)
    )


# --- (c) compiled: the .mo in the repository serves what the .po says ---------------------------


def _lookup(catalog: gettext.GNUTranslations, entry: PoEntry, n: int) -> str:
    if entry.msgid_plural is None:
        if entry.msgctxt is None:
            return catalog.gettext(entry.msgid)
        return catalog.pgettext(entry.msgctxt, entry.msgid)
    if entry.msgctxt is None:
        return catalog.ngettext(entry.msgid, entry.msgid_plural, n)
    return catalog.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)


def test_compiled_catalogue_matches_the_po_file() -> None:
    assert COMPILED.exists(), "locale/en/LC_MESSAGES/django.mo is missing: run compilemessages"
    with COMPILED.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    stale = []
    for entry in _messages(read_po(CATALOGUE)):
        # n=1 picks msgstr[0] and n=2 msgstr[1] under English's plural=(n != 1).
        for n, index in ((1, 0), (2, 1)) if entry.msgid_plural is not None else ((1, 0),):
            served = _lookup(compiled, entry, n)
            if served != entry.msgstr.get(index):
                stale.append(f"{entry}: .mo gives {served!r}, .po says {entry.msgstr.get(index)!r}")

    assert not stale, "django.mo is out of date (run compilemessages):\n" + "\n".join(stale)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed")
def test_compiled_catalogue_holds_nothing_but_the_po_file(tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(CATALOGUE)], check=True)

    with fresh.open("rb") as expected_file, COMPILED.open("rb") as actual_file:
        expected = gettext.GNUTranslations(expected_file)
        actual = gettext.GNUTranslations(actual_file)

    assert actual._catalog == expected._catalog


# --- (d) pages: Korean by default, English by the language cookie only ------------------------

PAGES = {
    # path: (persona, Korean text, English text)
    "/accounts/login/": (None, "로그인", "Log in"),
    "/": ("school_staff_a", "우리 학교", "My school"),
    "/directory/": ("province_officer", "기관 찾기", "Find organisations"),
    "/overview/": ("province_officer", "경기도 직업교육 현황", "Vocational education in Gyeonggi"),
}


def _client(world: World, persona: str | None, *, language: str | None = None) -> Client:
    client = Client()
    if persona:
        sign_in(client, world.user(persona))
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_are_english_with_the_language_cookie(world: World, path: str) -> None:
    persona, korean, english = PAGES[path]

    html = _client(world, persona, language="en").get(path).content.decode()

    assert '<html lang="en">' in html
    assert english in html
    assert korean not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_are_korean_without_the_cookie_even_if_the_browser_prefers_english(
    world: World, path: str
) -> None:
    persona, korean, english = PAGES[path]

    html = _client(world, persona).get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="ko">' in html
    assert korean in html
    assert english not in html


@pytest.mark.django_db
def test_the_english_login_page_has_no_korean_left_but_the_switch_back(world: World) -> None:
    html = _client(world, None, language="en").get("/accounts/login/").content.decode()

    without_switch = html.replace('lang="ko">한국어</button>', "")
    assert not HANGUL.findall(without_switch), HANGUL.findall(without_switch)
    assert "Username" in html
    assert "Password" in html


@pytest.mark.django_db
def test_the_header_switch_sets_the_cookie_and_the_next_page_is_english(world: World) -> None:
    client = _client(world, "province_officer")

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/directory/"})
    page = client.get("/directory/")

    assert response.status_code == 302
    assert response["Location"] == "/directory/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Find organisations" in page.content.decode()


@pytest.mark.django_db
def test_english_pages_show_the_english_names_of_reference_data(world: World) -> None:
    client = _client(world, "province_officer", language="en")

    overview = client.get("/overview/").content.decode()
    region = client.get("/overview/regions/41390/").content.decode()
    school = client.get(f"/organisations/{world.school_a.pk}/").content.decode()

    assert "Siheung-si" in overview
    assert "시흥시" not in overview
    assert "Siheung-si, Gyeonggi-do" in region
    assert "Gyeonggi Siheung Office of Education" in region
    assert "Vocational high school" in client.get("/directory/?kind=school").content.decode()
    assert "Siheung-si" in school
