"""Where a warm validation's time goes, in process: reading the delivery to N-Triples, the compiled engine and its
result records, the typed report, the JSON. The calls are the ones :func:`cityref.validation.validate` makes,
with the profile, the ontology and the compiled shapes loaded first (as a server's validation worker has them).

    python benchmarks/validate_phases.py --triples 100000 1000000 --runs 2
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from validate_devices import PROFILE, register

from cityref import resources
from cityref.validation import fast, render
from cityref.validation.engine import _compiled_profiles, ontology_graph
from cityref.validation.report import build_report
from cityref.validation.triples import ontology_ntriples, parts_ntriples


def phases(path: Path) -> dict[str, float]:
    """Seconds per phase of one validation of the file at ``path``."""
    ontology = ontology_graph(str(resources.ontology_dir().resolve()))
    compiled = _compiled_profiles(str(resources.shapes_dir().resolve()), (PROFILE,))
    ontology_text = ontology_ntriples(ontology)
    data = path.read_bytes()
    marks = [time.perf_counter()]
    delivery = parts_ntriples(((path.name, data, None),))
    marks.append(time.perf_counter())
    findings = fast.run([delivery.text, ontology_text], compiled, "none")
    marks.append(time.perf_counter())
    report = build_report(findings, shapes=[compiled.graph], ontology=ontology, profiles=[PROFILE])
    marks.append(time.perf_counter())
    render.to_json(report)
    marks.append(time.perf_counter())
    names = ("read to N-Triples", "engine and its records", "typed report", "JSON")
    return {name: marks[i + 1] - marks[i] for i, name in enumerate(names)} | {"whole": marks[-1] - marks[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print("| triples | whole (s) | read to N-Triples | engine and its records | typed report | JSON |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.triples:
            path = Path(tmp) / f"register-{size}.ttl"
            path.write_text(register(max(1, size // 18)), encoding="utf-8")
            runs = [phases(path) for _ in range(args.runs)]
            cells = [f"{min(r[k] for r in runs):.2f}-{max(r[k] for r in runs):.2f}" for k in runs[0] if k != "whole"]
            whole = f"{min(r['whole'] for r in runs):.2f}-{max(r['whole'] for r in runs):.2f}"
            print(f"| {size:,} | {whole} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
