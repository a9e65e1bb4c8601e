"""A small closed-loop HTTP/1.1 load generator for ``bench_web.py`` (standard library only).

N clients, each one connection at a time: send a GET, read the whole response, record the
latency, send the next. Connections are kept alive when the server allows it (gunicorn's
gthread workers) and reopened when it closes them (its sync workers). One client signs in
through the login form (CSRF token, then the authenticator's code for staff, ``--totp-key``)
before the clock starts, and every client uses that session: a TOTP code is accepted once,
so twenty sign-ins of one user within seconds would need twenty time steps.

Runs in its own process so its CPU time is not the server's. With ``--server-pid`` it also
reports the CPU time the server's processes spent on each path (from /proc), a figure that
other work on the machine does not inflate the way it inflates latencies. Prints one JSON
object:

    python bench/_loadgen.py --port 8000 --clients 20 --seconds 10 --max-requests 5000 \\
        --login province:PASSWORD --totp-key HEX /healthz /directory/ /overview/
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import re
import resource
import struct
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"


class HttpError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes
    closes: bool


@dataclass
class Client:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, body: bytes = b"", extra: dict[str, str] | None = None
    ) -> Response:
        if self.writer is None:
            await self._connect()
        assert self.reader is not None
        assert self.writer is not None
        headers = {"Host": f"{HOST}:{self.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Length"] = str(len(body))
        headers |= extra or {}
        head = f"{method} {path} HTTP/1.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        self.writer.write(head.encode("latin-1") + b"\r\n" + body)
        try:
            response = await self._read()
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server closed a kept-alive connection before this request: retry once.
            await self.close()
            await self._connect()
            assert self.writer is not None
            self.writer.write(head.encode("latin-1") + b"\r\n" + body)
            response = await self._read()
        self.cookies |= response.cookies
        if response.closes:
            await self.close()
        return response

    async def _read(self) -> Response:
        assert self.reader is not None
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        for line in lines[1:]:
            if not line:
                continue
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                parsed = SimpleCookie()
                parsed.load(value)
                cookies |= {key: morsel.value for key, morsel in parsed.items()}
            else:
                headers[name] = value
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            body = await self._read_chunked()
        else:
            body = await self.reader.read()
            return Response(status, headers, cookies, body, closes=True)
        closes = headers.get("connection", "").lower() == "close"
        return Response(status, headers, cookies, body, closes)

    async def _read_chunked(self) -> bytes:
        assert self.reader is not None
        parts: list[bytes] = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    async def _post_form(self, path: str, fields: dict[str, str]) -> Response:
        page = await self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if page.status != 200 or not match:
            raise HttpError(f"{path}: HTTP {page.status}")
        form = urlencode({"csrfmiddlewaretoken": match.group(1).decode(), **fields}).encode()
        return await self.request(
            "POST", path, form, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    async def log_in(self, username: str, password: str, totp_key: bytes | None) -> None:
        done = await self._post_form(
            "/accounts/login/", {"username": username, "password": password}
        )
        if done.status == 302 and done.headers.get("location") == "/accounts/login/verify/":
            if totp_key is None:
                raise HttpError(f"{username} needs a second factor: give --totp-key")
            done = await self._post_form("/accounts/login/verify/", {"code": _totp(totp_key)})
        if done.status != 302 or "sessionid" not in self.cookies:
            raise HttpError(f"login as {username} failed: HTTP {done.status}")


def _totp(key: bytes, step: int = 30) -> str:
    """RFC 6238 (HMAC-SHA1, 6 digits): the authenticator app's current code."""
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


async def _client_loop(
    client: Client, path: str, deadline: float, budget: list[int], out: list[float]
) -> int:
    errors = 0
    while time.perf_counter() < deadline and budget[0] > 0:
        budget[0] -= 1
        started = time.perf_counter()
        try:
            response = await client.request("GET", path)
            ok = response.status == 200
        except (OSError, asyncio.IncompleteReadError, HttpError, ValueError):
            await client.close()
            ok = False
        if ok:
            out.append(time.perf_counter() - started)
        else:
            errors += 1
    return errors


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of a server (Linux /proc): ``pids[0]`` is gunicorn's master.

    The master's own time and that of its reaped children (a worker that reached
    ``max_requests`` and was replaced), plus the workers alive now, found again at each
    reading: the pids of the workers that started the run may be gone by its end (the
    ``/healthz`` warm-up alone sends thousands of requests). Other pids (a server that is not
    gunicorn) count their own time only."""
    if not pids:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    master = pids[0]
    total = 0.0
    fields = _stat(master)
    if fields is not None:
        # utime, stime, cutime, cstime: fields 14-17 of /proc/PID/stat.
        total += sum(int(value) for value in fields[11:15]) / ticks
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            child = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if child[1] == str(master):
            total += (int(child[11]) + int(child[12])) / ticks
    for pid in pids[1:]:
        fields = _stat(pid)
        if fields is not None and fields[1] != str(master):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _run(args: argparse.Namespace) -> dict[str, object]:
    clients = [Client(args.port) for _ in range(args.clients)]
    login_seconds = 0.0
    if args.login:
        username, _, password = args.login.partition(":")
        key = bytes.fromhex(args.totp_key) if args.totp_key else None
        started = time.perf_counter()
        await clients[0].log_in(username, password, key)
        for client in clients[1:]:
            client.cookies = dict(clients[0].cookies)
        login_seconds = time.perf_counter() - started
    results = []
    for path in args.paths:
        # Warm-up: every worker has imported, compiled templates and opened its database.
        warm_budget = [args.clients * 5]
        await asyncio.gather(
            *(_client_loop(c, path, time.perf_counter() + 5, warm_budget, []) for c in clients)
        )
        latencies: list[float] = []
        budget = [args.max_requests]
        server_cpu, client_cpu = _cpu_seconds(args.server_pid), _own_cpu_seconds()
        started = time.perf_counter()
        deadline = started + args.seconds
        errors = await asyncio.gather(
            *(_client_loop(c, path, deadline, budget, latencies) for c in clients)
        )
        elapsed = time.perf_counter() - started
        results.append(
            {
                "path": path,
                "requests": len(latencies),
                "errors": sum(errors),
                "seconds": elapsed,
                "server_cpu_seconds": _cpu_seconds(args.server_pid) - server_cpu,
                "client_cpu_seconds": _own_cpu_seconds() - client_cpu,
                "latencies_ms": [round(x * 1000, 3) for x in latencies],
            }
        )
    for client in clients:
        await client.close()
    return {"clients": args.clients, "login_seconds": login_seconds, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--login", help="USERNAME:PASSWORD, signed in once, shared by all")
    parser.add_argument("--totp-key", help="hex secret of the user's authenticator (staff)")
    parser.add_argument(
        "--server-pid",
        type=int,
        action="append",
        default=[],
        help="a server process whose CPU time to report per path (repeat for each worker)",
    )
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(_run(args))))


if __name__ == "__main__":
    main()
