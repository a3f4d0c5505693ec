"""The validation page's URL input against each attack: it is off by default, and with an allow-list it refuses a
host off the list, a redirect off the list, a body over the cap, a name that points at a loopback or private
address, other schemes and credentials, each before anything is read from where it should not be.

A small HTTP server on loopback plays the vendor's host; the app lists it by its address (``127.0.0.1:PORT``),
which is how an operator explicitly allows a private address."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED
from tests.validation.registers import broken_register

from cityref import Settings, create_app
from cityref.api.url_fetch import check_target, listed
from cityref.errors import BadRequest, Forbidden

CAP = 50_000
REGISTER = broken_register().encode()


class Vendor(BaseHTTPRequestHandler):
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Vendor.asked.append(self.path)
        if self.path == "/devices.ttl":
            self._send(200, REGISTER, {"Content-Type": "text/turtle"})
        elif self.path == "/broken.ttl":
            self._send(200, b"@prefix ex: <http://example.org/> .\nex:a ex:b\n", {"Content-Type": "text/turtle"})
        elif self.path == "/moved":
            self._send(302, b"", {"Location": "/devices.ttl"})
        elif self.path == "/away":
            self._send(302, b"", {"Location": "http://elsewhere.invalid/devices.ttl"})
        elif self.path == "/loop":
            self._send(302, b"", {"Location": "/loop"})
        elif self.path == "/big.ttl":
            self._send(200, b"# " + b"x" * (CAP * 2) + b"\n", {"Content-Type": "text/turtle"})
        elif self.path == "/big-unsized.ttl":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(CAP // 1000 * 3):
                self.wfile.write(b"# " + b"x" * 998 + b"\n")
        elif self.path == "/slow.ttl":
            time.sleep(3)
            self._send(200, REGISTER, {"Content-Type": "text/turtle"})
        else:
            self._send(404, b"no such file", {"Content-Type": "text/plain"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class Quiet(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the fetcher hangs up on an oversize body on purpose: no traceback for that


@pytest.fixture(scope="module")
def vendor() -> Iterator[int]:
    server = Quiet(("127.0.0.1", 0), Vendor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def _client(**settings: Any) -> TestClient:
    return TestClient(create_app(Settings(data_dir=None, load_examples=False, **UNLIMITED, **settings)))


@pytest.fixture(scope="module")
def listed_client(vendor: int) -> Iterator[TestClient]:
    with _client(
        validation_url_hosts=[f"127.0.0.1:{vendor}", "elsewhere.example"],
        validation_url_max_bytes=CAP,
        validation_url_timeout_s=1.0,
    ) as client:
        yield client


def _post(client: TestClient, url: str) -> Any:
    form = {"url": url, "profile": "iot-device-register", "lang": "en"}
    empty = {"file": ("", b"", "application/octet-stream")}
    return client.post(
        "/validate/runs", data=form, files=empty, headers={"Accept": "text/html"}, follow_redirects=False
    )


def _problem(response: Any, where: str = "url") -> str:
    """The message shown beside the URL field (or above the form)."""
    start = response.text.index(f'id="problem-{where}"')
    return response.text[start : response.text.index("</div>", start)]


def test_url_input_is_off_by_default(vendor: int) -> None:
    Vendor.asked.clear()
    with _client() as client:
        assert 'id="url"' not in client.get("/validate").text
        answer = _post(client, f"http://127.0.0.1:{vendor}/devices.ttl")
    assert answer.status_code == 403
    assert "validation_url_hosts" in _problem(answer, "form")
    assert Vendor.asked == []


def test_a_listed_host_is_fetched_and_validated(listed_client: TestClient, vendor: int) -> None:
    page = listed_client.get("/validate").text
    assert 'id="url"' in page and f"127.0.0.1:{vendor}" in page
    answer = _post(listed_client, f"http://127.0.0.1:{vendor}/devices.ttl")
    assert answer.status_code == 303
    report = listed_client.get(answer.headers["location"])
    assert report.headers["x-conforms"] == "false"
    assert "device-noise-09" in report.text


def test_a_malformed_delivery_at_a_url_shows_its_line_beside_the_url(listed_client: TestClient, vendor: int) -> None:
    url = f"http://127.0.0.1:{vendor}/broken.ttl"
    answer = _post(listed_client, url)
    assert answer.status_code == 400
    box = _problem(answer)
    assert "<dt>Line</dt><dd>3</dd>" in box and "<code>broken.ttl</code>" in box
    assert f'value="{url}"' in answer.text, "the URL is kept in its field"


def test_a_redirect_to_the_same_listed_host_is_followed(listed_client: TestClient, vendor: int) -> None:
    Vendor.asked.clear()
    answer = _post(listed_client, f"http://127.0.0.1:{vendor}/moved")
    assert answer.status_code == 303
    assert Vendor.asked == ["/moved", "/devices.ttl"]


def test_a_host_off_the_list_is_not_contacted(listed_client: TestClient) -> None:
    # .invalid never resolves: a 403 (not a failed lookup) shows the refusal came before any lookup
    answer = _post(listed_client, "http://unlisted.invalid/devices.ttl")
    assert answer.status_code == 403
    assert "unlisted.invalid" in _problem(answer) and "validation_url_hosts" in _problem(answer)


def test_a_redirect_off_the_list_is_refused(listed_client: TestClient, vendor: int) -> None:
    Vendor.asked.clear()
    answer = _post(listed_client, f"http://127.0.0.1:{vendor}/away")
    assert answer.status_code == 403
    assert "elsewhere.invalid" in _problem(answer)
    assert Vendor.asked == ["/away"]


def test_endless_redirects_stop_at_the_limit(listed_client: TestClient, vendor: int) -> None:
    Vendor.asked.clear()
    answer = _post(listed_client, f"http://127.0.0.1:{vendor}/loop")
    assert answer.status_code == 502
    assert "validation_url_max_redirects" in _problem(answer)
    assert len(Vendor.asked) == 4  # the first request and three redirects (the default limit)


@pytest.mark.parametrize("path", ["/big.ttl", "/big-unsized.ttl"])
def test_a_delivery_over_the_cap_is_refused(listed_client: TestClient, vendor: int, path: str) -> None:
    answer = _post(listed_client, f"http://127.0.0.1:{vendor}{path}")
    assert answer.status_code == 413
    assert "validation_url_max_bytes" in _problem(answer)


def test_a_slow_host_meets_the_time_limit(listed_client: TestClient, vendor: int) -> None:
    answer = _post(listed_client, f"http://127.0.0.1:{vendor}/slow.ttl")
    assert answer.status_code == 504
    assert "validation_url_timeout_s" in _problem(answer)


def test_fetches_past_the_concurrency_limit_are_refused_at_once(vendor: int) -> None:
    with _client(validation_url_hosts=[f"127.0.0.1:{vendor}"], validation_url_concurrent_fetches=1) as client:
        runs = client.app.state.work.runs  # type: ignore[attr-defined]
        runs.fetching = 1  # one fetch under way
        Vendor.asked.clear()
        busy = _post(client, f"http://127.0.0.1:{vendor}/devices.ttl")
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        assert "validation_url_concurrent_fetches" in _problem(busy) and Vendor.asked == []
        runs.fetching = 0
        assert _post(client, f"http://127.0.0.1:{vendor}/devices.ttl").status_code == 303
        assert runs.fetching == 0, "the slot is given back"


def test_a_listed_name_that_resolves_to_loopback_is_refused(vendor: int) -> None:
    """``localhost`` is on the list, but it resolves to 127.0.0.1, which is not: nothing is fetched."""
    Vendor.asked.clear()
    with _client(validation_url_hosts=[f"localhost:{vendor}"]) as client:
        answer = _post(client, f"http://localhost:{vendor}/devices.ttl")
    assert answer.status_code == 403
    assert "loopback, private or reserved" in _problem(answer)
    assert Vendor.asked == []


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/devices.ttl", "gopher://127.0.0.1/", "http://user:secret@127.0.0.1/"],
)
def test_other_schemes_and_credentials_are_refused(listed_client: TestClient, url: str) -> None:
    answer = _post(listed_client, url)
    assert answer.status_code == 400
    assert 'id="problem-url"' in answer.text


def _resolver(*addresses: str) -> Any:
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    "addresses",
    [
        ("10.1.2.3",),
        ("192.168.0.10",),
        ("169.254.169.254",),  # the cloud metadata service
        ("::1",),
        ("::ffff:127.0.0.1",),
        ("fd00::5",),
        ("93.184.215.14", "172.16.0.1"),  # one private answer among public ones is enough to refuse
        ("0.0.0.0",),
    ],
)
def test_names_pointing_at_private_addresses_are_refused(addresses: tuple[str, ...]) -> None:
    with pytest.raises(Forbidden):
        check_target("https://vendor.example/devices.ttl", ["vendor.example"], _resolver(*addresses))


def test_a_public_address_is_connected_to_as_resolved() -> None:
    found = check_target("https://vendor.example/devices.ttl", ["vendor.example"], _resolver("93.184.215.14"))
    assert found == ("https", "vendor.example", 443, "93.184.215.14")


def test_a_private_address_listed_itself_is_allowed() -> None:
    found = check_target("http://10.1.2.3:8080/d.ttl", ["10.1.2.3:8080"], _resolver("10.1.2.3"))
    assert found[3] == "10.1.2.3"


def test_an_entry_without_a_port_allows_only_the_web_ports() -> None:
    assert listed("vendor.example", 443, ["Vendor.Example."]) and listed("vendor.example", 80, ["vendor.example"])
    assert not listed("vendor.example", 8080, ["vendor.example"])
    assert listed("vendor.example", 8080, ["vendor.example:8080"]) and not listed(
        "vendor.example", 443, ["vendor.example:8080"]
    )
    assert not listed("sub.vendor.example", 443, ["vendor.example"])
    with pytest.raises(Forbidden):
        check_target("https://vendor.example:8443/d.ttl", ["vendor.example"], _resolver("93.184.215.14"))


def test_a_url_without_a_host_is_a_bad_request() -> None:
    with pytest.raises(BadRequest):
        check_target("http:///devices.ttl", ["vendor.example"], _resolver("93.184.215.14"))
