"""One bulk load into a new on-disk store, as a whole process, so that two ways can be timed side by side:

    python benchmarks/bulk_load.py cityref FILE      # `cityref load FILE --graph G --data-dir NEW`, as operators do
    python benchmarks/bulk_load.py pyoxigraph FILE   # pyoxigraph's own bulk loader into a new directory

The new directory is removed afterwards. ``docs/benchmarks.md`` pairs the two runs (median of five, ratio pair by
pair) with the city of ``citygen.py`` at 1M triples.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

GRAPH = "https://city.example/graph/city"


def main() -> None:
    how, file = sys.argv[1], Path(sys.argv[2])
    folder = Path(tempfile.mkdtemp(prefix="cityref-bulk-"))
    try:
        if how == "cityref":
            from cityref.cli import app

            app(["load", str(file), "--graph", GRAPH, "--data-dir", str(folder / "data")], standalone_mode=False)
        elif how == "pyoxigraph":
            import pyoxigraph as ox

            store = ox.Store(str(folder / "data"))
            store.bulk_load(path=str(file), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
            store.flush()
            print(f"{len(store)} quads", file=sys.stderr)
            del store
        else:
            sys.exit("cityref or pyoxigraph")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
