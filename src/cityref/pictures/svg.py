"""A small SVG writer: elements built as escaped text, so that no label from the ontology or a city's graph can
become markup, and the shapes, patterns and labels that make every picture readable without colour.

Every text and attribute value goes through :func:`esc`. The pictures use presentation attributes only (``fill``,
``stroke``, ``font-size``), never ``style`` attributes or ``<style>`` elements: the pages' Content-Security-Policy
allows no inline style, and a downloaded ``.svg`` must look the same opened on its own.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
INK = "#1b1b1b"
MUTED = "#4a4a4a"
LINE = "#3d3d3d"
CHAR_WIDTH = 0.56
"""Average advance of a character of the sans-serif font, as a share of the font size (no font metrics on the
server: labels are wrapped to a width estimated from this)."""


def esc(value: object) -> str:
    """``value`` as XML text or attribute content: ``& < > " '`` escaped."""
    return html.escape(str(value), quote=True)


def attrs(**values: object) -> str:
    """``name="value"`` pairs (``_`` in a name becomes ``-``, a leading ``xml_`` ``xml:``, a trailing ``_`` is dropped;
    ``None`` values are left out)."""
    return "".join(f' {_name(name)}="{esc(value)}"' for name, value in values.items() if value is not None)


def _name(name: str) -> str:
    name = name.rstrip("_")
    return "xml:" + name[4:] if name.startswith("xml_") else name.replace("_", "-")


def element(name: str, content: str = "", /, **values: object) -> str:
    """One element; ``content`` is markup already built with these functions."""
    return f"<{name}{attrs(**values)}>{content}</{name}>" if content else f"<{name}{attrs(**values)}/>"


def wrap(text: str, width_px: float, font_size: float, max_lines: int = 4) -> list[str]:
    """``text`` in lines that fit ``width_px`` at ``font_size``; past ``max_lines`` the last line ends in an
    ellipsis (the whole text stays in the node's tooltip and in the text alternative)."""
    chars = max(6, int(width_px / (font_size * CHAR_WIDTH)))
    # A word longer than a line stays whole (a little past the edge reads better than a word cut in two),
    # unless it is far longer, as an identifier without spaces may be.
    long_words = any(len(word) > chars * 1.4 for word in text.split())
    lines = textwrap.wrap(text, chars, break_long_words=long_words, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], textwrap.shorten(" ".join(lines[max_lines - 1 :]), chars, placeholder="…")]
    return lines


def text_block(
    lines: Iterable[str],
    x: float,
    y: float,
    *,
    size: float = 13,
    leading: float = 1.25,
    anchor: str = "start",
    weight: str | None = None,
    fill: str = INK,
    lang: str | None = None,
) -> str:
    """Lines of text, the first baseline at ``y``."""
    spans = "".join(
        element("tspan", esc(line), x=f"{x:g}", dy=None if i == 0 else f"{size * leading:g}")
        for i, line in enumerate(lines)
    )
    return element(
        "text",
        spans,
        x=f"{x:g}",
        y=f"{y:g}",
        font_size=f"{size:g}",
        font_family=FONT,
        text_anchor=anchor if anchor != "start" else None,
        font_weight=weight,
        fill=fill,
        xml_lang=lang,
    )


def title(text: str) -> str:
    """A tooltip for the element it is put in (and its accessible name in an SVG viewer)."""
    return element("title", esc(text))


def hatch(ident: str, *, spacing: int = 6, angle: int = 45, stroke: str = LINE, background: str = "#fff") -> str:
    """A pattern of parallel lines: a fill that reads without colour."""
    return element(
        "pattern",
        element("rect", width=spacing, height=spacing, fill=background)
        + element("line", x1=0, y1=0, x2=0, y2=spacing, stroke=stroke, stroke_width=1.4),
        id=ident,
        width=spacing,
        height=spacing,
        patternUnits="userSpaceOnUse",
        patternTransform=f"rotate({angle})",
    )


def dots(ident: str, *, spacing: int = 6, stroke: str = LINE, background: str = "#fff") -> str:
    """A pattern of dots."""
    return element(
        "pattern",
        element("rect", width=spacing, height=spacing, fill=background)
        + element("circle", cx=spacing / 2, cy=spacing / 2, r=1.2, fill=stroke),
        id=ident,
        width=spacing,
        height=spacing,
        patternUnits="userSpaceOnUse",
    )


def arrowhead(ident: str, *, fill: str = LINE, size: float = 7) -> str:
    """A marker for the end of a line: an open-backed triangle pointing along the line."""
    return element(
        "marker",
        element("path", d=f"M0,0 L{size:g},{size / 2:g} L0,{size:g} z", fill=fill),
        id=ident,
        viewBox=f"0 0 {size:g} {size:g}",
        refX=f"{size:g}",
        refY=f"{size / 2:g}",
        markerWidth=f"{size:g}",
        markerHeight=f"{size:g}",
        orient="auto-start-reverse",
        markerUnits="userSpaceOnUse",
    )


def document(
    ident: str, width: float, height: float, heading: str, description: str, body: str, *, lang: str, role: str
) -> str:
    """The ``<svg>`` element of a picture: its title and description first (the text alternative an SVG viewer
    and a screen reader find), ``aria-labelledby`` pointing at them, the drawing after."""
    return element(
        "svg",
        element("title", esc(heading), id=f"{ident}-title")
        + element("desc", esc(description), id=f"{ident}-desc")
        + body,
        xmlns="http://www.w3.org/2000/svg",
        id=ident,
        width=f"{width:g}",
        height=f"{height:g}",
        viewBox=f"0 0 {width:g} {height:g}",
        role=role,
        aria_labelledby=f"{ident}-title {ident}-desc",
        xml_lang=lang,
        lang=lang,
        class_="picture",
    )


def standalone(svg: str) -> str:
    """A picture as a file of its own."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
