"""The ceiling for a term lookup: a bare FastAPI app answering one route with fixed bytes, as fast as FastAPI and
uvicorn go on this machine. ``terms_wrk.py`` starts it with the bytes cityref answered for the same request.

    CITYREF_BARE_BODY=/tmp/b5.json CITYREF_BARE_TYPE=application/json python -m uvicorn bare_app:app --port 8001
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response

BODY = Path(os.environ["CITYREF_BARE_BODY"]).read_bytes()
MEDIA_TYPE = os.environ.get("CITYREF_BARE_TYPE", "application/json")

app = FastAPI()


@app.get("/{path:path}")
async def fixed(path: str) -> Response:
    return Response(BODY, media_type=MEDIA_TYPE)
