"""The production smoke test's client (run by .ci/production-smoke; issue 12, item 1).

Talks plain HTTP to gunicorn as the TLS proxy would, with ``X-Forwarded-Proto: https``, and
keeps the ``__Host-`` cookies itself (they are ``Secure``, so a stock cookie jar would drop
them on an ``http://`` address). As each demo role it signs in through the real pages (the
staff with the code of ``manage.py demo_otp``), opens its home page and every page of its
header menu, and fetches the hashed KRDS stylesheet and an icon it refers to. Exits non-zero
with the reason on the first thing that is not as production needs it.

Usage: production_smoke_client.py HOST:PORT PASSWORD USERNAME...
"""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAFF = {"province", "office", "school", "school2"}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NAV = re.compile(r'<nav class="vn-nav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')
KRDS_CSS = re.compile(r'href="(/static/vendor/krds/css/component/output\.[0-9a-f]{12}\.css)"')
CSS_ICON = re.compile(r"""url\(["']?([^)"']*ico_[a-z_]+\.[0-9a-f]{12}\.svg)["']?\)""")


class SmokeFailure(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One signed-in user's connection state: cookies by name, as the proxy passes them on."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        https: bool = True,
    ) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "ko"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep(header, path)
        return response

    def _keep(self, header: str, path: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if name.startswith("__Host-") and not (morsel["secure"] and morsel["path"] == "/"):
                raise SmokeFailure(f"{path}: cookie {name} is not Secure with Path=/: {header}")
            if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path: str, *, expect: int = 200) -> Response:
        response = self.request("GET", path)
        return self._expect(response, "GET", path, expect)

    def post(self, path: str, form: dict[str, str], *, expect: int = 302) -> Response:
        response = self.request("POST", path, form=form)
        return self._expect(response, "POST", path, expect)

    @staticmethod
    def _expect(response: Response, method: str, path: str, expect: int) -> Response:
        if response.status != expect:
            raise SmokeFailure(
                f"{method} {path}: {response.status}, expected {expect}; "
                f"Location={response.headers.get('Location')!r}; {response.text[:300]!r}"
            )
        return response

    def local(self, location: str) -> str:
        """A redirect target as a path on this server (it names the https:// origin)."""
        parts = urllib.parse.urlsplit(location)
        if parts.netloc and parts.netloc != f"{self.host}:{self.port}":
            raise SmokeFailure(f"redirect to another host: {location}")
        if parts.scheme not in ("", "https"):
            raise SmokeFailure(f"redirect away from https: {location}")
        return parts.path + (f"?{parts.query}" if parts.query else "")


def csrf_token(page: Response, path: str) -> str:
    match = CSRF_FIELD.search(page.text)
    if match is None:
        raise SmokeFailure(f"{path}: no CSRF token in the form")
    return match.group(1)


def demo_code(username: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "demo_otp", username],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise SmokeFailure(f"demo_otp {username}: {result.stderr.strip()}")
    return result.stdout.strip()


def sign_in(browser: Browser, username: str, password: str) -> str:
    """Sign in through the real pages; return the path the last step redirects to."""
    login = "/accounts/login/"
    page = browser.get(login)
    form = {"csrfmiddlewaretoken": csrf_token(page, login), "username": username}
    answer = browser.post(login, form | {"password": password})
    target = browser.local(answer.headers["Location"])
    if username in STAFF:
        verify = "/accounts/login/verify/"
        if not target.startswith(verify):
            raise SmokeFailure(f"{username}: the password step led to {target}, not {verify}")
        page = browser.get(target)
        answer = browser.post(
            target, {"csrfmiddlewaretoken": csrf_token(page, target), "code": demo_code(username)}
        )
        target = browser.local(answer.headers["Location"])
    if target.startswith("/accounts/login"):
        raise SmokeFailure(f"{username}: sign-in ended on {target}")
    return target


def check_role(host: str, port: int, username: str, password: str) -> list[str]:
    browser = Browser(host, port)
    landing = sign_in(browser, username, password)
    home = browser.get(landing)
    nav = NAV.search(home.text)
    if nav is None:
        raise SmokeFailure(f"{username}: the home page {landing} has no header menu")
    pages = list(dict.fromkeys(HREF.findall(nav.group(0))))
    if len(pages) < 2:
        raise SmokeFailure(f"{username}: only {pages} in the header menu")
    for path in pages:
        browser.get(path)
    return list(dict.fromkeys([landing, *pages]))


def check_static(host: str, port: int) -> str:
    browser = Browser(host, port)
    page = browser.get("/accounts/login/")
    match = KRDS_CSS.search(page.text)
    if match is None:
        raise SmokeFailure("the sign-in page does not link KRDS's stylesheet by its hashed name")
    css_path = match.group(1)
    css = browser.get(css_path)
    if not css.headers.get("Content-Type", "").startswith("text/css"):
        raise SmokeFailure(f"{css_path}: Content-Type {css.headers.get('Content-Type')}")
    if "immutable" not in css.headers.get("Cache-Control", ""):
        raise SmokeFailure(f"{css_path}: not cached as immutable: {css.headers}")
    icon = CSS_ICON.search(css.text)
    if icon is None:
        raise SmokeFailure(f"{css_path}: no hashed icon url() in it")
    icon_path = urllib.parse.urljoin(css_path, icon.group(1))
    browser.get(icon_path)
    return f"{css_path} and {icon_path}"


def check_plain_http(host: str, port: int) -> None:
    browser = Browser(host, port)
    health = browser.request("GET", "/healthz", https=False)
    if health.status != 200 or health.body != b"ok":
        raise SmokeFailure(f"/healthz over plain HTTP: {health.status} {health.body[:100]!r}")
    page = browser.request("GET", "/accounts/login/", https=False)
    location = page.headers.get("Location", "")
    if page.status != 301 or not location.startswith("https://"):
        raise SmokeFailure(f"a page over plain HTTP: {page.status} {location!r}, not 301 to https")


def main(argv: list[str]) -> int:
    address, password, *usernames = argv
    host, _, port_text = address.rpartition(":")
    port = int(port_text)
    if not usernames:
        print("production smoke: no usernames given", file=sys.stderr)
        return 2
    try:
        check_plain_http(host, port)
        print("ok  /healthz 200 over plain HTTP; pages redirect to https")
        print(f"ok  static: {check_static(host, port)}")
        for username in usernames:
            pages = check_role(host, port, username, password)
            print(f"ok  {username}: {len(pages)} pages 200: {' '.join(pages)}")
    except (SmokeFailure, OSError, KeyError) as error:
        print(f"production smoke FAILED: {error!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
