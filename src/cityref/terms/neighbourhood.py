"""A small picture of a term's neighbourhood, laid out on the server: the term in the middle, its broader terms
above and narrower terms below, the parts of the model it enables on the left and those it depends on on the
right, with arrows that run from the dependent part to the part it relies on.

Only positions and texts are worked out here; ``templates/_neighbourhood.html`` draws them as SVG (escaped like
every template) with a title and a description in words, so that the picture has a text alternative and is
readable without colour: each group has a heading, the term itself a thicker frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BOX_W, BOX_H, GAP, HEAD = 220, 34, 10, 22
COLUMNS = (10, 290, 570)
"""x of the left (enables), middle (broader, the term, narrower) and right (depends on) columns."""
WIDTH = COLUMNS[2] + BOX_W + 10
MAX_PER_GROUP = 6
"""More neighbours than this in a group are summed up as "and N more" (the page's lists name them all)."""
MAX_CHARS = 30
MAX_CHARS_CENTRE = 26
"""The term itself is written in bold, which is wider."""


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    text: str
    full: str
    lang: str | None = None
    centre: bool = False
    more: int = 0
    """For the "and N more" box of a group that is cut short: how many it stands for."""


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    arrow: bool


@dataclass(frozen=True)
class Heading:
    x: int
    y: int
    key: str
    """The group's English name (translated by the template)."""


@dataclass
class Picture:
    width: int
    height: int
    centre: Box
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    groups: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    """Each group's (label, language) in full: the picture's description in words."""

    @property
    def empty(self) -> bool:
        return not any(self.groups.values())


Named = tuple[str, str | None]
"""A neighbour's label and the language it is in."""


def _short(text: str, limit: int = MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _stack(x: int, top: int, key: str, names: list[Named], picture: Picture) -> list[Box]:
    """A group's heading and boxes from ``top`` down; returns the boxes (the "more" box included)."""
    if not names:
        return []
    picture.headings.append(Heading(x, top + 14, key))
    y = top + HEAD
    shown = names[:MAX_PER_GROUP]
    boxes = [Box(x, y + i * (BOX_H + GAP), _short(label), label, lang) for i, (label, lang) in enumerate(shown)]
    if len(names) > len(shown):
        rest = len(names) - len(shown)
        boxes.append(Box(x, y + len(shown) * (BOX_H + GAP), "", "", None, more=rest))
    picture.boxes.extend(boxes)
    return boxes


def _height(names: list[Named]) -> int:
    if not names:
        return 0
    count = min(len(names), MAX_PER_GROUP) + (len(names) > MAX_PER_GROUP)
    return HEAD + count * (BOX_H + GAP)


def layout(
    term: Named, broader: list[Named], narrower: list[Named], enables: list[Named], depends: list[Named]
) -> Picture:
    """The picture of one term with its four groups of neighbours (each list in display order)."""
    left, middle, right = COLUMNS
    top = 10
    centre_y = top + _height(broader) + (GAP if broader else 0)
    side = max(_height(enables), _height(depends))
    # the sides are centred on the term when they are taller than what stands above it
    side_top = max(top, centre_y + BOX_H // 2 - side // 2)
    centre_y = max(centre_y, side_top + HEAD) if side else centre_y
    label, lang = term
    centre = Box(middle, centre_y, _short(label, MAX_CHARS_CENTRE), label, lang, centre=True)
    picture = Picture(WIDTH, 0, centre)
    picture.groups = {"Broader": broader, "Narrower": narrower, "Enables": enables, "Depends on": depends}
    cx, cy = middle + BOX_W // 2, centre_y + BOX_H // 2
    for box in _stack(middle, top, "Broader", broader, picture):
        picture.lines.append(Line(box.x + BOX_W // 2, box.y + BOX_H, cx, centre_y, arrow=False))
    for box in _stack(middle, centre_y + BOX_H + GAP, "Narrower", narrower, picture):
        picture.lines.append(Line(cx, centre_y + BOX_H, box.x + BOX_W // 2, box.y, arrow=False))
    for box in _stack(left, side_top, "Enables", enables, picture):
        picture.lines.append(Line(box.x + BOX_W, box.y + BOX_H // 2, middle, cy, arrow=True))
    for box in _stack(right, side_top, "Depends on", depends, picture):
        picture.lines.append(Line(middle + BOX_W, cy, box.x, box.y + BOX_H // 2, arrow=True))
    bottom = max([centre_y + BOX_H, *(b.y + BOX_H for b in picture.boxes)])
    picture.height = bottom + 10
    return picture
