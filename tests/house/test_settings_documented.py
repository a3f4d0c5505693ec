"""Every setting is named in ``docs/deployment.md`` by its environment variable, so that an operator who reads the
guide sees every limit there is (a new setting the guide does not name fails here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityref.settings import Settings

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_the_setting_is_in_the_deployment_guide(name: str) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert f"CITYREF_{name.upper()}" in text, f"{name}: docs/deployment.md does not name CITYREF_{name.upper()}"
