"""The validation workbench as a vendor uses it, in Chromium against a real ``cityref serve``: paste a broken
device register, read the French report grouped by device, filter it, download it; drop files; read a syntax
error where it is; validate again; and see a label holding markup as text."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tests.validation.registers import MARKUP, broken_register, delivery

PROFILE = 'input[name="profile"][value="iot-device-register"]'


def _api_report(page: Any, live_server: str, text: str, lang: str = "fr") -> dict[str, Any]:
    """What ``POST /validate`` says of the same input: the page must agree with the API."""
    answer = page.request.post(
        f"{live_server}/validate?profile=iot-device-register&lang={lang}",
        data=text.encode(),
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )
    assert answer.status == 200
    report: dict[str, Any] = answer.json()
    return report


def _paste_and_validate(page: Any, live_server: str, text: str, lang: str = "fr") -> None:
    page.goto(f"{live_server}/validate?lang={lang}")
    page.fill("#text", text)
    page.select_option("#text_format", "text/turtle")
    page.check(PROFILE)
    page.select_option("#lang", lang)
    page.click("button[type=submit]")
    page.wait_for_url("**/validate/runs/**")


def test_a_pasted_broken_register_reads_in_french_grouped_by_device(guarded: tuple[Any, Any], live_server: str) -> None:
    page, outside = guarded
    text = broken_register()
    _paste_and_validate(page, live_server, text)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Rapport de validation"
    assert page.locator(".verdict").inner_text().startswith("Non conforme")
    report = _api_report(page, live_server, text)
    devices = {r["focusNode"] for r in report["results"]}
    groups = page.locator("section.node")
    assert groups.count() == len(devices) >= 3
    noise = groups.filter(has_text="device-noise-09")
    assert noise.locator("h3 .label").inner_text() == "Noise sensor, Night-time economy zone"
    on_page = noise.locator("li.result > p").all_inner_texts()
    in_api = [r for r in report["results"] if r["focusNode"].endswith("device-noise-09")]
    assert len(on_page) == len(in_api)
    # the messages are the French ones the API gives, each behind its severity in French
    for result in in_api:
        badge = {"Violation": "Violation", "Warning": "Avertissement", "Info": "Information"}[result["severity"]]
        assert f"{badge} {result['message']}" in on_page
    english = _api_report(page, live_server, text, "en")
    assert {r["message"] for r in report["results"]} != {r["message"] for r in english["results"]}
    assert outside.asked == []


def test_filter_to_violations_and_download_the_csv(page: Any, live_server: str, tmp_path: Path) -> None:
    text = broken_register()
    _paste_and_validate(page, live_server, text)
    report = _api_report(page, live_server, text)
    violations = sum(1 for r in report["results"] if r["severity"] == "Violation")
    assert 0 < violations < len(report["results"]), "the register has warnings too, or the filter proves nothing"
    rows = page.locator("li.result")
    assert rows.count() == len(report["results"])
    page.select_option("#f-severity", "Violation")
    visible = page.locator("li.result:visible")
    assert visible.count() == violations
    assert page.locator("li.result.Warning:visible").count() == 0
    assert page.locator("#shown").inner_text() == f"{violations} résultats affichés sur {len(report['results'])}"
    with page.expect_download() as caught:
        page.click('.downloads a[data-format="csv"]')
    saved = tmp_path / "report.csv"
    caught.value.save_as(saved)
    with saved.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == violations
    assert {line["severity"] for line in lines} == {"Violation"}
    # the JSON download follows the same filter
    with page.expect_download() as caught:
        page.click('.downloads a[data-format="json"]')
    saved_json = tmp_path / "report.json"
    caught.value.save_as(saved_json)
    assert len(json.loads(saved_json.read_text(encoding="utf-8"))["results"]) == violations


def test_text_search_and_shape_filter_work_without_a_reload(page: Any, live_server: str) -> None:
    _paste_and_validate(page, live_server, broken_register())
    address = page.url
    page.fill("#f-text", "number-plate CAMERA")  # the label, in another case
    assert page.locator("section.node:visible").count() == 1
    assert "device-anpr-camera-02" in page.locator("section.node:visible h3").inner_text()
    page.fill("#f-text", "")
    shape = page.locator("#f-shape option[value^='shape:']").first.get_attribute("value") or ""
    page.select_option("#f-shape", shape)
    shown = page.locator("li.result:visible")
    assert shown.count() >= 1
    assert {r.get_attribute("data-shape") for r in shown.all()} == {shape.removeprefix("shape:")}
    assert page.url == address, "no reload"


def test_two_files_dropped_at_once_are_validated_together(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/validate?lang=fr")
    files = [("inventory.ttl", delivery("broken-inventory")), ("personal.ttl", delivery("broken-personal-data"))]
    transfer = page.evaluate_handle(
        """files => { const t = new DataTransfer();
            for (const [name, text] of files) t.items.add(new File([text], name, {type: 'text/turtle'}));
            return t; }""",
        files,
    )
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    assert page.locator("#chosen li").all_inner_texts()[0].startswith("inventory.ttl")
    assert page.locator("#chosen li").count() == 2
    assert page.eval_on_selector("#file", "e => e.files.length") == 2
    page.check(PROFILE)
    page.click("button[type=submit]")
    page.wait_for_url("**/validate/runs/**")
    headings = " ".join(page.locator("section.node h3").all_inner_texts())
    assert "device-noise-09" in headings and "device-anpr-camera-02" in headings


def test_a_malformed_file_shows_its_line_and_column_in_the_page(guarded: tuple[Any, Any], live_server: str) -> None:
    page, outside = guarded
    page.goto(f"{live_server}/validate?lang=fr")
    page.check(PROFILE)
    broken = b"@prefix ex: <https://exampleton.example/id/> .\nex:a ex:b\n  ex:c ex:d .\n"
    page.set_input_files("#file", files=[{"name": "devices.ttl", "mimeType": "text/turtle", "buffer": broken}])
    with page.expect_response(lambda r: r.url.endswith("/validate/runs?lang=fr")) as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 400 and answer.value.headers["content-type"].startswith("text/html")
    box = page.locator("#problem-file")
    assert box.get_attribute("role") == "alert"
    assert box.locator("strong").inner_text() == "Erreur de syntaxe"
    details = box.locator("dl").inner_text()
    assert "Ligne\n3" in details and "Colonne" in details and "devices.ttl" in details
    assert "problem+json" not in box.inner_text() and '"status"' not in page.content()
    assert outside.asked == []


def test_a_malformed_paste_puts_the_caret_at_the_error(page: Any, live_server: str) -> None:
    text = "@prefix ex: <https://exampleton.example/id/> .\nex:a ex:b ex:c .\nex:a ex:b\n"
    page.goto(f"{live_server}/validate?lang=de")
    page.fill("#text", text)
    page.check(PROFILE)
    page.click("button[type=submit]")
    page.wait_for_selector("#problem-text")
    assert page.locator("#text").input_value() == text, "the pasted text is kept"
    assert page.locator("#text").get_attribute("aria-invalid") == "true"
    line = int(page.locator("#text").get_attribute("data-line") or 0)
    assert line >= 3 and f"Zeile {line}" in page.locator("#problem-text").inner_text()
    caret = page.evaluate("() => [document.activeElement.id, document.activeElement.selectionStart]")
    assert caret[0] == "text"
    assert text[: caret[1]].count("\n") == line - 1


def test_validate_again_keeps_the_pasted_text_the_profile_and_the_language(page: Any, live_server: str) -> None:
    text = broken_register()
    _paste_and_validate(page, live_server, text, lang="it")
    page.get_by_role("link", name="Convalidare di nuovo").click()
    page.wait_for_url("**/validate?again=**")
    assert page.locator("#text").input_value() == text
    assert page.locator(PROFILE).is_checked()
    assert page.locator("#lang").input_value() == "it"
    page.click("button[type=submit]")
    page.wait_for_url("**/validate/runs/**")
    assert page.locator("section.node").count() >= 3


def test_a_label_with_markup_in_the_delivery_shows_as_text(page: Any, live_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _paste_and_validate(page, live_server, broken_register(markup=True))
    heading = page.locator("section.node", has_text="device-noise-09").locator("h3 .label")
    assert heading.inner_text() == MARKUP
    assert heading.locator("b, script, img").count() == 0
    assert page.title() != "pwned" and dialogs == []
    page.fill("#f-text", "<b>capteur</b>")  # the filter reads the label as text too
    assert page.locator("section.node:visible").count() == 1


def test_the_report_and_the_error_fit_a_phone(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        _paste_and_validate(page, live_server, broken_register(markup=True))
        page.select_option("#f-severity", "Violation")
        assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") == [390, 390]
        page.goto(f"{live_server}/validate")
        page.fill("#text", "<urn:a> <urn:b> " + "<urn:averyveryverylongiri" * 20 + "\n")
        page.check(PROFILE)
        page.click("button[type=submit]")
        page.wait_for_selector("#problem-text")
        assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") == [390, 390]
    finally:
        context.close()


def test_a_delivery_over_the_limit_is_stopped_in_the_page_with_the_input_kept(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/validate?lang=es")
    most = int(page.get_attribute("#workbench", "data-max-bytes") or 0)
    assert most > 0
    transfer = page.evaluate_handle(
        "n => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(n)], 'big.ttl')); return t; }",
        most + 1,
    )
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    page.fill("#text", "# kept")
    page.check(PROFILE)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    page.click("button[type=submit]")
    problem = page.locator("#size-problem")
    problem.wait_for(state="visible")
    assert "no se envió nada" in problem.inner_text()
    assert sent == [] and page.url.endswith("/validate?lang=es")
    assert page.locator("#text").input_value() == "# kept" and page.locator(PROFILE).is_checked()
