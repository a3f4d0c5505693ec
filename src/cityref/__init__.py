"""cityref: the ISO 37106 smart city operating model as a live, queryable reference service.

The public API is what ``__all__`` names; everything else is private to the package. The names are loaded on first
use, so that importing one module of the package (a worker process importing its handler, the CLI) does not load
the web stack.
"""

import typing as _typing

if _typing.TYPE_CHECKING:
    from cityref._version import VERSION as __version__
    from cityref.app import create_app
    from cityref.errors import CityrefError
    from cityref.settings import Settings

__all__ = ["CityrefError", "Settings", "__version__", "create_app"]

_LAZY = {
    "create_app": ("cityref.app", "create_app"),
    "CityrefError": ("cityref.errors", "CityrefError"),
    "Settings": ("cityref.settings", "Settings"),
    "__version__": ("cityref._version", "VERSION"),  # importlib.metadata: 40 ms that a CLI command need not pay
}


def __getattr__(name: str) -> _typing.Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'cityref' has no attribute {name!r}")
