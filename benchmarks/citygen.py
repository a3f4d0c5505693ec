"""A deterministic synthetic city in cityref's vocabulary, at any size, with defects injected at known places.

The city holds organisations, systems, datasets, services with their channels, IoT devices, interoperability
needs between systems, risks with assessments, and benefits with indicators and measurements, in the proportions
of the Exampleton sample (devices are the bulk, as in a real register). The same ``--triples`` and ``--seed``
always give the same file, so runs on two machines or two commits compare.

Injected defects (each a fixed share of its kind, so their count scales with the city and is printed):
- a device without its operator or retention period (the iot-device-register profile reports both);
- a service that names a dataset nobody describes;
- an interoperability need whose standard is missing;
- a risk with no mitigation.

    python benchmarks/citygen.py --triples 100000 --output /tmp/city-100k.nt
    python benchmarks/citygen.py --triples 10000 --only devices --output /tmp/devices-10k.ttl
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CITYREF = "https://w3id.org/cityref/def/"
EX = "https://city.example/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
SOSA = "http://www.w3.org/ns/sosa/"
DCAT = "http://www.w3.org/ns/dcat#"
GEO = "http://www.opengis.net/ont/geosparql#"

DEVICE_SHARE = 0.7
"""Share of the triples that describe devices; the rest is spread over the other kinds."""
DEFECT_EVERY = 10
"""One in ten of each kind carries its defect."""


def iri(local: str) -> str:
    return f"<{EX}{local}>"


def term(local: str) -> str:
    return f"<{CITYREF}{local}>"


def text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{datatype}>'


@dataclass
class City:
    """Counts of what was written, defects included."""

    triples: int = 0
    things: dict[str, int] = field(default_factory=dict)
    defects: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, defect: str | None = None) -> None:
        self.things[kind] = self.things.get(kind, 0) + 1
        if defect:
            self.defects[defect] = self.defects.get(defect, 0) + 1


def device(n: int, city: City, organisations: int, rng: random.Random) -> Iterator[str]:
    s = iri(f"device-{n}")
    broken = n % DEFECT_EVERY == DEFECT_EVERY - 1
    city.count("device", "device without operator or retention" if broken else None)
    yield f"{s} <{RDF_TYPE}> {term('IoTDevice')} ."
    yield f"{s} <{LABEL}> {text(f'Sensor {n}')} ."
    yield f"{s} {term('inPublicSpace')} {typed('true', XSD + 'boolean')} ."
    yield f"{s} {term('collectsPersonalData')} {typed('false', XSD + 'boolean')} ."
    if not broken:
        yield f"{s} {term('operator')} {iri(f'org-{rng.randrange(organisations)}')} ."
        yield f"{s} {term('retentionDays')} {typed('365', XSD + 'integer')} ."
    yield f"{s} <{DCAT}contactPoint> <mailto:sensors@city.example> ."
    yield f"{s} <{SOSA}hosts> {iri(f'sensor-{n}')} ."
    yield f"{iri(f'sensor-{n}')} <{RDF_TYPE}> <{SOSA}Sensor> ."
    yield f"{iri(f'sensor-{n}')} <{SOSA}observes> {iri('property-air-quality')} ."
    yield f"{s} {term('collectsDataCategory')} {term('data-category-traffic-counts')} ."
    yield f"{s} <{GEO}hasGeometry> {iri(f'geometry-{n}')} ."
    yield f"{s} {term('inServiceSince')} {typed(f'2024-01-{1 + n % 28:02d}T00:00:00', XSD + 'dateTime')} ."
    yield f"{s} {term('purpose')} {text('Measures air quality.')} ."
    yield f'{s} {term("networkType")} "LoRaWAN" .'
    yield f'{s} {term("securityProtocol")} "LoRaWAN AES-128" .'
    yield f"{s} {term('encryptedInTransit')} {typed('true', XSD + 'boolean')} ."
    yield f"{s} {term('encryptedAtRest')} {typed('true', XSD + 'boolean')} ."
    yield f"{s} {term('dataClassification')} {term('classification-public')} ."
    point = f"POINT({4 + n % 1000 / 10000:.4f} 50.85)"
    yield f"{iri(f'geometry-{n}')} <{GEO}asWKT> {typed(point, GEO + 'wktLiteral')} ."


def organisation(n: int, city: City) -> Iterator[str]:
    city.count("organisation")
    yield f"{iri(f'org-{n}')} <{RDF_TYPE}> {term('Organisation')} ."
    yield f"{iri(f'org-{n}')} <{LABEL}> {text(f'Department {n}')} ."
    yield f"{iri(f'org-{n}')} {term('inCity')} {iri('city')} ."


def system(n: int, city: City, organisations: int) -> Iterator[str]:
    city.count("system")
    s = iri(f"sys-{n}")
    yield f"{s} <{RDF_TYPE}> {term('CitySystem')} ."
    yield f"{s} <{LABEL}> {text(f'System {n}')} ."
    yield f"{s} {term('owner')} {iri(f'org-{n % organisations}')} ."
    yield f"{s} {term('inCity')} {iri('city')} ."


def dataset(n: int, city: City, organisations: int) -> Iterator[str]:
    city.count("dataset")
    s = iri(f"ds-{n}")
    yield f"{s} <{RDF_TYPE}> {term('Dataset')} ."
    yield f"{s} <{LABEL}> {text(f'Dataset {n}')} ."
    yield f"{s} {term('owner')} {iri(f'org-{n % organisations}')} ."
    yield f"{s} {term('containsPersonalData')} {typed('false', XSD + 'boolean')} ."
    yield f"{s} {term('dataClassification')} {term('classification-public')} ."
    yield f"{s} {term('inCity')} {iri('city')} ."


def service(n: int, city: City, systems: int, datasets: int, rng: random.Random) -> Iterator[str]:
    broken = n % DEFECT_EVERY == DEFECT_EVERY - 1
    city.count("service", "service naming an undescribed dataset" if broken else None)
    s = iri(f"svc-{n}")
    yield f"{s} <{RDF_TYPE}> {term('CityService')} ."
    yield f"{s} <{LABEL}> {text(f'Service {n}')} ."
    yield f"{s} {term('availableThrough')} {iri(f'channel-{n % 7}')} ."
    for _ in range(2):
        yield f"{s} {term('supportedBy')} {iri(f'sys-{rng.randrange(systems)}')} ."
    used = f"ds-missing-{n}" if broken else f"ds-{rng.randrange(datasets)}"
    yield f"{s} {term('usesDataset')} {iri(used)} ."
    yield f"{s} {term('inCity')} {iri('city')} ."


def need(n: int, city: City, systems: int, rng: random.Random) -> Iterator[str]:
    broken = n % DEFECT_EVERY == DEFECT_EVERY - 1
    city.count("need", "need without a standard" if broken else None)
    s = iri(f"need-{n}")
    yield f"{s} <{RDF_TYPE}> {term('InteroperabilityNeed')} ."
    yield f"{s} <{LABEL}> {text(f'Need {n}')} ."
    yield f"{s} {term('fromParty')} {iri(f'sys-{rng.randrange(systems)}')} ."
    yield f"{s} {term('toParty')} {iri(f'sys-{rng.randrange(systems)}')} ."
    yield f"{s} {term('eifLayer')} {term('eif-layer-technical')} ."
    if broken:
        yield f"{s} {term('standardMissing')} {typed('true', XSD + 'boolean')} ."
    else:
        yield f"{s} {term('standardUsed')} {text('OGC SensorThings API')} ."


def risk(n: int, city: City) -> Iterator[str]:
    broken = n % DEFECT_EVERY == DEFECT_EVERY - 1
    city.count("risk", "risk without mitigation" if broken else None)
    s, a = iri(f"risk-{n}"), iri(f"risk-{n}-assessment")
    yield f"{s} <{RDF_TYPE}> {term('Risk')} ."
    yield f"{s} <{LABEL}> {text(f'Risk {n}')} ."
    yield f"{s} {term('hasAssessment')} {a} ."
    yield f"{a} <{RDF_TYPE}> {term('RiskAssessment')} ."
    yield f"{a} {term('likelihood')} {typed(str(1 + n % 5), XSD + 'integer')} ."
    yield f"{a} {term('impact')} {typed(str(1 + n * 7 % 5), XSD + 'integer')} ."
    if not broken:
        yield f"{s} {term('mitigatedBy')} {iri(f'risk-{n}-mitigation')} ."
        yield f"{iri(f'risk-{n}-mitigation')} <{RDF_TYPE}> {term('Mitigation')} ."


def benefit(n: int, city: City) -> Iterator[str]:
    city.count("indicator")
    s = iri(f"indicator-{n}")
    yield f"{s} <{RDF_TYPE}> {term('Indicator')} ."
    yield f"{s} <{LABEL}> {text(f'Indicator {n}')} ."
    yield f'{s} {term("unit")} "percent" .'
    yield f"{s} {term('baselineValue')} {typed('10', XSD + 'decimal')} ."
    yield f"{s} {term('targetValue')} {typed('40', XSD + 'decimal')} ."
    for year in range(3):
        m = iri(f"indicator-{n}-m{year}")
        yield f"{s} {term('hasMeasurement')} {m} ."
        yield f"{m} {term('measuredValue')} {typed(str(10 + 8 * year + n % 3), XSD + 'decimal')} ."
        yield f"{m} {term('measuredOn')} {typed(f'{2024 + year}-06-30T00:00:00', XSD + 'dateTime')} ."


def generate(triples: int, seed: int = 37106, only: str | None = None) -> tuple[list[str], City]:
    """The city's N-Triples lines (``triples`` of them to within a few percent) and what they describe."""
    lines, city = _generate(triples, seed, only)
    if city.triples:  # the proportions are estimates: one correction lands within a few percent of the target
        lines, city = _generate(round(triples * triples / city.triples), seed, only)
    return lines, city


def _generate(triples: int, seed: int, only: str | None) -> tuple[list[str], City]:
    rng = random.Random(seed)
    city = City()
    lines: list[str] = []
    devices = max(1, int(triples * (1.0 if only == "devices" else DEVICE_SHARE)) // 18)
    rest = 0 if only == "devices" else triples - devices * 18
    organisations = max(3, rest // 2000)
    systems = max(4, rest // 120)
    datasets = max(4, rest // 120)
    services = max(2, rest // 80)
    needs = max(2, rest // 60)
    risks = max(2, rest // 100)
    indicators = max(1, rest // 220)
    for n in range(organisations):
        lines.extend(organisation(n, city))
    for n in range(devices):
        lines.extend(device(n, city, organisations, rng))
    if only != "devices":
        for n in range(systems):
            lines.extend(system(n, city, organisations))
        for n in range(datasets):
            lines.extend(dataset(n, city, organisations))
        for n in range(services):
            lines.extend(service(n, city, systems, datasets, rng))
        for n in range(needs):
            lines.extend(need(n, city, systems, rng))
        for n in range(risks):
            lines.extend(risk(n, city))
        for n in range(indicators):
            lines.extend(benefit(n, city))
    city.triples = len(lines)
    return lines, city


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=37106)
    parser.add_argument("--only", choices=["devices"], default=None, help="a device register alone")
    parser.add_argument("--output", type=Path, required=True, help="an .nt file")
    args = parser.parse_args()
    lines, city = generate(args.triples, args.seed, args.only)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.output}: {city.triples} triples; {city.things}; defects {city.defects}", file=sys.stderr)


if __name__ == "__main__":
    main()
