"""A city's four pictures together: what ``/cities/{id}`` shows and what each download draws.

:data:`CITY_PICTURES` names them in page order; :func:`city_picture` reads and draws one, :func:`city_pictures`
all four (a report embeds them from here).
"""

from __future__ import annotations

from collections.abc import Callable

from cityref.cities.reader import Reader
from cityref.cities.registry import City
from cityref.errors import NotFound
from cityref.pictures.benefits import benefit_picture, read_benefit_map
from cityref.pictures.common import Picture, Translate, translator
from cityref.pictures.interoperability import interoperability_picture, read_interoperability
from cityref.pictures.maturity import maturity_picture, read_maturity
from cityref.pictures.risks import read_risk_heat_map, risk_picture

MAX_PARTIES = 60
"""The default of the ``picture_matrix_max_parties`` setting."""
Draw = Callable[[Reader, City, str, Translate, int], Picture]

_DRAW: dict[str, Draw] = {
    "maturity-radar": lambda read, city, lang, t, _: maturity_picture(
        read_maturity(read, city.graph, city.label, lang), t
    ),
    "benefit-map": lambda read, city, lang, t, _: benefit_picture(read_benefit_map(read, city.graph, lang), t),
    "interoperability-matrix": lambda read, city, lang, t, most: interoperability_picture(
        read_interoperability(read, city.graph, lang, most), t
    ),
    "risk-heat-map": lambda read, city, lang, t, _: risk_picture(read_risk_heat_map(read, city.graph, lang), t),
}
CITY_PICTURES: tuple[str, ...] = tuple(_DRAW)
"""The name of each picture of a city, in the order the dashboard shows them (also its download's file name)."""


def city_picture(
    read: Reader,
    city: City,
    name: str,
    lang: str = "en",
    t: Translate | None = None,
    *,
    max_parties: int = MAX_PARTIES,
) -> Picture:
    """The picture ``name`` of ``city``; ``NotFound`` listing the names for any other. ``max_parties``: the most
    systems and parties the interoperability matrix draws."""
    if name not in _DRAW:
        raise NotFound(f"A city has no picture {name!r}", known=list(CITY_PICTURES))
    return _DRAW[name](read, city, lang, t or translator(lang), max_parties)


def city_pictures(
    read: Reader, city: City, lang: str = "en", t: Translate | None = None, *, max_parties: int = MAX_PARTIES
) -> list[Picture]:
    """All of ``city``'s pictures, in :data:`CITY_PICTURES` order."""
    return [city_picture(read, city, name, lang, t, max_parties=max_parties) for name in CITY_PICTURES]
