"""Pydantic models of the term API's JSON, so that the OpenAPI description documents the shapes clients rely on.

The routes build their bodies with :mod:`cityref.terms.render` (plain dicts, for speed and ETags); these models
describe the same keys and are checked against real responses in the tests.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TermRef(BaseModel):
    """A short reference to a term: enough to show it and follow it."""

    iri: str
    curie: str
    notation: str | None
    label: str | None


class Linkage(BaseModel):
    """A linkage between two subcomponents and why it exists (``cityref:Linkage`` individual)."""

    model_config = ConfigDict(populate_by_name=True)

    iri: str
    direction: str = Field(description="outgoing (this term depends on the other) or incoming")
    from_: TermRef = Field(alias="from")
    to: TermRef
    reason: dict[str, str]


class DefinedBy(BaseModel):
    module: str
    iri: str
    version: str | None


class Term(BaseModel):
    """The full description of a term; multilingual maps are keyed by language tag."""

    iri: str
    curie: str
    localName: str
    notation: str | None
    kind: str = Field(description="concept, class, property, scheme, linkage or individual")
    types: list[TermRef]
    label: str | None
    labelLang: str | None
    labels: dict[str, str]
    altLabels: dict[str, list[str]]
    definition: dict[str, str]
    scopeNote: dict[str, str]
    source: list[str]
    broader: list[TermRef]
    narrower: list[TermRef]
    related: list[TermRef]
    inScheme: list[TermRef]
    topConceptOf: list[TermRef]
    topConcepts: list[TermRef]
    subClassOf: list[TermRef]
    domain: list[TermRef]
    range: list[TermRef]
    servesPractice: list[TermRef]
    linkages: list[Linkage]
    mitigatedBy: list[TermRef]
    mitigates: list[TermRef]
    deprecated: bool
    withdrawn: bool
    replacedBy: TermRef | None
    changeNote: dict[str, str]
    definedBy: DefinedBy | None
    ontologyVersion: str


class Matched(BaseModel):
    field: str = Field(description="iri, notation, localName, label, altLabel or definition")
    lang: str | None
    text: str
    match: str = Field(description="exact, prefix or words")


class TermHit(TermRef):
    """A search, autocomplete or resolve hit: the term, its score (0-100) and what matched."""

    kind: str
    deprecated: bool
    score: float
    matched: Matched


class TermPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[TermRef]


class SearchPage(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[TermHit]


class Suggestions(BaseModel):
    query: str
    items: list[TermHit]


class Related(BaseModel):
    """A term and a list of terms related to it (children, ancestors, descendants, top concepts)."""

    term: TermRef
    items: list[TermRef]


class Scheme(TermRef):
    definition: dict[str, str]
    topConcepts: int


class SchemeList(BaseModel):
    items: list[Scheme]


class ResolveRequest(BaseModel):
    """Strings to resolve (labels in any language, notations, CURIEs or IRIs) and how many matches to keep."""

    items: list[str]
    lang: str | None = Field(default=None, description="label language chain, e.g. fr,en")
    type: str | None = Field(default=None, description="only terms of this class")
    limit: int = Field(default=3, ge=1, le=20)
    include_deprecated: bool = False


class Resolved(BaseModel):
    input: str
    best: TermHit | None
    matches: list[TermHit]


class ResolveResponse(BaseModel):
    results: list[Resolved]
