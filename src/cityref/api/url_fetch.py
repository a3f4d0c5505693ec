"""Fetching a delivery from a URL a person typed on the validation page, under an operator's allow-list.

A server that fetches what users name is a proxy into its own network (SSRF), so this is off unless the operator
lists hosts (``settings.validation_url_hosts``), and every hop is held to the same rules:

- ``http`` and ``https`` only, no user name or password in the URL;
- the host (and port: without one in the entry, only 80 and 443) must be listed;
- the name is resolved once, and every address it resolves to must be public, unless that address is itself
  listed: a listed name that points at ``127.0.0.1``, ``10.x`` or ``169.254.169.254`` is refused; the connection
  then goes to the address that was checked, so a second, different DNS answer cannot slip in (rebinding);
- redirects are followed by hand, at most ``validation_url_max_redirects``, each target checked as above;
- the body is cut at ``validation_url_max_bytes`` (and ``max_body_bytes``), the whole fetch at
  ``validation_url_timeout_s``.

The delivery is fetched by the server, not by a validation worker: the workers have no network by design.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cityref.errors import BadRequest, BudgetExceeded, CityrefError, Forbidden, PayloadTooLarge
from cityref.i18n_strings import N_
from cityref.settings import Settings

DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECTS = (301, 302, 303, 307, 308)
Resolver = Callable[[str, int], list[str]]


class FetchFailed(CityrefError):
    """The host named by the URL was reached but did not hand over a delivery (an HTTP error, a broken answer)."""

    code, status, title = "fetch-failed", 502, N_("The delivery could not be fetched")


@dataclass(frozen=True)
class Fetched:
    path: Path
    content_type: str | None
    url: str
    """Where the delivery finally came from (after redirects)."""
    filename: str


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise FetchFailed(f"The host {host!r} could not be resolved") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _entry(text: str) -> tuple[str, int | None]:
    """An allow-list entry as (host, port or ``None``): ``name``, ``name:8080``, ``10.0.0.5``, ``[::1]:8080``."""
    text = text.strip().lower().rstrip(".")
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host, int(port) if port.isdigit() else None
    return text, None


def listed(host: str, port: int, hosts: list[str]) -> bool:
    """Whether ``host:port`` is on the allow-list; an entry without a port allows only 80 and 443."""
    host = host.lower().rstrip(".")
    for entry_host, entry_port in (_entry(h) for h in hosts):
        if entry_host == host and (port == entry_port if entry_port is not None else port in (80, 443)):
            return True
    return False


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_target(url: str, hosts: list[str], resolver: Resolver) -> tuple[str, str, int, str]:
    """``(scheme, host, port, address to connect to)`` for a URL that may be fetched; 400 or 403 otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise BadRequest(f"Not a URL: {url!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise BadRequest(f"Only http and https URLs can be fetched, not {scheme or 'this'!r}", url=url)
    if parts.username is not None or parts.password is not None:
        raise BadRequest("A URL with a user name or password is not fetched", url=url)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise BadRequest(f"The URL names no host: {url!r}", url=url)
    port = port or DEFAULT_PORTS[scheme]
    if not listed(host, port, hosts):
        raise Forbidden(
            f"This server does not fetch deliveries from {host}:{port}; its operator lists the hosts it may "
            "fetch from (validation_url_hosts)",
            url=url,
            limit="validation_url_hosts",
        )
    addresses = resolver(host, port)
    for address in addresses:
        if not _public(address) and not listed(address, port, hosts):
            raise Forbidden(
                f"{host} resolves to {address}, a loopback, private or reserved address, which is fetched only "
                "when that address itself is listed (validation_url_hosts)",
                url=url,
                limit="validation_url_hosts",
            )
    if not addresses:
        raise FetchFailed(f"The host {host!r} resolves to no address", url=url)
    return scheme, host, port, addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to an address already checked, with the certificate checked against the host's name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


def fetch_delivery(url: str, settings: Settings, target: Path, resolver: Resolver = resolve) -> Fetched:
    """Fetch ``url`` into the file ``target`` under every rule of the module docstring."""
    hosts = settings.validation_url_hosts
    if not hosts:
        raise Forbidden("This server does not fetch deliveries from URLs (validation_url_hosts is empty)")
    cap = min(settings.validation_url_max_bytes, settings.max_body_bytes)
    deadline = time.monotonic() + settings.validation_url_timeout_s
    for _ in range(settings.validation_url_max_redirects + 1):
        scheme, host, port, address = check_target(url, hosts, resolver)
        kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = kind(host, address, port, max(deadline - time.monotonic(), 0.001))
        response: http.client.HTTPResponse | None = None
        try:
            path = urlsplit(url).path or "/"
            query = urlsplit(url).query
            connection.request("GET", path + (f"?{query}" if query else ""), headers=_HEADERS)
            response = connection.getresponse()
            location = response.getheader("location")
            if response.status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchFailed(f"{host} answered {response.status} {response.reason}", url=url)
            _copy(response, connection, target, cap, deadline, url)
            return Fetched(target, response.getheader("content-type"), url, _name(url))
        except TimeoutError:
            raise _late(settings, url) from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchFailed(f"Fetching from {host} failed ({type(error).__name__})", url=url) from None
        finally:
            if response is not None:
                response.close()  # its file holds the socket open until closed itself
            connection.close()
    raise FetchFailed(
        f"More than {settings.validation_url_max_redirects} redirects (validation_url_max_redirects)", url=url
    )


_HEADERS = {"Accept": "text/turtle, application/n-triples, application/ld+json, application/rdf+xml, application/trig"}


def _copy(
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    target: Path,
    cap: int,
    deadline: float,
    url: str,
) -> None:
    declared = response.getheader("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(cap, url)
    size = 0
    with open(target, "wb") as out:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if connection.sock is not None:
                connection.sock.settimeout(remaining)
            chunk = response.read1(1 << 16)
            if not chunk:
                return
            size += len(chunk)
            if size > cap:
                raise _too_large(cap, url)
            out.write(chunk)


def _too_large(cap: int, url: str) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The delivery at the URL is larger than the {cap}-byte limit", limit="validation_url_max_bytes", url=url
    )


def _late(settings: Settings, url: str) -> BudgetExceeded:
    return BudgetExceeded(
        f"Fetching the delivery took longer than {settings.validation_url_timeout_s:g} s (validation_url_timeout_s)",
        limit="validation_url_timeout_s",
        url=url,
    )


def _name(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or urlsplit(url).hostname or "delivery"
