"""``/ontology``: the merged reference model, or one module, in the format the client asks for."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from rdflib import Graph

from cityref import media
from cityref.api.deps import OntologyDep
from cityref.errors import NotAcceptable, NotFound

router = APIRouter(tags=["ontology"])


def _rdf_response(graph: Graph, request: Request, fmt_param: str | None) -> Response:
    chosen: str | None
    if fmt_param:
        fmt = media.rdf_format(fmt_param)
        if fmt is None or fmt.quads:
            known = [f.name for f in media.RDF_FORMATS if not f.quads]
            raise NotAcceptable(f"Unknown format {fmt_param!r}", known=known)
        chosen = fmt.media_type
    else:
        chosen = media.negotiate_rdf(request.headers.get("accept"))
        if chosen is None:
            raise NotAcceptable("None of the accepted media types can be served", offers=media.rdf_offers())
    fmt = media.rdf_format(chosen)
    assert fmt is not None and fmt.rdflib is not None
    body = graph.serialize(format=fmt.rdflib)
    return Response(body, media_type=chosen, headers={"Vary": "Accept"})


@router.get("/ontology", summary="The merged ontology (top module and its imports)")
def get_ontology(request: Request, ontology: OntologyDep, format: str | None = None) -> Response:
    return _rdf_response(ontology.merged, request, format)


@router.get("/ontology/{module}", summary="One ontology module")
def get_module(module: str, request: Request, ontology: OntologyDep, format: str | None = None) -> Response:
    found = ontology.modules.get(module.removesuffix(".ttl"))
    if found is None:
        raise NotFound(f"No ontology module {module!r}", known=sorted(ontology.modules))
    return _rdf_response(found.graph, request, format)
