"""The layers of ``docs/architecture.md``, kept true: a module may import only from its own layer or the layers
below it, and only the interfaces may import a web or terminal framework.

Every import counts, including those inside functions (deferred imports still tie the layers together).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "cityref"

LAYERS: list[tuple[str, set[str]]] = [
    (
        "foundation",
        {
            "_version",
            "errors",
            "settings",
            "lang",
            "media",
            "queryfile",
            "resources",
            "templates",
            "i18n",
            "i18n_strings",
            "locale",
        },
    ),
    ("processes", {"workers"}),
    ("model", {"ontology"}),
    ("intake", {"intake"}),
    ("store", {"store"}),
    ("services", {"sparql", "terms"}),
    ("validation", {"validation"}),
    ("city readings", {"cities", "pictures"}),
    ("interfaces", {"api", "app", "cli", "__init__", "__main__"}),
]
"""Lowest first; each name is a top-level module or package of ``cityref``."""

FRAMEWORKS = {"fastapi", "starlette", "uvicorn", "typer", "rich", "httpx", "httpx2"}
FRAMEWORK_USERS = {"api", "app", "cli", "store"}
"""The store's remote backend is an HTTP client (httpx2); nothing else below the interfaces talks HTTP."""

RANK = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}


def _top(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """``(line, name)`` of every cityref unit and every framework the module at ``path`` imports (``source``: its
    text, if not the file's)."""
    found: list[tuple[int, str]] = []
    here = path.relative_to(PACKAGE).with_suffix("").parts
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            modules = [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level]  # a relative import stays inside the package it names
                modules = [(".".join(("cityref", *base, node.module or "")).rstrip("."), [a.name for a in node.names])]
            else:
                modules = [(node.module or "", [a.name for a in node.names])]
        else:
            continue
        for module, names in modules:
            parts = module.split(".")
            if parts[0] in FRAMEWORKS:
                found.append((node.lineno, parts[0]))
            elif parts[0] == "cityref":
                units = [parts[1]] if len(parts) > 1 else [n for n in names if n in RANK]
                found.extend((node.lineno, unit) for unit in units)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_layer() -> None:
    units = {_top(p) for p in SOURCES}
    assert units <= set(RANK), f"give these a layer in LAYERS and docs/architecture.md: {sorted(units - set(RANK))}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    unit = _top(path)
    wrong = [
        f"line {line}: {unit} ({LAYERS[RANK[unit]][0]}) imports {name} ({LAYERS[RANK[name]][0]})"
        for line, name in imports(path)
        if name in RANK and name != unit and RANK[name] > RANK[unit]
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_interfaces_import_web_frameworks(path: Path) -> None:
    unit = _top(path)
    if unit in FRAMEWORK_USERS:
        return
    wrong = [f"line {line}: {name}" for line, name in imports(path) if name in FRAMEWORKS]
    assert not wrong, f"{unit} imports a web or terminal framework: " + ", ".join(wrong)


def test_the_checker_sees_a_wrong_way_import() -> None:
    """The rule bites: a store module importing the API is caught, a relative import resolved."""
    source = "from cityref.api import deps\nfrom ..validation import engine\nimport fastapi\nfrom cityref import app\n"
    found = imports(PACKAGE / "store" / "x.py", source)
    assert found == [(1, "api"), (2, "validation"), (3, "fastapi"), (4, "app")]
