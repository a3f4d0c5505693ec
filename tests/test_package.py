"""The public API is curated, the package finds its data, and every console script runs."""

import inspect
import subprocess
import sys

import cityref
from cityref import resources


def test_all_is_complete_and_exported() -> None:
    # Submodules appear in dir() once imported; the curated API is everything else.
    names = [name for name in dir(cityref) if not name.startswith("_")]
    public = {name for name in names if not inspect.ismodule(getattr(cityref, name))}
    assert public <= set(cityref.__all__)
    for name in cityref.__all__:
        assert hasattr(cityref, name)


def test_resources_found_without_relying_on_cwd(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for kind in ("ontology", "shapes", "queries", "examples"):
        assert resources.path(kind).is_dir()
    assert any(resources.ontology_dir().glob("*.ttl"))


def test_console_script_and_module_entry_point_answer_help() -> None:
    for cmd in (["cityref", "--help"], [sys.executable, "-m", "cityref", "--help"]):
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "serve" in done.stdout


def test_docstring_examples_run() -> None:
    import doctest

    from cityref import i18n, lang, media, queryfile, terms, validation
    from cityref.api import security
    from cityref.terms import text

    for module in (media, lang, queryfile, text, terms, validation, i18n, security):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0, module.__name__
