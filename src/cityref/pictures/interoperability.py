"""The interoperability matrix of a city: its systems and parties in rows (from) and columns (to), each
interoperability need a mark in its cell. The mark is tinted by its European Interoperability Framework layer and
also carries the layer's initial; its shape says the need's status (hollow dashed: identified, hollow: planned,
half filled: in progress, filled: achieved, a cross: blocked). A system in no need shows as an empty row and
column: the city's silos.
"""

from __future__ import annotations

from dataclasses import dataclass

from cityref.cities.reader import Reader, iri, literal
from cityref.pictures import svg
from cityref.pictures.common import (
    CITYREF,
    N_,
    PREFIXES,
    Labels,
    Picture,
    Table,
    Translate,
    checked_language,
    heading,
    local_name,
    ontology_labels,
    translator,
)
from cityref.store.base import sparql_iri

ID = "interoperability-matrix"
NAME = "interoperability-matrix"
LAYERS = tuple(CITYREF + f"eif-layer-{n}" for n in ("legal", "organisational", "semantic", "technical"))
"""The EIF layers in the framework's own order; a layer the model adds later comes after them."""
TINTS = ("#f6d7a7", "#d9c7ec", "#c5e4d0", "#c7dcf2", "#eeeeee")
STATUSES = tuple(CITYREF + f"need-status-{n}" for n in ("identified", "planned", "in-progress", "achieved", "blocked"))


@dataclass(frozen=True)
class Need:
    iri: str
    label: str
    source: str
    target: str
    layer: str
    status: str
    standard: str
    standard_missing: bool


@dataclass(frozen=True)
class InteroperabilityMatrix:
    lang: str
    parties: list[str]
    """Systems and organisations drawn, in row (and column) order."""
    party_count: int
    """How many the city has (more than ``parties`` when the matrix was cut to a size)."""
    party_labels: dict[str, str]
    needs: list[Need]
    layer_labels: dict[str, str]
    status_labels: dict[str, str]

    @property
    def layers(self) -> list[str]:
        return list(self.layer_labels)

    def initial(self, layer: str) -> str:
        """The layer's mark: the initial of its label, or its number when two labels share an initial."""
        initials = [heading(self.layer_labels[x])[:1] for x in self.layers]
        mine = heading(self.layer_labels[layer])[:1]
        return mine if initials.count(mine) == 1 else str(self.layers.index(layer) + 1)


def _query(graph: str) -> str:
    return f"""{PREFIXES}
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?system ?need ?label ?from ?to ?layer ?status ?standard ?missing ?party ?partyLabel WHERE {{
  GRAPH {sparql_iri(graph)} {{
    {{ ?system a cityref:CitySystem }}
    UNION
    {{ ?need a cityref:InteroperabilityNeed ; cityref:fromParty ?from ; cityref:toParty ?to .
       OPTIONAL {{ ?need rdfs:label ?label }}
       OPTIONAL {{ ?need cityref:eifLayer ?layer }}
       OPTIONAL {{ ?need cityref:needStatus ?status }}
       OPTIONAL {{ ?need cityref:standardUsed ?standard }}
       OPTIONAL {{ ?need cityref:standardMissing ?missing }} }}
    UNION
    {{ ?party rdfs:label|skos:prefLabel ?partyLabel .
       FILTER EXISTS {{
         {{ ?party a cityref:CitySystem }} UNION {{ ?any cityref:fromParty|cityref:toParty ?party }}
       }} }}
  }}
}}"""


def read_interoperability(read: Reader, graph: str, lang: str = "en", max_parties: int = 60) -> InteroperabilityMatrix:
    """The systems and the interoperability needs recorded in the city's ``graph``; the matrix draws at most
    ``max_parties`` of them (it grows with their square), those in the most needs first."""
    lang = checked_language(lang)
    names, need_names = Labels(lang), Labels(lang)
    parties: list[str] = []
    found: dict[str, dict[str, str | None]] = {}
    for row in read(_query(graph)):
        system, need, party = iri(row, "system"), iri(row, "need"), iri(row, "party")
        if system:
            parties.append(system)
        if party:
            names.offer(party, row, "partyLabel")
        if need:
            need_names.offer(need, row, "label")
            found.setdefault(need, {k: iri(row, k) for k in ("from", "to", "layer", "status")})
            entry = found[need]
            entry["standard"] = entry.get("standard") or literal(row, "standard")
            entry["missing"] = entry.get("missing") or literal(row, "missing")
    needs = [
        Need(
            n,
            need_names(n),
            str(v["from"]),
            str(v["to"]),
            v["layer"] or "",
            v["status"] or "",
            v.get("standard") or "",
            (v.get("missing") or "") in ("true", "1"),
        )
        for n, v in found.items()
    ]
    parties.extend(p for n in needs for p in (n.source, n.target))
    everyone = sorted(dict.fromkeys(parties), key=lambda p: (names(p).casefold(), p))
    busy = {p: sum((n.source == p) + (n.target == p) for n in needs) for p in everyone}
    kept = set(sorted(everyone, key=lambda p: -busy[p])[:max_parties])
    ordered = [p for p in everyone if p in kept]
    rank = {p: i for i, p in enumerate(everyone)}
    layers = [*LAYERS, *sorted({n.layer for n in needs if n.layer and n.layer not in LAYERS})]
    statuses = [*STATUSES, *sorted({n.status for n in needs if n.status and n.status not in STATUSES})]
    concept = ontology_labels(read, [*layers, *statuses], lang)
    needs.sort(
        key=lambda n: (
            rank[n.source],
            rank[n.target],
            layers.index(n.layer) if n.layer in layers else 99,
        )
    )
    return InteroperabilityMatrix(
        lang,
        ordered,
        len(everyone),
        {p: names(p) for p in everyone},
        needs,
        {x: concept(x) for x in layers},
        {x: concept(x) for x in statuses},
    )


CELL, LABELS, HEAD = 48.0, 260.0, 70.0


def _status_mark(status: str, x: float, y: float, r: float = 8) -> str:
    """The shape of a status, centred on (x, y)."""
    kind = STATUSES.index(status) if status in STATUSES else -1
    ring = {"cx": f"{x:g}", "cy": f"{y:g}", "r": f"{r:g}", "stroke": svg.INK, "stroke_width": 1.6}
    if kind == 0:
        return svg.element("circle", fill="#fff", stroke_dasharray="3 2", **ring)
    if kind == 1:
        return svg.element("circle", fill="#fff", **ring)
    if kind == 2:
        half = f"M{x:g},{y - r:g} A{r:g},{r:g} 0 0 1 {x:g},{y + r:g} z"
        return svg.element("circle", fill="#fff", **ring) + svg.element("path", d=half, fill=svg.INK)
    if kind == 3:
        return svg.element("circle", fill=svg.INK, **ring)
    if kind == 4:
        d = f"M{x - r:g},{y - r:g} L{x + r:g},{y + r:g} M{x + r:g},{y - r:g} L{x - r:g},{y + r:g}"
        return svg.element("path", d=d, stroke=svg.INK, stroke_width=3)
    return svg.element("rect", x=f"{x - r / 2:g}", y=f"{y - r / 2:g}", width=f"{r:g}", height=f"{r:g}", fill=svg.MUTED)


def draw_interoperability_matrix(matrix: InteroperabilityMatrix, t: Translate | None = None) -> str:
    t = t or translator(matrix.lang)
    count = len(matrix.parties)
    width = max(LABELS + count * CELL + 20, 640)
    parts: list[str] = [
        svg.text_block([t(N_("Rows: from; columns: to (numbered as the rows)"))], 12, 20, size=13, weight="600")
    ]
    tint = {layer: TINTS[min(i, len(TINTS) - 1)] for i, layer in enumerate(matrix.layers)}
    for i, party in enumerate(matrix.parties):
        y = HEAD + i * CELL
        lines = svg.wrap(f"{i + 1} · {matrix.party_labels[party]}", LABELS - 16, 12, max_lines=2)
        parts.append(svg.text_block(lines, 12, y + CELL / 2 + 4 - (len(lines) - 1) * 7.5, size=12))
        parts.append(
            svg.text_block(
                [str(i + 1)], LABELS + i * CELL + CELL / 2, HEAD - 10, size=12, anchor="middle", weight="700"
            )
        )
        for j in range(count):
            x = LABELS + j * CELL
            fill = "#d0d0d0" if i == j else "#fff"
            parts.append(svg.element("rect", x=x, y=y, width=CELL, height=CELL, fill=fill, stroke="#8a8a8a"))
    position = {p: i for i, p in enumerate(matrix.parties)}
    cells: dict[tuple[int, int], list[Need]] = {}
    for need in matrix.needs:
        if need.source in position and need.target in position:
            cells.setdefault((position[need.source], position[need.target]), []).append(need)
    for (i, j), held in cells.items():
        slot = CELL / len(held)
        for k, need in enumerate(held):
            x, y = LABELS + j * CELL + k * slot, HEAD + i * CELL
            layer, status = matrix.layer_labels.get(need.layer, "?"), matrix.status_labels.get(need.status, "?")
            said = f"{need.label} ({layer}, {status})"
            mark = svg.title(said)
            mark += svg.element(
                "rect",
                x=f"{x + 1:g}",
                y=y + 1,
                width=f"{slot - 2:g}",
                height=CELL - 2,
                fill=tint.get(need.layer, TINTS[-1]),
            )
            mark += _status_mark(need.status, x + slot / 2, y + 15, r=min(8, slot / 2 - 3))
            initial = matrix.initial(need.layer) if need.layer in matrix.layer_labels else "?"
            mark += svg.text_block([initial], x + slot / 2, y + CELL - 8, size=12, anchor="middle", weight="700")
            parts.append(svg.element("g", mark, class_="need", data_need=local_name(need.iri)))
    y = HEAD + count * CELL + 30
    legend: list[str] = [svg.text_block([t(N_("EIF layer (tint and letter)"))], 12, y, size=13, weight="600")]
    for k, layer in enumerate(matrix.layers):
        ly = y + 12 + k * 24
        legend.append(svg.element("rect", x=12, y=ly, width=28, height=20, fill=tint[layer], stroke="#8a8a8a"))
        legend.append(svg.text_block([matrix.initial(layer)], 26, ly + 15, size=12, anchor="middle", weight="700"))
        legend.append(svg.text_block([heading(matrix.layer_labels[layer])], 50, ly + 15, size=12))
    sx = width / 2
    legend.append(svg.text_block([t(N_("Status (shape)"))], sx, y, size=13, weight="600"))
    for k, status in enumerate(matrix.status_labels):
        ly = y + 12 + k * 24
        legend.append(_status_mark(status, sx + 14, ly + 10))
        legend.append(svg.text_block([heading(matrix.status_labels[status])], sx + 34, ly + 15, size=12))
    rows = max(len(matrix.layers), len(matrix.status_labels))
    height = y + 12 + rows * 24 + 16
    body = svg.element("rect", width=f"{width:g}", height=f"{height:g}", fill="#fff") + "".join(parts) + "".join(legend)
    return svg.document(
        ID,
        width,
        height,
        interoperability_title(t),
        interoperability_description(matrix, t),
        body,
        lang=matrix.lang,
        role="img",
    )


def interoperability_title(t: Translate) -> str:
    return t(N_("Interoperability matrix"))


def interoperability_description(matrix: InteroperabilityMatrix, t: Translate) -> str:
    linked = {p for n in matrix.needs for p in (n.source, n.target)}
    alone = [matrix.party_labels[p] for p in matrix.party_labels if p not in linked]
    text = t(N_("%(needs)d interoperability needs between %(parties)d systems and parties, by layer and status.")) % {
        "needs": len(matrix.needs),
        "parties": len(matrix.parties),
    }
    if alone:
        text += " " + t(N_("In no need: %(names)s.")) % {"names": ", ".join(alone)}
    if matrix.party_count > len(matrix.parties):
        text += " " + t(
            N_("The matrix draws the %(shown)d of %(total)d in the most needs; the table lists every need.")
        ) % {"shown": len(matrix.parties), "total": matrix.party_count}
    return text


def interoperability_table(matrix: InteroperabilityMatrix) -> Table:
    columns = (
        ("from", N_("From")),
        ("to", N_("To")),
        ("need", N_("Need")),
        ("layer", N_("EIF layer")),
        ("status", N_("Status")),
        ("standard", N_("Standard")),
        ("standard_missing", N_("Standard missing")),
        ("need_iri", "IRI"),
    )
    rows = [
        (
            matrix.party_labels[n.source],
            matrix.party_labels[n.target],
            n.label,
            matrix.layer_labels.get(n.layer, ""),
            matrix.status_labels.get(n.status, ""),
            n.standard,
            "true" if n.standard_missing else "false",
            n.iri,
        )
        for n in matrix.needs
    ]
    return Table(columns, rows)


def interoperability_picture(matrix: InteroperabilityMatrix, t: Translate | None = None) -> Picture:
    t = t or translator(matrix.lang)
    return Picture(
        NAME,
        interoperability_title(t),
        interoperability_description(matrix, t),
        draw_interoperability_matrix(matrix, t),
        interoperability_table(matrix),
    )
