"""``LOAD SILENT`` of a host that is not allowed succeeds quietly without contacting it; a plain LOAD stays a 403.

The spec makes a failing ``LOAD SILENT`` a quiet success. The operation is replaced by one that does nothing before
the text reaches the engine, so the other operations of the same update still run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH, embedded_settings
from tests.sparql.listener import Recorder, listening

from cityref import create_app
from cityref.errors import Forbidden
from cityref.sparql.text import analyse, check_services, neutralise_silent_loads

BEFORE = "INSERT DATA { <urn:a> <urn:p> <urn:before> }"
AFTER = "INSERT DATA { GRAPH <urn:kept> { <urn:a> <urn:p> <urn:after> } }"
# Spellings of one LOAD SILENT operation; {H} is the listener's host:port.
SILENT_LOADS = [
    "LOAD SILENT <http://{H}/data>",
    "LOAD SILENT <http://{H}/data> INTO GRAPH <urn:g>",
    "LOADSILENT<http://{H}/data>INTOGRAPH<urn:g>",
    "load  silent\n<http://{H}/data>  into graph  <urn:g>",
    "LOAD # why\rSILENT # not\r<http://{H}/data>",
    "LOAD SILENT :data INTO GRAPH :g",
    "LOADSILENT:data",
]


@pytest.fixture(scope="module")
def host() -> Iterator[str]:
    with listening() as listener_host:
        yield listener_host


@pytest.fixture(autouse=True)
def no_hits_before() -> None:
    Recorder.hits.clear()


def _update(operation: str, host: str) -> str:
    return f"PREFIX : <http://{host}/> {BEFORE} ; {operation.replace('{H}', host)} ; {AFTER}"


def _quads(update: str) -> set[str]:
    store = ox.Store()
    store.update(update)
    return {str(quad) for quad in store}


@pytest.mark.parametrize("operation", SILENT_LOADS)
def test_the_engine_would_fetch_each_spelling(host: str, operation: str) -> None:
    """The proof below means something only if the engine really loads from the listener without the guard."""
    loaded = _quads(_update(operation, host))
    assert Recorder.hits and any("urn:loaded" in quad for quad in loaded)


@pytest.mark.parametrize("operation", SILENT_LOADS)
def test_a_silent_load_of_a_host_not_allowed_becomes_a_no_op(host: str, operation: str) -> None:
    update = _update(operation, host)
    neutralised = neutralise_silent_loads(update, [])
    assert analyse(neutralised).services == []
    check_services(analyse(neutralised), [])
    # Still one valid update: the other operations do exactly what they do without the LOAD.
    assert _quads(neutralised) == _quads(f"{BEFORE} ; {AFTER}")
    assert Recorder.hits == []


def test_the_no_op_touches_no_graph() -> None:
    """A CLEAR of some reserved graph would empty that graph if a client had made it; the no-op cannot."""
    store = ox.Store()
    store.update("INSERT DATA { GRAPH <urn:cityref:nothing> { <urn:a> <urn:b> <urn:c> } }")
    store.update(neutralise_silent_loads("LOAD SILENT <http://far.example/x> INTO GRAPH <urn:cityref:nothing>", []))
    assert len(store) == 1


def test_an_allowed_host_and_a_plain_load_are_left_alone(host: str) -> None:
    allowed = _update(SILENT_LOADS[1], host)
    assert neutralise_silent_loads(allowed, [host]) == allowed
    plain = _update("LOAD <http://{H}/data>", host)
    assert neutralise_silent_loads(plain, []) == plain
    with pytest.raises(Forbidden):
        check_services(analyse(plain), [])


def test_a_silent_load_that_cannot_be_read_whole_is_still_refused(host: str) -> None:
    """An unknown prefix: what the engine would fetch is not known, so the LOAD stays and is refused."""
    unknown = f"{BEFORE} ; LOAD SILENT nowhere:data"
    assert neutralise_silent_loads(unknown, []) == unknown
    with pytest.raises(Forbidden):
        check_services(analyse(unknown), [])


def _ask(client: TestClient, pattern: str) -> bool:
    response = client.get("/sparql", params={"query": f"ASK {{ {pattern} }}"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    result: bool = response.json()["boolean"]
    return result


def test_endpoint_answers_204_and_runs_the_other_operations(host: str, embedded_client: TestClient) -> None:
    update = _update("LOAD SILENT <http://{H}/data> INTO GRAPH <urn:g>", host).replace("urn:kept", "urn:kept:silent")
    response = embedded_client.post(
        "/sparql", content=update, headers={"Content-Type": "application/sparql-update", **AUTH}
    )
    assert response.status_code == 204, response.text
    assert Recorder.hits == []
    assert _ask(embedded_client, "GRAPH <urn:kept:silent> { <urn:a> <urn:p> <urn:after> }")
    assert not _ask(embedded_client, "GRAPH ?g { <urn:loaded> ?p ?o }")


def test_endpoint_still_refuses_a_plain_load(host: str, embedded_client: TestClient) -> None:
    update = _update("LOAD <http://{H}/data> INTO GRAPH <urn:g>", host).replace("urn:kept", "urn:kept:plain")
    response = embedded_client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 403
    assert Recorder.hits == []
    assert not _ask(embedded_client, "GRAPH <urn:kept:plain> { ?s ?p ?o }")


def test_endpoint_loads_from_an_allowed_host(host: str) -> None:
    """The allow-list still works: the same LOAD SILENT reaches an allowed host and its data is loaded."""
    with TestClient(create_app(embedded_settings(allowed_remote_hosts=[host], load_examples=False))) as client:
        update = "LOAD SILENT <http://{H}/data> INTO GRAPH <urn:g:allowed>".replace("{H}", host)
        response = client.post("/sparql", data={"update": update}, headers=AUTH)
        assert response.status_code == 204, response.text
        assert Recorder.hits == ["/data"]
        assert _ask(client, "GRAPH <urn:g:allowed> { <urn:loaded> ?p ?o }")
