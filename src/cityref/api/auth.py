"""Write access: an API key whose SHA-256 hex digest is configured. Reads are open.

Keys travel as ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``. Only digests are configured, so a leaked
settings file does not leak a key; digests are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request

from cityref.errors import Unauthorized
from cityref.settings import Settings


def key_digest(key: str) -> str:
    """The digest to configure in ``CITYREF_API_KEY_HASHES`` for ``key``.

    >>> key_digest("secret")[:16]
    '2bb80d537b1da3e3'
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-key") or None


def key_allowed(key: str | None, settings: Settings) -> bool:
    if not key:
        return False
    digest = key_digest(key).encode()
    matched = False
    for allowed in settings.api_key_hashes:
        # Bytes, not str: compare_digest refuses non-ASCII str, and a typo in the settings must not become a 500.
        matched |= hmac.compare_digest(digest, allowed.strip().lower().encode())
    return matched


def require_write_key(request: Request) -> None:
    """Called first by every route that writes: 401 unless a configured key is presented."""
    settings: Settings = request.app.state.settings
    if not key_allowed(presented_key(request), settings):
        raise Unauthorized(
            "Writing needs an API key (Authorization: Bearer KEY or X-API-Key)",
            headers={"WWW-Authenticate": 'Bearer realm="cityref"'},
        )
