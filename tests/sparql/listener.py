"""A real HTTP server on 127.0.0.1 that records every request: the proof that nothing reached the network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EMPTY_RESULTS = b'{"head": {"vars": []}, "results": {"bindings": []}}'
ONE_TRIPLE = b"<urn:loaded> <urn:from> <urn:listener> .\n"
RESULTS = "application/sparql-results+json"


class Recorder(BaseHTTPRequestHandler):
    """Answers a valid empty SPARQL results document (or one N-Triples line to a LOAD) and records the path."""

    hits: list[str] = []  # noqa: RUF012 - shared on purpose: the server makes one handler per request

    def _answer(self) -> None:
        Recorder.hits.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        wants_rdf = "sparql-results" not in (self.headers.get("Accept") or "")
        body, media_type = (ONE_TRIPLE, "application/n-triples") if wants_rdf else (EMPTY_RESULTS, RESULTS)
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def listening() -> Iterator[str]:
    """Run the recorder on a free high port (the engine itself refuses some well-known ones); yields host:port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
