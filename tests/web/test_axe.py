"""axe-core, the accessibility rules engine, on every kind of page: no critical and no serious violation.

axe-core comes from the npm registry as a declared test dependency (tests/web/package.json, installed by .ci/run
with ``npm ci``); it is injected into each page, so the context bypasses the pages' script policy for it alone."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.validation.registers import broken_register

from cityref import resources

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/?lang=fr",
    "/ontology/core",
    "/ontology?lang=de",
    "/def/B5",
    "/def/B5?lang=it",
    "/sparql?lang=es",
    "/sparql",
    "/queries",
    "/queries?lang=fr",
    "/queries/interoperability-needs?lang=de",
    "/queries/practice-dependencies?lang=it",
    "/validate",
    "/def/no-such-term-here",
    "/reconcile/preview?id=B5",
    "/cities?lang=de",
    "/cities/exampleton",
    "/browse",
    "/browse/a-z?lang=fr",
    "/browse/scheme-operating-model?lang=es",
    "/search?q=interop",
    "/def/City?lang=de",
    "/cities/exampleton/benefits",
    "/cities/exampleton/benefits?lang=fr",
    "/cities/exampleton/report?since=2026-01-15",
    "/cities/exampleton/report?lang=it",
    "/model",
    "/model?lang=fr",
    "/cities/exampleton/assessment?lang=fr",
    "/cities/exampleton/gaps",
    "/cities/exampleton/gaps?lang=de&date=2025-03-03",
]


@pytest.fixture(scope="session")
def axe_installed() -> Path:
    """axe-core at the version the lockfile names: installed with npm on first use, so that the README's test
    command needs nothing more than npm on the machine."""
    npm = shutil.which("npm")
    if not AXE.is_file() and npm:
        subprocess.run([npm, "ci", "--prefix", str(AXE.parents[2]), "--no-audit", "--no-fund", "--silent"], check=False)
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: install npm, or run `npm ci --prefix tests/web` (.ci/run does)")
    return AXE


@pytest.fixture()
def axe_page(browser: Any, axe_installed: Path) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def serious(page: Any) -> list[str]:
    """The critical and serious violations axe-core finds on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {json.dumps([n['target'] for n in v['nodes']][:5])}"
        for v in found
        if v["impact"] in ("critical", "serious")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(axe_page: Any, live_server: str, path: str) -> None:
    axe_page.goto(live_server + path)
    assert serious(axe_page) == []


def test_the_report_has_no_serious_accessibility_violations(axe_page: Any, live_server: str) -> None:
    devices = resources.examples_dir() / "exampleton" / "devices.ttl"
    axe_page.goto(live_server + "/validate?lang=fr")
    axe_page.check('input[name="profile"][value="iot-device-register"]')
    axe_page.set_input_files("#file", str(devices))
    with axe_page.expect_response(lambda r: "/validate" in r.url and r.request.method == "POST"):
        axe_page.click("button[type=submit]")
    axe_page.wait_for_load_state()
    assert axe_page.locator("h1").inner_text() == "Rapport de validation"
    assert serious(axe_page) == []


def test_the_workbench_report_with_filters_has_no_serious_accessibility_violations(
    axe_page: Any, live_server: str
) -> None:
    axe_page.goto(live_server + "/validate?lang=fr")
    axe_page.fill("#text", broken_register(markup=True))
    axe_page.check('input[name="profile"][value="iot-device-register"]')
    axe_page.click("button[type=submit]")
    axe_page.wait_for_url("**/validate/runs/**")
    axe_page.select_option("#f-severity", "Violation")
    axe_page.fill("#f-text", "capteur")
    assert axe_page.locator("#filters").is_visible() and axe_page.locator("li.result:visible").count() >= 1
    assert serious(axe_page) == []


def test_the_workbench_error_state_has_no_serious_accessibility_violations(axe_page: Any, live_server: str) -> None:
    axe_page.goto(live_server + "/validate?lang=es")
    axe_page.fill("#text", "<urn:a> <urn:b>\n  <urn:c\n")
    axe_page.check('input[name="profile"][value="iot-device-register"]')
    axe_page.set_input_files("#file", files=[{"name": "x.png", "mimeType": "image/png", "buffer": b"png"}])
    axe_page.click("button[type=submit]")
    axe_page.wait_for_selector("#problem-file")
    assert serious(axe_page) == []
    axe_page.set_input_files("#file", files=[])
    axe_page.click("button[type=submit]")
    axe_page.wait_for_selector("#problem-text")
    assert axe_page.locator("#text").get_attribute("aria-invalid") == "true"
    assert serious(axe_page) == []


def test_the_check_finds_what_it_should(axe_page: Any, live_server: str) -> None:
    """The harness itself: a page with an unlabelled field and grey-on-grey text has serious violations."""
    axe_page.goto(live_server + "/health")
    axe_page.set_content(
        '<html lang="en"><body><main><p style="color:#999;background:#aaa">faint</p>'
        '<input type="text"></main></body></html>'
    )
    found = " ".join(serious(axe_page))
    assert "color-contrast" in found and "label" in found


@pytest.mark.parametrize("path", ["/queries/interoperability-needs?lang=fr", "/sparql?query=SELECT%20*%20%7B%20%3Fs"])
def test_the_query_pages_have_no_serious_violations_once_answered(axe_page: Any, live_server: str, path: str) -> None:
    """With the results table (sort buttons, pager) or the syntax error mark drawn by the page's scripts."""
    axe_page.goto(live_server + path)
    axe_page.locator("#results-table tbody tr, #query-error:not([hidden])").first.wait_for()
    assert serious(axe_page) == []
