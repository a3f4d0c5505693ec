"""The package version, read from the installed distribution so that pyproject.toml is its only source."""

from importlib.metadata import version

VERSION = version("cityref")
