from __future__ import annotations

import http.server
import json
import pathlib
import threading
from typing import Callable, Iterator, Union

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
KEYS = ROOT / "tests" / "fixtures" / "keys"
SECRET = b"a-shared-secret-of-at-least-32-bytes!!"
NOW = 1_700_000_000


@pytest.fixture
def demo_user() -> dict:
    return json.loads((EXAMPLES / "user.json").read_text())


@pytest.fixture
def claims_json() -> str:
    return (EXAMPLES / "claims.json").read_text()


@pytest.fixture
def fields_json() -> str:
    return (EXAMPLES / "fields.json").read_text()


USERS = ROOT / "tests" / "fixtures" / "users"
SPEC = ROOT / "tests" / "fixtures" / "spec"


def key(name: str) -> bytes:
    return (KEYS / name).read_bytes()


def fixture_json(folder: pathlib.Path, name: str):
    return json.loads((folder / name).read_text())


def payload_of(token: str) -> dict:
    import base64

    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


# An answer: (status, body) or (status, body, extra headers).
Answer = Union[tuple[int, bytes], tuple[int, bytes, dict[str, str]]]
Handler = Callable[[str], Answer]


class Server:
    """A real HTTP server on 127.0.0.1 (a ThreadingHTTPServer on a thread)
    answering GETs with `handler(path)`; it records each path and the
    request headers (names in lower case)."""

    def __init__(self, handler: Handler) -> None:
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        outer = self

        class Handle(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                outer.paths.append(self.path)
                outer.headers.append({name.lower(): value for name, value in self.headers.items()})
                status, body, *extra = handler(self.path)
                self.send_response(status)
                for name, value in (extra[0] if extra else {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], Server]]:
    servers: list[Server] = []

    def start(handler: Handler) -> Server:
        servers.append(Server(handler))
        return servers[-1]

    yield start
    for server in servers:
        server.close()
