"""The picture of the operating model: one column of components, each holding its process groups, practices or
key risks, with every linkage drawn as an arc from what depends to what it depends on.

An arc that points down the column runs on the right and is solid; one that points up runs on the left and is
dashed; each ends in an arrowhead and starts at a dot. So the direction reads from shape and side, never from
colour. Components, groups, practices and risks differ by frame, border and pattern, and the legend says which.
Every node links to its term page.
"""

from __future__ import annotations

from dataclasses import dataclass

from cityref.pictures import svg
from cityref.pictures.common import N_, Picture, Table, TermLink, Translate, translator
from cityref.pictures.model_data import ModelNode, OperatingModel, read_operating_model

WIDTH = 960
LEFT, RIGHT = 300, 660
"""The column's outer edges (component frames); arcs use the space either side."""
INNER_LEFT, INNER_RIGHT = 320, 640
"""The edges of a practice."""
ID = "model"


@dataclass
class _Anchor:
    top: float
    bottom: float
    left: float
    right: float


@dataclass
class _Layout:
    parts: list[str]
    anchors: dict[str, _Anchor]
    y: float


def _node_link(node: ModelNode, link: TermLink, content: str, tooltip: str) -> str:
    return svg.element(
        "a",
        svg.title(tooltip) + content,
        href=link(node.iri),
        class_=f"node node-{node.kind}",
        data_term=node.local,
        data_notation=node.notation or None,
    )


def _named(node: ModelNode) -> str:
    return f"{node.notation} · {node.label}" if node.notation else node.label


def _header(
    node: ModelNode,
    link: TermLink,
    x: float,
    y: float,
    width: float,
    *,
    size: float,
    fill: str,
    band: str | None = None,
) -> tuple[str, float]:
    """A component's or group's name, as a link; ``band``: a pattern for a strip at its left edge."""
    indent = 22 if band else 10
    lines = svg.wrap(_named(node), width - indent - 10, size, max_lines=3)
    height = 14 + len(lines) * size * 1.25
    rect = svg.element("rect", x=x, y=y, width=width, height=f"{height:g}", fill=fill, stroke=svg.LINE, stroke_width=1)
    if band:
        rect += svg.element("rect", x=x + 1, y=y + 1, width=12, height=f"{height - 2:g}", fill=band)
    text = svg.text_block(lines, x + indent, y + 7 + size, size=size, weight="700", lang=node.label_lang)
    return _node_link(node, link, rect + text, _named(node)), height


def _practice(node: ModelNode, link: TermLink, y: float) -> tuple[str, float]:
    width = INNER_RIGHT - INNER_LEFT
    lines = svg.wrap(node.label, width - 64, 13, max_lines=3)
    height = max(30.0, 12 + len(lines) * 16.25)
    body = svg.element(
        "rect", x=INNER_LEFT, y=y, width=width, height=f"{height:g}", fill="#fff", stroke=svg.INK, stroke_width=1.3
    )
    body += svg.element(
        "rect", x=INNER_LEFT, y=y, width=48, height=f"{height:g}", fill="#e4ebf2", stroke=svg.INK, stroke_width=1.3
    )
    body += svg.text_block([node.notation], INNER_LEFT + 24, y + height / 2 + 5, size=14, weight="700", anchor="middle")
    body += svg.text_block(lines, INNER_LEFT + 58, y + 6 + 13, size=13, lang=node.label_lang)
    return _node_link(node, link, body, _named(node)), height


def _risk(node: ModelNode, link: TermLink, x: float, y: float, width: float) -> tuple[str, float]:
    lines = svg.wrap(node.label, width - 34, 12.5, max_lines=3)
    height = 10 + len(lines) * 15.6
    body = svg.element(
        "rect", x=x, y=y, width=width, height=height, rx=10, fill="#fff", stroke=svg.INK, stroke_width=1.2
    )
    body += svg.element("rect", x=x + 1, y=y + 6, width=10, height=height - 12, fill=f"url(#{ID}-hatch)")
    body += svg.text_block(lines, x + 20, y + 5 + 12.5, size=12.5, lang=node.label_lang)
    return _node_link(node, link, body, node.label), height


def _lay_out(model: OperatingModel, link: TermLink) -> _Layout:
    out = _Layout([], {}, 12)
    for component in model.of_kind("component"):
        top = out.y
        header, height = _header(component, link, LEFT, top, RIGHT - LEFT, size=15, fill="#dce7f2")
        out.anchors[component.iri] = _Anchor(top, top + height, LEFT, RIGHT)
        inner: list[str] = [header]
        out.y = top + height + 10
        for child in model.children(component.iri):
            if child.kind == "group":
                inner.append(_group(model, child, link, out))
            elif child.kind == "practice":
                inner.append(_place_practice(child, link, out))
        risks = [c for c in model.children(component.iri) if c.kind == "risk"]
        if risks:
            inner.append(_risks(risks, link, out))
        bottom = out.y if len(inner) > 1 else top + height
        frame = svg.element(
            "rect",
            x=LEFT,
            y=top,
            width=RIGHT - LEFT,
            height=f"{bottom - top:g}",
            fill="none",
            stroke="#123a5e",
            stroke_width=2.5,
        )
        out.parts.append(svg.element("g", frame + "".join(inner), class_="component", data_term=component.local))
        out.y = bottom + 22
    return out


def _place_practice(node: ModelNode, link: TermLink, out: _Layout) -> str:
    drawn, height = _practice(node, link, out.y)
    out.anchors[node.iri] = _Anchor(out.y, out.y + height, INNER_LEFT, INNER_RIGHT)
    out.y += height + 8
    return drawn


def _group(model: OperatingModel, group: ModelNode, link: TermLink, out: _Layout) -> str:
    top = out.y
    x, width = LEFT + 10, RIGHT - LEFT - 20
    header, height = _header(group, link, x, top, width, size=13, fill="#f2f2f2", band=f"url(#{ID}-dots)")
    out.anchors[group.iri] = _Anchor(top, top + height, x, x + width)
    out.y = top + height + 8
    held = "".join(_place_practice(p, link, out) for p in model.children(group.iri))
    frame = svg.element(
        "rect",
        x=x,
        y=top,
        width=width,
        height=f"{out.y - top:g}",
        fill="none",
        stroke=svg.INK,
        stroke_width=1.2,
        stroke_dasharray="7 4",
    )
    out.y += 10
    return svg.element("g", frame + header + held, class_="group", data_term=group.local)


def _risks(risks: list[ModelNode], link: TermLink, out: _Layout) -> str:
    """One risk a row, as wide as a practice: long names (German compounds above all) need the width."""
    width = INNER_RIGHT - INNER_LEFT
    drawn: list[str] = []
    for node in risks:
        part, height = _risk(node, link, INNER_LEFT, out.y, width)
        drawn.append(part)
        out.anchors[node.iri] = _Anchor(out.y, out.y + height, INNER_LEFT, INNER_RIGHT)
        out.y += height + 6
    out.y += 4
    return "".join(drawn)


def _arcs(model: OperatingModel, anchors: dict[str, _Anchor], t: Translate) -> str:
    """One path per linkage: down the column on the right (solid), up on the left (dashed)."""
    ends: dict[tuple[str, str], list[tuple[float, int]]] = {}
    placed = [link for link in model.linkages if link.source in anchors and link.target in anchors]
    for index, link in enumerate(placed):
        a, b = anchors[link.source], anchors[link.target]
        side = "right" if b.top > a.top else "left"
        ends.setdefault((link.source, side), []).append((b.top, index))
        ends.setdefault((link.target, side), []).append((a.top, index))
    at: dict[tuple[str, int], float] = {}
    for (node, _side), seen in ends.items():
        anchor = anchors[node]
        span = min(anchor.bottom - anchor.top, 60)
        for rank, (_, index) in enumerate(sorted(seen)):
            at[(node, index)] = anchor.top + span * (rank + 1) / (len(seen) + 1)
    paths: list[str] = []
    for index, link in enumerate(placed):
        a, b = anchors[link.source], anchors[link.target]
        down = b.top > a.top
        x1 = a.right if down else a.left
        x2 = b.right if down else b.left
        y1, y2 = at[(link.source, index)], at[(link.target, index)]
        bulge = min(24 + 0.45 * abs(y2 - y1), 280) / 0.75
        cx1 = x1 + bulge if down else x1 - bulge
        cx2 = x2 + bulge if down else x2 - bulge
        source, target = model.node(link.source), model.node(link.target)
        said = t(N_("%(source)s depends on %(target)s")) % {
            "source": _short(source),
            "target": _short(target),
        }
        paths.append(
            svg.element(
                "path",
                svg.title(f"{said}: {link.reason}" if link.reason else said),
                d=f"M{x1:g},{y1:.1f} C{cx1:.1f},{y1:.1f} {cx2:.1f},{y2:.1f} {x2:g},{y2:.1f}",
                fill="none",
                stroke=svg.LINE,
                stroke_width=1.3,
                stroke_dasharray=None if down else "5 3",
                marker_start=f"url(#{ID}-tail)",
                marker_end=f"url(#{ID}-arrow)",
                class_="linkage",
                data_from=source.local if source else None,
                data_to=target.local if target else None,
            )
        )
    return svg.element("g", "".join(paths), class_="linkages")


def _short(node: ModelNode | None) -> str:
    return "" if node is None else (node.notation or node.label)


_SAMPLES: tuple[tuple[dict[str, object], str], ...] = (
    ({"fill": "#dce7f2", "stroke": "#123a5e", "stroke_width": 2.5}, N_("Component")),
    ({"fill": f"url(#{ID}-dots)", "stroke": svg.INK, "stroke_dasharray": "7 4"}, N_("Process group")),
    ({"fill": "#fff", "stroke": svg.INK, "stroke_width": 1.3}, N_("Practice")),
    ({"fill": f"url(#{ID}-hatch)", "stroke": svg.INK, "rx": 8}, N_("Key risk")),
)
_ARROWS = (
    (False, N_("depends on (solid, on the right: a part further down)")),
    (True, N_("depends on (dashed, on the left: a part further up)")),
)


def _legend(y: float, t: Translate) -> tuple[str, float]:
    parts: list[str] = []
    for i, (look, label) in enumerate(_SAMPLES):
        parts.append(svg.element("rect", x=24, y=f"{y + i * 28:g}", width=34, height=20, **look))
        parts.append(svg.text_block([t(label)], 68, y + i * 28 + 15, size=13))
    for i, (dashed, label) in enumerate(_ARROWS):
        ay = y + (len(_SAMPLES) + i) * 28 + 10
        parts.append(
            svg.element(
                "path",
                d=f"M24,{ay:g} L58,{ay:g}",
                stroke=svg.LINE,
                stroke_width=1.3,
                stroke_dasharray="5 3" if dashed else None,
                marker_start=f"url(#{ID}-tail)",
                marker_end=f"url(#{ID}-arrow)",
            )
        )
        parts.append(svg.text_block(svg.wrap(t(label), WIDTH - 100, 13), 68, ay + 5, size=13))
    height = (len(_SAMPLES) + len(_ARROWS)) * 28 + 10
    return svg.element("g", "".join(parts), class_="legend"), height


def draw_operating_model(model: OperatingModel, link: TermLink, t: Translate | None = None) -> str:
    """The SVG of ``model`` (as :func:`~cityref.pictures.model_data.read_operating_model` reads it); ``link``
    gives each node's href."""
    t = t or translator(model.lang)
    layout = _lay_out(model, link)
    legend, legend_height = _legend(layout.y + 6, t)
    height = layout.y + legend_height + 24
    defs = svg.element(
        "defs",
        svg.hatch(f"{ID}-hatch")
        + svg.dots(f"{ID}-dots", background="#f4f4f4")
        + svg.arrowhead(f"{ID}-arrow")
        + svg.element(
            "marker",
            svg.element("circle", cx=3, cy=3, r=2.6, fill=svg.LINE),
            id=f"{ID}-tail",
            viewBox="0 0 6 6",
            refX=3,
            refY=3,
            markerWidth=6,
            markerHeight=6,
            markerUnits="userSpaceOnUse",
        ),
    )
    body = defs + svg.element("rect", width=WIDTH, height=f"{height:g}", fill="#fff") + "".join(layout.parts)
    body += _arcs(model, layout.anchors, t) + legend
    return svg.document(
        ID, WIDTH, height, model_title(t), model_description(model, t), body, lang=model.lang, role="group"
    )


def model_title(t: Translate) -> str:
    return t(N_("The smart city operating model"))


def model_description(model: OperatingModel, t: Translate) -> str:
    return t(
        N_(
            "%(components)d components, %(groups)d process groups, %(practices)d practices and %(risks)d key risks, "
            "with %(linkages)d linkages drawn as arrows from each part to the part it depends on."
        )
    ) % {
        "components": len(model.of_kind("component")),
        "groups": len(model.of_kind("group")),
        "practices": len(model.of_kind("practice")),
        "risks": len(model.of_kind("risk")),
        "linkages": len(model.linkages),
    }


def model_table(model: OperatingModel) -> Table:
    """The linkages as rows (the nodes are listed in the page's outline)."""
    columns = (
        ("from", N_("Part")),
        ("from_label", N_("Name")),
        ("to", N_("Depends on")),
        ("to_label", N_("Name")),
        ("reason", N_("Reason")),
        ("from_iri", "IRI"),
        ("to_iri", "IRI"),
    )
    rows: list[tuple[str, ...]] = []
    for link in model.linkages:
        source, target = model.node(link.source), model.node(link.target)
        if source is None or target is None:
            continue
        rows.append((_short(source), source.label, _short(target), target.label, link.reason, source.iri, target.iri))
    return Table(columns, rows)


def operating_model_picture(model: OperatingModel, link: TermLink, t: Translate | None = None) -> Picture:
    t = t or translator(model.lang)
    return Picture(
        "operating-model",
        model_title(t),
        model_description(model, t),
        draw_operating_model(model, link, t),
        model_table(model),
    )


__all__ = ["draw_operating_model", "model_table", "operating_model_picture", "read_operating_model"]
