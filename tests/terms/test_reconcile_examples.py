"""Example batches, read from a folder laid out as the W3C Entity Reconciliation CG's specs repository lays out its
own (``{version}/examples/{kind}/{valid,invalid}/*.json``), sent to the service.

Our own batches (tests/terms/reconciliation-examples) cover each case of the CG's valid examples: names only;
every optional field, with a type and properties we do not have; several values of mixed kinds for one property;
properties without a name; languages on the query and on a condition; data extension with and without settings.
To run the CG's own files as well, point ``CITYREF_RECONCILIATION_EXAMPLES`` at a checkout of reconciliation-api/specs
(or at any folder of that layout); they are never copied into this repository. The conformance folder is used too,
should it ever ship the examples beside the schemas.

Every valid batch must be answered 200 with an answer that validates, one result per query; every invalid 1.0 batch
must be refused (4xx). Invalid 0.2 batches get 400 or a valid answer: 0.2 clients are many and old, so members we do
not know are ignored rather than refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import CONFORMANCE

from .conftest import Schemas

OURS = Path(__file__).parent / "reconciliation-examples"
VERSIONS = ("0.2", "1.0-draft")


def _roots() -> list[tuple[str, Path]]:
    roots = [("ours", OURS), ("conformance", CONFORMANCE / "reconciliation")]
    if os.environ.get("CITYREF_RECONCILIATION_EXAMPLES"):
        roots.append(("external", Path(os.environ["CITYREF_RECONCILIATION_EXAMPLES"])))
    return roots


def _examples(kind: str, validity: str) -> list[Any]:
    found = []
    for label, root in _roots():
        for version in VERSIONS:
            for path in sorted((root / version / "examples" / kind / validity).glob("*.json")):
                found.append(pytest.param(version, path, id=f"{label}-{version}-{path.stem}"))
    return found


def test_our_examples_are_found() -> None:
    """The folder test below must never pass by finding nothing."""
    assert len([p for p in _examples("reconciliation-query-batch", "valid") if "ours" in p.id]) == 9
    assert len([p for p in _examples("data-extension-query", "valid") if "ours" in p.id]) == 4


def _send_batch(client: TestClient, version: str, batch: Any) -> Any:
    if version == "0.2":
        return client.post("/reconcile", data={"queries": json.dumps(batch)})
    return client.post("/reconcile/v1/match", json=batch)


@pytest.mark.parametrize(("version", "path"), _examples("reconciliation-query-batch", "valid"))
def test_valid_batches_are_answered(open_client: TestClient, schemas: Schemas, version: str, path: Path) -> None:
    batch = json.loads(path.read_text(encoding="utf-8"))
    schemas.validate(version, "reconciliation-query-batch", batch)  # the file is what its folder says
    response = _send_batch(open_client, version, batch)
    assert response.status_code == 200, response.text
    answer = response.json()
    schemas.validate(version, "reconciliation-result-batch", answer)
    if version == "0.2":
        assert set(answer) == set(batch)
    else:
        assert len(answer["results"]) == len(batch["queries"])


@pytest.mark.parametrize(("version", "path"), _examples("reconciliation-query-batch", "invalid"))
def test_invalid_batches_are_refused_or_answered_validly(
    open_client: TestClient, schemas: Schemas, version: str, path: Path
) -> None:
    batch = json.loads(path.read_text(encoding="utf-8"))
    assert not schemas.is_valid(version, "reconciliation-query-batch", batch)
    response = _send_batch(open_client, version, batch)
    if version == "1.0-draft" or response.status_code != 200:
        assert 400 <= response.status_code < 500, response.text
    else:
        schemas.validate(version, "reconciliation-result-batch", response.json())


@pytest.mark.parametrize(("version", "path"), _examples("data-extension-query", "valid"))
def test_extension_queries_are_answered(open_client: TestClient, schemas: Schemas, version: str, path: Path) -> None:
    query = json.loads(path.read_text(encoding="utf-8"))
    schemas.validate(version, "data-extension-query", query)
    if version == "0.2":
        response = open_client.post("/reconcile", data={"extend": json.dumps(query)})
    else:
        response = open_client.post("/reconcile/v1/extend", json=query)
    assert response.status_code == 200, response.text
    answer = response.json()
    schemas.validate(version, "data-extension-response", answer)
    asked = list(dict.fromkeys(p["id"] for p in query["properties"]))
    assert [m["id"] for m in answer["meta"]] == asked
    rows = answer["rows"]
    assert (list(rows) if version == "0.2" else [r["id"] for r in rows]) == query["ids"]


def test_our_cases_get_the_answers_they_are_there_for(open_client: TestClient) -> None:
    """What the folder test only checks for shape, checked for content on our own batches."""
    batch = json.loads((OURS / "1.0-draft/examples/reconciliation-query-batch/valid/everything.json").read_text())
    results = open_client.post("/reconcile/v1/match", json=batch).json()["results"]
    assert [(c["id"], c["match"]) for c in results[0]["candidates"]] == [("B5", True)]
    assert {e["code"] for e in results[0]["errors"]} == {"unsupported-match-qualifier"}
    assert results[1]["candidates"] == []
    assert {e["code"] for e in results[1]["errors"]} == {
        "unknown-type",
        "unknown-property",
        "unsupported-match-qualifier",
    }
    assert [c["id"] for c in results[2]["candidates"]] == ["B7", "B8"]
    languages = json.loads((OURS / "1.0-draft/examples/reconciliation-query-batch/valid/languages.json").read_text())
    best = open_client.post("/reconcile/v1/match", json=languages).json()["results"][0]["candidates"][0]
    assert (best["id"], best["lang"]) == ("group-strategy-management", "fr")
    features = {f["id"]: f["value"] for f in best["features"]}
    assert features == {"name": 95.0, "property:label": True, "property:nickname": False}
    mixed = json.loads((OURS / "0.2/examples/reconciliation-query-batch/valid/several-values.json").read_text())
    answer = open_client.post("/reconcile", data={"queries": json.dumps(mixed)}).json()["mixed"]
    assert answer["result"] and all(c["type"][0]["id"] in ("Practice", "DeliveryPrinciple") for c in answer["result"])
    assert [e["property"] for e in answer["errors"]] == ["hobby"]
