"""Write access: API keys with scopes. Reads are open.

Keys travel as ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``, never in the URL (see
:mod:`cityref.api.security`). Only SHA-256 digests are configured, so a leaked settings file does not leak a key;
digests are compared in constant time. A key in ``api_key_hashes`` may do everything; a key in ``api_keys`` only
what its scopes name. No key or a wrong key is 401; a good key without the scope the route needs is 403.

Wrong keys are counted per client address: after ``auth_max_failures`` of them within ``auth_failure_window_s``
the address is refused every write (429 with ``Retry-After``) for ``auth_cooldown_s``, the right key included, so
that guessing keys gets nowhere.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time

from fastapi import Request
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import Scope as AsgiScope

from cityref.errors import Forbidden, TooManyRequests, Unauthorized
from cityref.settings import SCOPES, Scope, Settings

REALM = 'Bearer realm="cityref"'


def key_digest(key: str) -> str:
    """The digest to configure in ``CITYREF_API_KEY_HASHES`` (or ``sha256`` of ``CITYREF_API_KEYS``) for ``key``.

    >>> key_digest("secret")[:16]
    '2bb80d537b1da3e3'
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def client_address(scope: AsgiScope) -> str:
    """The address limits and lockouts are counted by: the peer as the server reports it (uvicorn replaces it
    with the forwarded address only for the proxies it trusts, ``--forwarded-allow-ips``)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-key") or None


def key_scopes(key: str | None, settings: Settings) -> frozenset[str] | None:
    """The scopes of ``key``, or ``None`` when it is not a configured key. Every configured digest is compared,
    whatever matched before, so the time taken does not tell which (or whether one) matched."""
    if not key:
        return None
    digest = key_digest(key).encode()
    configured = [(d, SCOPES) for d in settings.api_key_hashes]
    configured += [(k.sha256, tuple(k.scopes)) for k in settings.api_keys]
    found: set[str] | None = None
    for allowed, scopes in configured:
        # Bytes, not str: compare_digest refuses non-ASCII str, and a typo in the settings must not become a 500.
        if hmac.compare_digest(digest, allowed.strip().lower().encode()):
            found = (found or set()) | set(scopes)
    return frozenset(found) if found is not None else None


class FailedKeys:
    """Wrong keys per client address in a moving window, and the cooldown that follows too many of them."""

    def __init__(self, settings: Settings) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._failures = RateLimitItemPerSecond(settings.auth_max_failures, settings.auth_failure_window_s)
        self._cooldown = RateLimitItemPerSecond(1, settings.auth_cooldown_s)

    def retry_after(self, client: str) -> int | None:
        """Seconds until ``client`` may try a key again, or ``None`` when it is not cooling down."""
        if self._limiter.test(self._cooldown, "auth-cooldown", client):
            return None
        reset = self._limiter.get_window_stats(self._cooldown, "auth-cooldown", client).reset_time
        return max(1, math.ceil(reset - time.time()))

    def failed(self, client: str) -> None:
        """Count one wrong key; the one that reaches the limit starts the cooldown (and a fresh count after it)."""
        self._limiter.hit(self._failures, "auth-failures", client)
        if not self._limiter.test(self._failures, "auth-failures", client):
            self._limiter.hit(self._cooldown, "auth-cooldown", client)
            self._limiter.clear(self._failures, "auth-failures", client)


def require_write_key(request: Request, scope: Scope) -> None:
    """Called first by every route that writes: 429 while the client cools down, 401 without a configured key,
    403 for a key without ``scope``."""
    settings: Settings = request.app.state.settings
    failures: FailedKeys | None = getattr(request.app.state, "failed_keys", None)
    client = client_address(request.scope)
    wait = failures.retry_after(client) if failures is not None else None
    if wait is not None:
        raise TooManyRequests(
            f"Too many wrong API keys from this address; try again in {wait} s",
            headers={"Retry-After": str(wait)},
            retry_after=wait,
        )
    key = presented_key(request)
    if key is None:
        raise Unauthorized(
            "Writing needs an API key (Authorization: Bearer KEY or X-API-Key)", headers={"WWW-Authenticate": REALM}
        )
    scopes = key_scopes(key, settings)
    if scopes is None:
        if failures is not None:
            failures.failed(client)
        raise Unauthorized("The API key is not valid", headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
    if scope not in scopes:
        raise Forbidden(
            f"This API key does not have the scope {scope!r} this request needs",
            scope=scope,
            headers={"WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="{scope}"'},
        )
