"""``cityref query`` in-process: canned names, files and text; embedded store or a real SPARQL endpoint."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF
from typer.testing import CliRunner

from cityref.cli import app
from cityref.sparql import canned

from .conftest import CITY_GRAPH, exampleton_files

C = Namespace("https://w3id.org/cityref/def/")
runner = CliRunner()


def personal_without_retention(city: Graph) -> set[str]:
    return {
        str(d)
        for d in city.subjects(RDF.type, C.IoTDevice)
        if (d, C.collectsPersonalData, Literal(True)) in city and city.value(d, C.retentionDays) is None
    }


def test_canned_query_on_the_embedded_store_as_json(city: Graph) -> None:
    result = runner.invoke(app, ["query", "personal-data-without-retention", "--format", "json"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert {b["device"]["value"] for b in bindings} == personal_without_retention(city)


def test_table_output_and_params_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "deps.rq"
    path.write_text(canned.get("practice-dependencies").text, encoding="utf-8")
    args = ["query", str(path), "-p", "practice=cityref:B6", "--format", "table"]
    result = runner.invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "cityref:B6" in result.stdout and "row(s)" in result.stdout


def test_bad_parameter_is_usage_error() -> None:
    result = runner.invoke(app, ["query", "silo-systems", "-p", "city=> } ; DROP ALL #"])
    assert result.exit_code == 2
    assert "city" in result.output
    unknown = runner.invoke(app, ["query", "silo-systems", "-p", "colour=red"])
    assert unknown.exit_code == 2 and "colour" in unknown.output


def test_list_and_show() -> None:
    listed = runner.invoke(app, ["query", "--list"])
    assert listed.exit_code == 0 and "silo-systems" in listed.stdout


def test_list_as_json_is_the_catalogue_the_api_serves(client: TestClient) -> None:
    listed = runner.invoke(app, ["query", "--list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    names = [q["name"] for q in json.loads(listed.stdout)["queries"]]
    served = [q["name"] for q in client.get("/queries").json()["queries"]]
    assert names == served and "silo-systems" in names
    assert runner.invoke(app, ["query", "--list", "--format", "csv"]).exit_code == 2
    shown = runner.invoke(app, ["query", "model-outline", "-p", "lang=de", "--show"])
    assert shown.exit_code == 0 and 'FILTER(LANG(?label) = "de")' in shown.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` on 127.0.0.1 holding the Exampleton graph; yields its query URL."""
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server (PyPI package 'oxigraph') is a test dependency"
    port = free_port()
    location = tmp_path_factory.mktemp("cli-endpoint")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        for path in exampleton_files():
            request = urllib.request.Request(
                f"{base}/store?graph={CITY_GRAPH}",
                data=path.read_bytes(),
                method="POST",
                headers={"Content-Type": "text/turtle"},
            )
            urllib.request.urlopen(request, timeout=10).close()
        yield base + "/query"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_canned_query_against_an_endpoint(endpoint: str, city: Graph) -> None:
    result = runner.invoke(app, ["query", "personal-data-without-retention", "--endpoint", endpoint, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["device"] for r in rows} == personal_without_retention(city)


def test_adhoc_text_against_an_endpoint(endpoint: str) -> None:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CITY_GRAPH}> {{ ?s ?p ?o }} }}"
    result = runner.invoke(app, ["query", text, "--endpoint", endpoint, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]) > 500


def test_unreachable_endpoint_exits_1() -> None:
    result = runner.invoke(app, ["query", "silo-systems", "--endpoint", f"http://127.0.0.1:{free_port()}/query"])
    assert result.exit_code == 1 and "error" in result.output


def query_fake_endpoint(status: int, answer: bytes, *args: str) -> tuple[Any, list[tuple[str, dict[str, list[str]]]]]:
    """Run ``cityref query ARGS --endpoint`` against a stub that answers ``status``/``answer`` and records requests."""
    import threading
    import urllib.parse
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str, dict[str, list[str]]]] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            seen.append((self.headers["Accept"], urllib.parse.parse_qs(body)))
            self.send_response(status)
            self.send_header("Content-Type", "text/csv" if status == 200 else "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        return runner.invoke(app, ["query", *args, "--endpoint", url]), seen
    finally:
        server.shutdown()
        server.server_close()


def test_endpoint_gets_the_format_by_accept_only() -> None:
    """SPARQLWrapper's own format=xml parameters must not be sent: cityref and Fuseki obey them over Accept."""
    result, seen = query_fake_endpoint(200, b"n\r\n3\r\n", "SELECT ?n WHERE { ?s ?p ?n }", "--format", "csv")
    assert result.exit_code == 0, result.output
    accept, form = seen[0]
    assert accept == "text/csv"
    assert set(form) == {"query"}


def test_query_the_endpoint_rejects_is_a_usage_error() -> None:
    """A 400 from the endpoint means the query is wrong (exit 2), unlike an unreachable store (exit 1)."""
    result, _ = query_fake_endpoint(400, b"syntax error at 1:20", "SELECT * WHERE { ?s ?p }")
    assert result.exit_code == 2, result.output
    assert "syntax error at 1:20" in result.output
