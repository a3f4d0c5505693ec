"""``cityref COMMAND`` loads only what COMMAND needs: the validation CLI starts without the SPARQL service, rdflib's
SPARQL engine, Jinja or pySHACL, which other commands and other formats load (about 0.3 s of a 1.5 s run)."""

from __future__ import annotations

import json
import subprocess
import sys

from cityref import resources

BROKEN = str(resources.examples_dir() / "deliveries" / "iot-device-register" / "broken-inventory.trig")

PROBE = r"""
import json, sys
from cityref import cli
sys.argv = ["cityref", *json.loads(sys.argv[1])]
try:
    cli.main()
except SystemExit as end:
    print("\nLOADED " + json.dumps({"code": end.code, "modules": sorted(sys.modules)}))
"""

NOT_FOR_VALIDATE = (
    "cityref.sparql.service",
    "cityref.cli.query",
    "rdflib.plugins.sparql",
    "jinja2",
    "pyshacl",
    "cityref.validation.worker",  # the worker pool: only with --timeout
    "cityref.workers",
    "cityref._version",  # importlib.metadata's search for the installed version
)


def run(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, timeout=120, check=False
    )
    outcome: dict[str, object] = json.loads(done.stdout.rsplit("\nLOADED ", 1)[1])
    return outcome


def test_validate_loads_only_what_it_needs() -> None:
    outcome = run("validate", BROKEN, "-p", "iot-device-register", "-f", "json")
    assert outcome["code"] == 1  # ran, and found the broken delivery does not conform
    loaded = set(outcome["modules"])  # type: ignore[arg-type]
    assert "cityref.validation.engine" in loaded
    assert not loaded & set(NOT_FOR_VALIDATE), sorted(loaded & set(NOT_FOR_VALIDATE))


def test_validate_with_a_budget_loads_the_worker() -> None:
    outcome = run("validate", BROKEN, "-p", "iot-device-register", "-f", "json", "--timeout", "60")
    assert outcome["code"] == 1
    assert "cityref.validation.worker" in set(outcome["modules"])  # type: ignore[arg-type]


def test_help_still_lists_every_command() -> None:
    from cityref.cli import COMMANDS

    done = subprocess.run([sys.executable, "-m", "cityref", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert all(f" {name} " in done.stdout for name in COMMANDS)


def test_html_report_loads_its_templates() -> None:
    outcome = run("validate", BROKEN, "-p", "iot-device-register", "-f", "html")
    assert outcome["code"] == 1 and "jinja2" in set(outcome["modules"])  # type: ignore[arg-type]
