"""``cityref load`` into an embedded data directory and into a running server's Graph Store, with the key."""

from __future__ import annotations

from pathlib import Path

from tests.sparql.conftest import KEY, LiveServer
from typer.testing import CliRunner

from cityref.cli import app
from cityref.store import EmbeddedStore

runner = CliRunner()
G = "http://example.org/loaded"


def _write(tmp_path: Path, rows: int = 2000) -> Path:
    path = tmp_path / "city.ttl"
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [f"ex:s{i} ex:p {i} ; ex:q [ ex:r {i} ] ." for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_load_into_a_data_directory(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = runner.invoke(app, ["load", str(source), "--graph", G, "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    store = EmbeddedStore(tmp_path / "data")
    try:
        sizes = {g.iri: g.triples for g in store.graphs()}
        assert sizes[G] == 6000
    finally:
        store.close()


def test_load_through_a_server_needs_the_key(tmp_path: Path, live_server: LiveServer) -> None:
    source = _write(tmp_path, rows=10)
    endpoint = live_server.url + "/graphs"
    refused = runner.invoke(app, ["load", str(source), "--graph", G, "--endpoint", endpoint])
    assert refused.exit_code == 2
    result = runner.invoke(app, ["load", str(source), "--graph", G, "--endpoint", endpoint, "--key", KEY])
    assert result.exit_code == 0, result.output
    import urllib.parse
    import urllib.request

    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"})
    with urllib.request.urlopen(f"{live_server.url}/sparql?{query}") as response:
        assert b'"30"' in response.read()


def test_syntax_error_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> .\n")
    result = runner.invoke(app, ["load", str(broken), "--graph", G, "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 2
    assert "line 1" in result.output


def test_load_is_registered_with_help() -> None:
    result = runner.invoke(app, ["load", "--help"])
    assert result.exit_code == 0 and "--graph" in result.output
