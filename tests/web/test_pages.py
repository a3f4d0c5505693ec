"""The web pages, in a real browser against a real server: what a person sees and can follow."""

from __future__ import annotations

from typing import Any

from cityref import resources


def test_ontology_documentation_lists_classes_and_links_to_terms(live_server: str, page: Any) -> None:
    response = page.goto(live_server + "/ontology")
    assert response.status == 200
    assert "text/html" in response.headers["content-type"]
    body = page.inner_text("body")
    for label in ("interoperability need", "IoT device", "Mapping the city's interoperability needs"):
        assert label.lower() in body.lower()


def test_term_page_shows_labels_in_five_languages_and_follows_a_link(live_server: str, page: Any) -> None:
    page.goto(live_server + "/def/B5")
    assert "interoperability" in page.title().lower()
    for lang in ("en", "fr", "es", "de", "it"):
        assert page.locator(f'span[lang="{lang}"]').count() >= 1
    page.click('a[href="/def/Practice"]')
    page.wait_for_url("**/def/Practice")
    assert "practice" in page.inner_text("h1").lower()


def test_ontology_page_in_french(live_server: str, page: Any) -> None:
    page.goto(live_server + "/ontology?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_home_page_finds_a_term_as_you_type_in_french(live_server: str, page: Any) -> None:
    page.goto(live_server + "/")
    page.fill("#q", "interopérabilité")
    first = page.locator("#suggestions [role=option]").first
    first.wait_for()
    assert "interop" in first.inner_text().lower()
    first.click()
    page.wait_for_url("**/def/**")
    assert "interop" in page.inner_text("h1").lower()


def test_home_page_finds_a_subcomponent_by_its_code(live_server: str, page: Any) -> None:
    page.goto(live_server + "/")
    page.fill("#q", "B5")
    first = page.locator("#suggestions [role=option]").first
    first.wait_for()
    assert first.inner_text().startswith("B5")
    assert first.get_attribute("data-href") == "/def/B5"


def test_sparql_page_runs_the_example_query(live_server: str, page: Any) -> None:
    page.goto(live_server + "/sparql")
    page.select_option("#format", "csv")
    # A CSV answer is a download for the browser, so read the answer the form's submission received.
    with page.expect_response(lambda r: "/sparql?" in r.url) as answer:
        page.click("button[type=submit]")
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    text = page.request.get(response.url).text()
    assert text.splitlines()[0].strip() == "subcomponent,label"
    assert "https://w3id.org/cityref/def/B1" in text


def test_upload_page_validates_a_device_register_in_french(live_server: str, page: Any) -> None:
    devices = resources.examples_dir() / "exampleton" / "devices.ttl"
    page.goto(live_server + "/validate?lang=fr")
    assert page.locator("#lang").input_value() == "fr"
    page.check('input[name="profile"][value="iot-device-register"]')
    page.set_input_files("#file", str(devices))
    # the form's POST answers 303 to the report's own page, which says the verdict in a header too
    with page.expect_response(lambda r: "/validate/runs/" in r.url and r.request.method == "GET") as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 200
    assert answer.value.headers["x-conforms"] == "false"
    page.wait_for_load_state()
    report = page.inner_text("body")
    # Exampleton's register has one deliberate gap: a counter of personal data with no retention period.
    assert "dev-wifi-counter-03" in report
    assert page.locator("html").get_attribute("lang") == "fr"


def test_upload_page_without_a_profile_gets_a_clear_error(live_server: str, page: Any) -> None:
    devices = resources.examples_dir() / "exampleton" / "devices.ttl"
    page.goto(live_server + "/validate")
    page.set_input_files("#file", str(devices))
    with page.expect_response(lambda r: "/validate" in r.url and r.request.method == "POST") as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 400
    # A browser gets the problem in the form's page, in the shell, naming the profiles it could have chosen.
    assert answer.value.headers["content-type"].startswith("text/html")
    page.wait_for_load_state()
    assert "iot-device-register" in page.locator(".known").inner_text()
