"""Validation of a synthetic IoT device register, side by side: cityref (default engine, and engine=pyshacl), plain
pySHACL and plain shacl-rust, at several sizes, with wall time and peak memory of each run.

Each generated device meets the iot-device-register profile except every tenth, which lacks its operator and
retention period, so every run also builds a report with results. About 18 triples per device.

    python benchmarks/validate_devices.py                          # 10k and 100k, 3 runs each, medians
    python benchmarks/validate_devices.py --triples 1000000 --skip-pyshacl-above 200000
    python benchmarks/validate_devices.py --devices 5000 --worker  # one run through the worker, as the server does

Every figure is one fresh process (``os.wait4`` gives its peak RSS), timed from start to exit, so imports,
reading the profiles and the ontology, parsing, validating and writing the report all count:

- ``cli``: ``cityref validate FILE -p iot-device-register -f json`` (the default engine);
- ``cli --engine pyshacl``: the same on the reference engine;
- ``pyshacl``: rdflib parses the file and the merged ontology, then ``pyshacl.validate(advanced=True)``;
- ``shacl-rust``: ``shacl_rust.validate_file`` over the file and the ontology as N-Triples, with the profile.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROFILE = "iot-device-register"
PREFIXES = """@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix ex: <https://exampleton.example/id/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sosa: <http://www.w3.org/ns/sosa/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:org-operator a cityref:Organisation ; rdfs:label "Operator"@en .
"""


def device(n: int) -> str:
    broken = n % 10 == 9
    operator = "" if broken else "cityref:operator ex:org-operator ;"
    retention = "" if broken else "cityref:retentionDays 365 ;"
    return f"""
ex:device-{n} a cityref:IoTDevice ;
    rdfs:label "Sensor {n}"@en ;
    cityref:inPublicSpace true ;
    cityref:collectsPersonalData false ;
    {operator}
    dcat:contactPoint <mailto:sensors@exampleton.example> ;
    sosa:hosts [ a sosa:Sensor ; sosa:observes ex:property-air-quality ] ;
    cityref:collectsDataCategory cityref:data-category-traffic-counts ;
    geo:hasGeometry ex:geometry-{n} ;
    cityref:inServiceSince "2024-01-{1 + n % 28:02d}T00:00:00"^^xsd:dateTime ;
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


CONTENDERS = ("cli", "cli --engine pyshacl", "pyshacl", "shacl-rust")
PYSHACL = ("cli --engine pyshacl", "pyshacl")


def command(contender: str, data: Path, ontology_nt: Path) -> list[str]:
    """The process that one contender runs for one register file."""
    cli = [sys.executable, "-m", "cityref", "validate", str(data), "-p", PROFILE, "-f", "json", "-o", os.devnull]
    if contender == "cli":
        return cli
    if contender == "cli --engine pyshacl":
        return [*cli, "--engine", "pyshacl"]
    return [sys.executable, __file__, "--plain", contender, "--file", str(data), "--ontology-nt", str(ontology_nt)]


def plain(contender: str, data: Path, ontology_nt: Path) -> None:
    """One plain engine, as a user of that library alone would run it (the ontology joins the data graph)."""
    from cityref import resources

    shapes = resources.shapes_dir() / f"{PROFILE}.ttl"
    if contender == "pyshacl":
        import pyshacl
        from rdflib import Graph

        graph = Graph()
        graph.parse(data, format="turtle")
        graph.parse(ontology_nt, format="nt")
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=Graph().parse(shapes), advanced=True, inplace=True)
    else:
        import shacl_rust

        with tempfile.NamedTemporaryFile(suffix=".nt") as both:
            both.write(data_as_ntriples(data) + ontology_nt.read_bytes())
            both.flush()
            conforms = shacl_rust.validate_file(both.name, str(shapes), experimental_index=True)["conforms"]
    assert not conforms


def data_as_ntriples(data: Path) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(ox.parse(path=str(data), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: the register does not conform, as intended
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024


def side_by_side(sizes: list[int], runs: int, skip_pyshacl_above: int) -> None:
    from cityref import resources
    from cityref.validation.engine import ontology_graph

    with tempfile.TemporaryDirectory() as tmp:
        ontology_nt = Path(tmp) / "ontology.nt"
        ontology_graph(str(resources.ontology_dir().resolve())).serialize(ontology_nt, format="nt", encoding="utf-8")
        print("| contender | triples | wall s (median) | min-max | peak RSS MiB | x faster than plain pySHACL |")
        print("|---|---|---|---|---|---|")
        for size in sizes:
            data = Path(tmp) / f"register-{size}.ttl"
            data.write_text(register(max(1, size // 18)), encoding="utf-8")
            medians: dict[str, float] = {}
            rows: list[tuple[str, list[tuple[float, float]]]] = []
            for contender in CONTENDERS:
                if contender in PYSHACL and size > skip_pyshacl_above:
                    print(f"| {contender} | {size:,} | not run | | | |")
                    continue
                figures = [timed(command(contender, data, ontology_nt)) for _ in range(runs)]
                medians[contender] = statistics.median(w for w, _ in figures)
                rows.append((contender, figures))
            for contender, figures in rows:  # once all ran: the ratio needs plain pySHACL's median
                walls = [w for w, _ in figures]
                ratio = f"{medians['pyshacl'] / medians[contender]:.1f}" if "pyshacl" in medians else ""
                print(
                    f"| {contender} | {size:,} | {medians[contender]:.2f} | {min(walls):.2f}-{max(walls):.2f} "
                    f"| {max(r for _, r in figures):.0f} | {ratio} |",
                    flush=True,
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[10_000, 100_000], help="approximate sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pyshacl-above", type=int, default=200_000, help="pySHACL takes minutes at 1M")
    parser.add_argument("--devices", type=int, default=None, help="with --worker: the register's size")
    parser.add_argument("--worker", action="store_true", help="one run in the worker process with a time budget")
    parser.add_argument("--plain", choices=("pyshacl", "shacl-rust"), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ontology-nt", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain:
        plain(args.plain, args.file, args.ontology_nt)
    elif args.worker:
        text = register(args.devices or max(1, args.triples[0] // 18))
        started = time.perf_counter()
        conforms, counts = in_worker(text, PROFILE)
        print(f"worker: {time.perf_counter() - started:.2f} s; conforms={conforms} counts={counts}")
    else:
        side_by_side(args.triples, args.runs, args.skip_pyshacl_above)


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
