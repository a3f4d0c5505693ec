"""The validation page over HTTP (the browser tests in tests/web drive it in Chromium): a run's report grouped by
focus node, its downloads in every format, "validate again", and each error shown in the form, not as
problem+json."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED
from tests.validation.registers import broken_register

from cityref import Settings, create_app
from cityref.validation import RENDERERS

HTML = {"Accept": "text/html"}
EMPTY_FILE = {"file": ("", b"", "application/octet-stream")}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, load_examples=True, max_body_bytes=400_000, **UNLIMITED)
    with TestClient(create_app(settings)) as client:
        yield client


def _post(client: TestClient, files: Any = None, **form: Any) -> Any:
    data = {"profile": "iot-device-register", "lang": "en", **form}
    return client.post("/validate/runs", data=data, files=files or EMPTY_FILE, headers=HTML, follow_redirects=False)


@pytest.fixture(scope="module")
def run(client: TestClient) -> str:
    """A run of the broken register (with a label holding markup) in French; its page's address."""
    answer = _post(client, text=broken_register(markup=True), lang="fr")
    assert answer.status_code == 303
    return str(answer.headers["location"])


def test_a_run_shows_the_report_grouped_by_focus_node(client: TestClient, run: str) -> None:
    page = client.get(run)
    assert page.status_code == 200 and page.headers["x-conforms"] == "false"
    headings = re.findall(r'<h3 id="node-\d+">(.*?)</h3>', page.text, re.S)
    assert any("Number-plate camera, Station car park" in h and "device-anpr-camera-02" in h for h in headings)
    assert len(headings) == len(set(headings)) >= 3, "one group per focus node"
    api = client.post(
        "/validate?profile=iot-device-register&lang=fr", content=broken_register(markup=True).encode(),
        headers={"Content-Type": "text/turtle"},
    )  # fmt: skip
    results = api.json()["results"]
    assert page.text.count('<li class="result ') == len(results)
    assert len(headings) == len({r["focusNode"] for r in results})


def test_messages_in_another_language_than_the_page_carry_their_own_tag(client: TestClient, run: str) -> None:
    """The run's messages are French; a page in English marks them so, a page in French needs no mark."""
    english = client.get(run, params={"lang": "en"}).text
    assert '<html lang="en">' in english
    marked = re.findall(r'</span> <span lang="fr">', english)
    assert marked and len(marked) == english.count('<li class="result ')
    french = client.get(run, params={"lang": "fr"}).text
    assert '<html lang="fr">' in french and '<span lang="fr">' not in french


def test_a_label_with_markup_shows_as_text(client: TestClient, run: str) -> None:
    page = client.get(run).text
    assert "<script>document.title" not in page and "<img src=x" not in page and "<b>Capteur" not in page
    assert "&lt;b&gt;Capteur&lt;/b&gt; &lt;script&gt;" in page


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_report_format_downloads(client: TestClient, run: str, fmt: str) -> None:
    run_id = run.split("/")[-1].split("?")[0]
    page = client.get(run).text
    assert f"/validate/runs/{run_id}/report?format={fmt}&amp;severity=Info" in page
    answer = client.get(f"/validate/runs/{run_id}/report?format={fmt}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(RENDERERS[fmt][0])
    disposition = "inline" if fmt == "html" else "attachment"
    assert answer.headers["content-disposition"].startswith(f"{disposition}; filename=")
    assert "device-noise-09" in answer.text


def test_the_csv_download_at_violations_only_has_a_row_per_violation(client: TestClient, run: str) -> None:
    run_id = run.split("/")[-1].split("?")[0]
    report = json.loads(client.get(f"/validate/runs/{run_id}/report?format=json").text)
    violations = sum(1 for r in report["results"] if r["severity"] == "Violation")
    assert 0 < violations < len(report["results"]), "the register has warnings too, or the filter proves nothing"
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/validate/runs/{run_id}/report?format=csv&severity=Violation").text))
    )
    assert len(rows) == violations and {r["severity"] for r in rows} == {"Violation"}
    assert report["lang"] == "fr"


def test_validate_again_keeps_the_text_the_profiles_the_language_and_the_files(client: TestClient) -> None:
    text = broken_register()
    extra = {"file": ("air.ttl", b"@prefix ex: <https://exampleton.example/id/> .\n", "text/turtle")}
    first = _post(client, files=extra, text=text, lang="de")
    assert first.status_code == 303
    run_id = first.headers["location"].split("/")[-1].split("?")[0]
    form = client.get(f"/validate?again={run_id}").text
    area = re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', form, re.S)
    assert area is not None and html.unescape(area.group(1)) == "\n" + text  # HTML drops the first newline
    assert re.search(r'value="iot-device-register" checked', form)
    assert re.search(r'<option value="de" lang="de" selected>', form)
    assert "<code>air.ttl</code>" in form and 'name="reuse_files" value="1" checked' in form
    again = _post(client, text="", again=run_id, reuse_files="1")
    assert again.status_code == 303, "the kept file alone is a delivery"


def test_a_syntax_error_is_shown_beside_the_text_with_line_and_column(client: TestClient) -> None:
    answer = _post(client, text="<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b>\n  <urn:c\n")
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/html")
    box = answer.text[answer.text.index('id="problem-text"') :]
    assert "line 3, column" in box[:400]
    assert re.search(r"<dt>Line</dt><dd>3</dd>", box) and "<dt>Column</dt>" in box
    assert 'aria-invalid="true" aria-describedby="problem-text" data-line="3"' in answer.text
    assert "&lt;urn:a&gt; &lt;urn:b&gt;\n  &lt;urn:c\n</textarea>" in answer.text, "the text is kept"


def test_a_syntax_error_in_a_file_is_shown_beside_the_files(client: TestClient) -> None:
    broken = {"file": ("devices.ttl", b"<urn:a> <urn:b> .\n", "text/turtle")}
    answer = _post(client, files=broken)
    assert answer.status_code == 400
    box = answer.text[answer.text.index('id="problem-file"') :]
    assert "<code>devices.ttl</code>" in box and "<dt>Line</dt><dd>1</dd>" in box


def test_a_file_of_another_kind_is_a_415_in_the_page(client: TestClient) -> None:
    answer = _post(client, files={"file": ("photo.png", b"\x89PNG\r\n", "image/png")})
    assert answer.status_code == 415 and answer.headers["content-type"].startswith("text/html")
    assert "Unsupported media type" in answer.text[answer.text.index('id="problem-file"') :]


def test_a_body_over_the_limit_is_a_413_page(client: TestClient) -> None:
    answer = _post(client, text="# " + "x" * 500_000)
    assert answer.status_code == 413 and answer.headers["content-type"].startswith("text/html")
    assert "400000" in answer.text and "<main" in answer.text


def test_without_a_delivery_or_a_profile_the_form_says_so(client: TestClient) -> None:
    nothing = _post(client)
    assert nothing.status_code == 400 and 'id="problem-form"' in nothing.text
    text = broken_register()
    no_profile = client.post("/validate/runs", data={"text": text}, files=EMPTY_FILE, headers=HTML)
    assert no_profile.status_code == 400
    assert "iot-device-register" in no_profile.text[no_profile.text.index('id="problem-form"') :]
    assert "ex:device-noise-09 a cityref:IoTDevice" in no_profile.text


def test_an_unknown_run_is_a_404(client: TestClient) -> None:
    assert client.get("/validate/runs/no-such-run", headers=HTML).status_code == 404
    assert client.get("/validate?again=no-such-run", headers=HTML).status_code == 404
    assert client.get("/validate/runs/no-such-run/report?format=csv").status_code == 404


def test_the_context_field_offers_the_city_graphs(client: TestClient) -> None:
    form = client.get("/validate").text
    assert '<option value="https://w3id.org/cityref/graph/city/exampleton"' in form
    off = Settings(data_dir=None, load_examples=False, allow_validation_context=False, **UNLIMITED)
    with TestClient(create_app(off)) as other:
        assert 'id="context"' not in other.get("/validate").text


def test_a_run_in_a_city_context_says_so(client: TestClient) -> None:
    graph = "https://w3id.org/cityref/graph/city/exampleton"
    answer = _post(client, text=broken_register(), context=graph)
    assert answer.status_code == 303
    assert graph in client.get(answer.headers["location"]).text


def test_the_page_lists_at_most_its_cap_and_the_downloads_hold_every_result() -> None:
    settings = Settings(data_dir=None, load_examples=False, validation_page_max_results=2, **UNLIMITED)
    with TestClient(create_app(settings)) as capped:
        answer = _post(capped, text=broken_register())
        page = capped.get(answer.headers["location"]).text
        assert page.count('<li class="result ') == 2
        assert "only the first 2 results are listed" in page
        run_id = answer.headers["location"].split("/")[-1].split("?")[0]
        rows = list(csv.DictReader(io.StringIO(capped.get(f"/validate/runs/{run_id}/report?format=csv").text)))
    assert len(rows) > 2


def test_groups_put_the_worst_nodes_first_and_tally_each_node() -> None:
    from cityref.api.workbench_report import groups

    results = [
        {"focusNode": "urn:b", "severity": "Info", "sourceShape": "https://w3id.org/cityref/shapes/p/s1"},
        {"focusNode": "urn:a", "severity": "Warning", "sourceShape": "urn:s2"},
        {"focusNode": "urn:a", "severity": "Violation", "sourceShape": "urn:s2"},
        {"focusNode": "urn:a", "severity": "Violation", "sourceShape": "urn:s3"},
    ]
    found = groups({"profiles": ["p", "q"], "results": results}, {"urn:b": "Bee"})
    assert [(g.node, g.label, g.worst) for g in found] == [("urn:a", None, "Violation"), ("urn:b", "Bee", "Info")]
    assert found[0].tally() == [("Violation", 2), ("Warning", 1)]
    assert [r.severity for r in found[0].rows] == ["Violation", "Violation", "Warning"]
    assert found[1].rows[0].profile == "p" and found[1].rows[0].shape == "s1"
    assert found[0].rows[0].profile == "shapes", "a shape outside the profiles' namespace, with several profiles"


def _detail(page: str) -> tuple[str, str]:
    """The problem box's detail paragraph: (its lang attribute, its text)."""
    box = page[page.index('class="problem"') :]
    found = re.search(r'<p lang="([a-z]+)">(.*?)</p>', box, re.S)
    assert found, box[:600]
    return found.group(1), html.unescape(found.group(2))


def test_problems_in_our_own_words_are_shown_in_the_reader_s_language(client: TestClient) -> None:
    def post(lang: str, **form: Any) -> Any:
        data = {"profile": "iot-device-register", **form}
        return client.post(f"/validate/runs?lang={lang}", data=data, files=EMPTY_FILE, headers=HTML)

    assert _detail(post("en").text) == ("en", "Give a delivery to check: paste it, choose or drop files, or name a URL")
    lang, text = _detail(post("fr").text)
    assert lang == "fr" and text.startswith("Fournissez une livraison à contrôler")
    lang, text = _detail(post("de", text="# " + "x" * 500_000).text)
    assert (lang, text) == ("de", "Der Anfragekörper ist größer als die Grenze von 400000 Byte")
    # the parser's own words are not ours to translate: they stay English, and say so
    lang, text = _detail(post("it", text="<urn:a> <urn:b>\n").text)
    assert lang == "en" and text and "riga" not in text


def test_the_triple_cap_and_the_gates_speak_the_reader_s_language() -> None:
    settings = Settings(data_dir=None, max_triples=3, **UNLIMITED)
    with TestClient(create_app(settings)) as capped:
        answer = capped.post(
            "/validate/runs?lang=es", data={"profile": "iot-device-register", "text": broken_register()},
            files=EMPTY_FILE, headers=HTML,
        )  # fmt: skip
        assert answer.status_code == 422
        assert _detail(answer.text) == ("es", "Los datos contienen más de 3 tripletas")
        # programs get the English text, whatever the page's language
        api = capped.post("/validate?profile=iot-device-register&lang=es", content=broken_register().encode(),
                          headers={"Content-Type": "text/turtle"})  # fmt: skip
        assert api.json()["detail"] == "The data holds more than 3 triples"
