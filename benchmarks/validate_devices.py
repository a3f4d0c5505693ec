"""Time ``cityref.validation.validate`` on a synthetic IoT device register of a chosen size.

Each generated device meets the iot-device-register profile except every tenth, which lacks its operator and
retention period, so the run also builds a report with results. About 18 triples per device.

    python benchmarks/validate_devices.py --triples 10000
    python benchmarks/validate_devices.py --devices 5000 --worker   # through the worker process, as the server does
"""

from __future__ import annotations

import argparse
import time

from cityref.validation import validate
from cityref.validation.parse import parse_data

PREFIXES = """@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix ex: <https://exampleton.example/id/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sosa: <http://www.w3.org/ns/sosa/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:org-operator a cityref:Organisation ; rdfs:label "Operator"@en .
"""


def device(n: int) -> str:
    broken = n % 10 == 9
    operator = "" if broken else "cityref:operator ex:org-operator ;"
    retention = "" if broken else 'cityref:retentionPeriod "P1Y"^^xsd:duration ;'
    return f"""
ex:device-{n} a cityref:IoTDevice ;
    rdfs:label "Sensor {n}"@en ;
    cityref:inPublicSpace true ;
    cityref:collectsPersonalData false ;
    {operator}
    cityref:contactPoint <mailto:sensors@exampleton.example> ;
    sosa:observes ex:property-air-quality ;
    cityref:collectsDataCategory cityref:data-category-traffic-counts ;
    geo:hasGeometry ex:geometry-{n} ;
    cityref:inServiceSince "2024-01-{1 + n % 28:02d}"^^xsd:date ;
    {retention}
    cityref:purpose "Measures air quality."@en ;
    cityref:networkType "LoRaWAN" ;
    cityref:securityProtocol "LoRaWAN AES-128" ;
    cityref:encryptedInTransit true ;
    cityref:encryptedAtRest true ;
    cityref:dataClassification cityref:classification-public .
ex:geometry-{n} geo:asWKT "POINT({4 + n % 100 / 1000:.4f} 50.85)"^^geo:wktLiteral .
"""


def register(devices: int) -> str:
    return PREFIXES + "".join(device(n) for n in range(devices))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=None)
    parser.add_argument("--triples", type=int, default=10_000, help="approximate size, when --devices is not given")
    parser.add_argument("--worker", action="store_true", help="run in the worker process with a time budget")
    parser.add_argument("--profile", default="iot-device-register")
    args = parser.parse_args()
    text = register(args.devices or max(1, args.triples // 18))
    started = time.perf_counter()
    triples = len(parse_data(text, "text/turtle"))
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    if args.worker:
        conforms, counts = in_worker(text, args.profile)
    else:
        report = validate(text, [args.profile])
        conforms, counts = report.conforms, report.counts
    elapsed = time.perf_counter() - started
    print(
        f"{triples} triples: parse {parsed:.2f} s; validate (parse + ontology + pySHACL + report) {elapsed:.2f} s; "
        f"conforms={conforms} counts={counts}"
    )


def in_worker(text: str, profile: str) -> tuple[bool, dict[str, int]]:
    """The server's way: the delivery as a file, validated and rendered in a validation worker."""
    import tempfile
    from pathlib import Path

    from cityref.validation import ValidationJob, run_in_pool, worker_spec
    from cityref.workers import WorkerPool

    pool = WorkerPool(worker_spec(8192, 0, 60.0), 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.ttl"
        path.write_text(text, encoding="utf-8")
        try:
            result = run_in_pool(
                pool, ValidationJob(((str(path), "text/turtle", path.name),), (profile,), "json"), 3600
            )
        finally:
            pool.close()
    return result.conforms, result.counts


if __name__ == "__main__":
    main()
