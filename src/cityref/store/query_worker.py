"""The query worker's handler: run one user query over a read-only checkpoint of the embedded store.

pyoxigraph's ``Store.query`` cannot be interrupted from Python, so queries run here, in a worker process that the
server kills when the budget runs out (:mod:`cityref.workers`). Messages:

- ``("snapshot", path)``: open the checkpoint at ``path`` read-only (the server sends it when the worker's copy is
  older than the newest one);
- ``("query", request)``: run a :class:`~cityref.store.base.QueryRequest` given as a dict; the answer is
  ``(body, media_type, truncated, kind)``, already serialised and cut to the caps. When the request's
  ``stream_bytes`` is set and the answer is longer, it is sent in parts as the engine writes it
  (:class:`~cityref.store.results.Parts`): the head is ``(media_type, truncated, kind)`` and ``body`` is ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from cityref.errors import BadRequest, NotAcceptable
from cityref.store.results import Sender, render_boolean, render_solutions, render_triples


def dataset(request: dict[str, Any]) -> dict[str, Any]:
    """The engine's dataset arguments for a request.

    A request that names graphs (``default-graph-uri``/``named-graph-uri``) gets exactly those, as the protocol
    says: naming only default graphs leaves no named graph to ``GRAPH ?g``, and the other way round. Otherwise the
    whole store, the default graph being the union of all graphs when so configured, unless the text names its
    own dataset with FROM (the engine applies that itself).
    """
    default, named = request["default_graph_uris"], request["named_graph_uris"]
    if default or named:
        return {
            "default_graph": [ox.NamedNode(i) for i in default],
            "named_graphs": [ox.NamedNode(i) for i in named],
        }
    if request["union_default_graph"] and not request.get("query_has_dataset"):
        return {"use_default_graph_as_union": True}
    return {}


def render(
    result: Any,
    request: dict[str, Any],
    sender: Sender | None = None,
    again: Callable[[], Any] | None = None,
) -> tuple[bytes | None, str, bool, str]:
    """An engine result as ``(body, media_type, truncated, kind)``; ``body`` is ``None`` when it went in parts.
    ``again()`` runs the query once more, for a graph answer past the byte cap (:func:`render_triples`)."""
    max_bytes = request.get("max_bytes", 0)
    stream_bytes = request.get("stream_bytes", 0) if sender is not None else 0
    if isinstance(result, ox.QuerySolutions):
        media_type = request["results_media_type"]
        if media_type is None:
            raise NotAcceptable("None of the accepted media types can carry SELECT results")
        body, truncated = render_solutions(
            result,
            media_type,
            request["row_cap"],
            max_bytes,
            sender=sender,
            stream_bytes=stream_bytes,
            head=lambda cut: (media_type, cut, "select"),
        )
        return body, media_type, truncated, "select"
    if isinstance(result, ox.QueryBoolean):
        media_type = request["results_media_type"]
        if media_type is None:
            raise NotAcceptable("None of the accepted media types can carry ASK results")
        return render_boolean(result, media_type), media_type, False, "ask"
    media_type = request["graph_media_type"]
    if media_type is None:
        raise NotAcceptable("None of the accepted media types can carry CONSTRUCT results")
    body, truncated = render_triples(
        result,
        media_type,
        request.get("triple_cap", request["row_cap"]),
        max_bytes,
        again=again,
        sender=sender,
        stream_bytes=stream_bytes,
        head=lambda cut: (media_type, cut, "construct"),
    )
    return body, media_type, truncated, "construct"


def execute(
    store: ox.Store, request: dict[str, Any], sender: Sender | None = None
) -> tuple[bytes | None, str, bool, str]:
    from cityref.store.parsing import sparql_syntax_problem

    try:
        # Inside the try: a graph IRI the engine refuses (ValueError) is a 400, not the worker's end.
        kwargs: dict[str, Any] = {"base_iri": request.get("base_iri"), **dataset(request)}
        result = store.query(request["sparql"], **kwargs)
        return render(result, request, sender, lambda: store.query(request["sparql"], **kwargs))
    except SyntaxError as error:
        raise sparql_syntax_problem(error) from None
    except ValueError as error:
        raise BadRequest(str(error)) from None
    except (OSError, RuntimeError) as error:
        # the engine's own refusals while evaluating (an unsupported function, a SERVICE that failed): the
        # query's outcome, reported as such; a bug of ours in rendering would be another type and a crash
        raise BadRequest(f"The query failed: {error}") from None


class QueryWorker:
    def __init__(self) -> None:
        self.store: ox.Store | None = None
        self.sender: Sender | None = None

    def attach_stream(self, sender: Sender) -> None:
        self.sender = sender

    def handle(self, op: str, payload: Any) -> Any:
        if op == "snapshot":
            self.store = None  # close the old checkpoint before opening the new one
            self.store = ox.Store.read_only(payload)
            return "ok"
        if op == "query":
            assert self.store is not None
            return execute(self.store, payload, self.sender)
        raise ValueError(f"unknown query worker operation {op!r}")
