"""A real cityref server process on loopback, which the fault tests kill, stop and restart by PID."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
from tests.sparql.conftest import KEY, free_port

from cityref.api.auth import key_digest

__all__ = ["KEY", "ServerProcess"]


class ServerProcess:
    """``python -m cityref serve`` on a data directory, with a write key and the given settings."""

    def __init__(self, data_dir: Path, *, port: int | None = None, **settings: object) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "CITYREF_API_KEY_HASHES": json.dumps([key_digest(KEY)]),
            "CITYREF_LOAD_EXAMPLES": "false",
            **{f"CITYREF_{k.upper()}": v if isinstance(v, str) else json.dumps(v) for k, v in settings.items()},
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, wait: bool = True) -> float:
        """Start the server; returns how long it took to answer ``/health`` (0 when not waiting)."""
        started = time.monotonic()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cityref", "serve", "--data-dir", str(self.data_dir), "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if not wait:
            return 0.0
        deadline = started + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the server did not come up")

    def signal(self, sig: signal.Signals) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
