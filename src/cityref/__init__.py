"""cityref: the ISO 37106 smart city operating model as a live, queryable reference service.

The public API is what ``__all__`` names; everything else is private to the package.
"""

from cityref._version import VERSION as __version__
from cityref.app import create_app
from cityref.errors import CityrefError
from cityref.settings import Settings

__all__ = ["CityrefError", "Settings", "__version__", "create_app"]
