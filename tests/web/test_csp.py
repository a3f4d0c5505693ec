"""The pages under their Content-Security-Policy, in a real browser: nothing blocked, styles and scripts applied."""

from __future__ import annotations

from typing import Any

import pytest

from cityref import resources


def watch(page: Any) -> list[str]:
    """Collect every CSP violation the page reports (console messages and securitypolicyviolation events)."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return seen


@pytest.mark.parametrize(
    ("path", "selector", "css", "value"),
    [
        ("/", "main", "max-width", "1024px"),
        ("/", ".shell-header", "background-color", "rgb(18, 58, 94)"),
        ("/ontology", "h2", "border-bottom-style", "solid"),
        ("/def/B5", "th", "text-align", "left"),
        ("/validate", "fieldset", "border-top-color", "rgb(204, 204, 204)"),
        ("/reconcile/preview?id=B5", "body", "font-size", "14px"),
        ("/model", "figure.picture svg", "border-top-style", "solid"),
        ("/cities/exampleton", "table.data th", "border-top-style", "solid"),
    ],
)
def test_pages_are_styled_and_nothing_is_blocked(
    live_server: str, page: Any, path: str, selector: str, css: str, value: str
) -> None:
    violations = watch(page)
    response = page.goto(live_server + path)
    assert response.status == 200 and "default-src" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    computed = page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{css}')")
    assert computed == value
    assert violations == []


def test_home_page_script_runs_under_the_policy(live_server: str, page: Any) -> None:
    violations = watch(page)
    page.goto(live_server + "/")
    page.fill("#q", "B5")
    page.locator("#suggestions li a").first.wait_for()
    assert violations == []


def test_the_report_keeps_its_inline_style_under_the_policy(live_server: str, page: Any) -> None:
    violations = watch(page)
    devices = resources.examples_dir() / "exampleton" / "devices.ttl"
    page.goto(live_server + "/validate")
    page.check('input[name="profile"][value="iot-device-register"]')
    page.set_input_files("#file", str(devices))
    with page.expect_response(lambda r: "/validate" in r.url and r.request.method == "POST") as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 200
    page.wait_for_load_state()
    assert page.eval_on_selector("th", "e => getComputedStyle(e).backgroundColor") == "rgb(243, 243, 243)"
    assert violations == []


def test_the_docs_pages_run_under_their_policy_from_this_server_alone(live_server: str, page: Any) -> None:
    """Swagger UI's own files come from this server: the page's inline script runs (the policy allows it by
    hash) and draws the operations; no other inline script may run."""
    violations = watch(page)
    page.goto(live_server + "/docs")
    page.locator(".opblock").first.wait_for()
    assert page.evaluate("typeof window.SwaggerUIBundle") == "function"
    # An inserted inline script runs as it is appended, if the policy lets it: no waiting needed.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.text = 'window.injected = 1'; document.body.append(s); }"
    )
    assert page.evaluate("window.injected === undefined"), "another inline script is blocked"
    assert any("script-src" in v for v in violations)
