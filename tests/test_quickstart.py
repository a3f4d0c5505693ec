"""The README's first command works as written: a new virtual environment, the package installed into it, and
``cityref serve`` answering on its embedded defaults.

The environment sees the machine's site packages, so that the dependencies need not be downloaded again: what is
proven is the command line itself (venv, activation, ``pip install .`` of this checkout, the console script). A
truly fresh machine is what CI is (``.ci/run`` on a clean clone).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import httpx2 as httpx
from tests.sparql.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    return [b.strip() for b in blocks[:2]]


def test_the_readme_opens_with_a_venv_step_then_serve_and_test() -> None:
    serve, tests = quick_start_commands()
    assert serve.startswith("python3 -m venv .venv && . .venv/bin/activate && ") and serve.endswith("cityref serve")
    assert tests.startswith("python3 -m venv .venv && . .venv/bin/activate && ") and tests.endswith("python -m pytest")


def test_the_first_command_serves_from_a_new_venv(tmp_path: Path) -> None:
    serve, _ = quick_start_commands()
    port = free_port()
    # as written, but with the machine's packages visible and on a free port
    command = serve.replace("python3 -m venv .venv", "python3 -m venv --system-site-packages .venv")
    command = command.replace("pip install .", f"pip install --quiet {ROOT}").replace(
        "cityref serve", f"exec cityref serve --port {port}"
    )
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(["bash", "-c", command], cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise AssertionError(f"no answer: {log.read_text()[-3000:]}")
        assert health.json()["store"]["graphsLoaded"] is True
        installed = tmp_path / ".venv" / "bin" / "cityref"
        assert installed.exists()  # the venv's own console script served, not the machine's
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_clone_without_the_conformance_suites_collects_everything_else_and_says_so() -> None:
    """The W3C runners and schema checks need ../shared/conformance; without it the rest of the suite still runs."""
    done = subprocess.run(
        ["python", "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=ROOT,
        env={**os.environ, "CITYREF_CONFORMANCE": str(ROOT / "no-such-folder")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    found = re.search(r"so (\d+) W3C runner modules were not collected and (\d+) schema-checked tests", done.stdout)
    assert found and int(found[1]) >= 4 and int(found[2]) > 0, done.stdout[-2000:]
    collected = re.search(r"(\d+)/(\d+) tests collected", done.stdout)
    assert collected and int(collected[1]) > 1000, done.stdout[-500:]
