"""Short symbols for the QUDT units indicators commonly use, so that a table reads "t/yr" rather than an IRI.

Only a handful are listed: QUDT's own catalogue is not loaded into the store, and a unit not listed here is shown
by its QUDT name (the end of its IRI), which is still unambiguous.
"""

from __future__ import annotations

QUDT_UNIT = "http://qudt.org/vocab/unit/"

SYMBOLS = {
    "PERCENT": "%",
    "DAY": "d",
    "HR": "h",
    "MIN": "min",
    "SEC": "s",
    "PER-WK": "/wk",
    "PER-DAY": "/d",
    "PER-YR": "/yr",
    "TONNE": "t",
    "TONNE-PER-YR": "t/yr",
    "KiloGM": "kg",
    "MicroGM-PER-M3": "µg/m³",
    "KiloW-HR": "kWh",
    "MegaW-HR": "MWh",
    "KiloM": "km",
    "NUM": "",
}


def unit_symbol(unit: str | None) -> str:
    """The symbol of a QUDT unit IRI (``""`` for none, its QUDT name when no symbol is listed).

    >>> unit_symbol("http://qudt.org/vocab/unit/MicroGM-PER-M3"), unit_symbol("http://qudt.org/vocab/unit/LUX")
    ('µg/m³', 'LUX')
    """
    if not unit:
        return ""
    name = unit.removeprefix(QUDT_UNIT) if unit.startswith(QUDT_UNIT) else unit.rsplit("/", 1)[-1]
    return SYMBOLS.get(name, name)
