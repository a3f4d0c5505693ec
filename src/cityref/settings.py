"""Every limit and switch of the service in one settings object (environment prefix ``CITYREF_``).

Defaults are safe for a public endpoint: read-only without a key, nothing fetched from the network, bounded bodies,
queries and validations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Scope = Literal["graphs:write", "sparql:update"]
"""What a key may do: ``graphs:write`` (PUT, POST and DELETE on ``/graphs``), ``sparql:update`` (updates on
``/sparql``)."""
SCOPES: tuple[Scope, ...] = ("graphs:write", "sparql:update")


class ApiKey(BaseModel):
    """One configured key: the SHA-256 hex digest of the secret (never the secret), what it may do, and a name for
    the operator (it is never sent or logged)."""

    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    scopes: list[Scope] = Field(min_length=1)
    name: str | None = None


class Settings(BaseSettings):
    """Configuration read from ``CITYREF_*`` environment variables (lists as JSON, e.g. ``'["a","b"]'``)."""

    model_config = SettingsConfigDict(env_prefix="CITYREF_", extra="ignore")

    # Where the server listens and how it names itself.
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str | None = Field(
        default=None, description="Public base URL, when the server sits behind a proxy; derived from requests if unset"
    )

    # Store.
    store: Literal["embedded", "remote"] = "embedded"
    data_dir: Path | None = Field(default=None, description="Embedded store directory; None keeps the store in memory")
    remote_query_url: str | None = None
    remote_update_url: str | None = None
    remote_gsp_url: str | None = None
    load_examples: bool = Field(default=True, description="Load the Exampleton sample city at start-up")

    # Request and parsing limits.
    max_body_bytes: int = 20 * 1024 * 1024
    max_triples: int = 2_000_000
    max_search_length: int = Field(
        default=200, description="Longest search text, resolve string or reconciliation query, in characters"
    )
    sparql_max_nesting: int = Field(
        default=128,
        ge=1,
        le=256,
        description="Deepest bracket nesting ({, ( and [ together) of a SPARQL text; the engine's native stack "
        "overflowed at a few thousand, so the setting stops at 256",
    )
    sparql_max_operators: int = Field(
        default=1000,
        ge=1,
        le=5000,
        description="Most operators (||, !, +, path /...) and group keywords (UNION, OPTIONAL, BIND...) in one SPARQL "
        "text; 20,000 overflowed the engine's native stack",
    )
    max_upload_files: int = Field(default=100, description="Most files in one multipart upload")
    max_form_fields: int = Field(default=100, description="Most plain fields in one multipart upload")
    max_bulk_items: int = Field(default=500, description="Most strings in one /resolve or reconciliation batch")
    reconcile_jsonp: bool = Field(
        default=False, description="Answer reconciliation GETs as JSONP when ?callback= is set"
    )

    picture_matrix_max_parties: int = Field(
        default=60,
        ge=2,
        description="Most systems and parties an interoperability matrix draws (those in the most needs first); "
        "its table and CSV still list every need",
    )

    opentelemetry: bool = Field(
        default=False,
        description="FastAPI's OpenTelemetry traces, metrics and logs, sent where the OTEL_ environment points; "
        "cityref's own metrics are at /metrics either way",
    )
    hot_routes: bool = Field(
        default=True,
        description="Serve term lookups, term IRIs and autocomplete past FastAPI's route machinery (cityref.api.hot); "
        "off, every request takes the FastAPI route",
    )

    # Query budgets.
    query_timeout_s: float = 10.0
    max_query_timeout_s: float = 60.0
    result_row_cap: int = 10_000
    max_concurrent_queries: int = 4
    union_default_graph: bool = Field(
        default=True, description="Queries without default-graph-uri see the union of all graphs as the default graph"
    )
    remote_api_key: str | None = Field(default=None, description="Bearer key sent to a remote store's write endpoints")

    # Workers: every kind of work that reads client input or can run away runs in a worker process, with a memory
    # limit of its own and (unless hosts are allow-listed) no network; queues are bounded and answer 503 when full.
    query_worker_memory_mb: int = Field(default=1536, description="Address-space limit of each query worker")
    writer_memory_mb: int = Field(default=4096, description="Address-space limit of the embedded store's writer")
    parse_worker_memory_mb: int = Field(
        default=1024, description="Address-space limit of each upload parser and SPARQL parse worker"
    )
    validation_worker_memory_mb: int = Field(default=3072, description="Address-space limit of each validator")
    worker_recycle_mb: int = Field(
        default=768, description="A worker resident above this after a job is replaced, giving its memory back"
    )
    worker_start_timeout_s: float = Field(default=60.0, description="Longest a worker process may take to start")
    require_network_sandbox: bool = Field(
        default=True, description="Refuse to run network-free workers where the kernel cannot enforce it"
    )
    query_queue: int = Field(default=16, description="Queries that may wait for a free slot (more: 503 at once)")
    validation_queue: int = Field(default=8, description="Validations that may wait for a free worker")
    write_queue: int = Field(default=4, description="Writes that may wait for the writer")
    write_timeout_s: float = Field(default=900.0, description="Longest one write may run (and wait) before 504")
    result_max_bytes: int = Field(
        default=64 * 1024 * 1024, description="Largest serialised query answer; longer ones are truncated"
    )
    result_triple_cap: int = Field(default=100_000, description="Most triples in a CONSTRUCT or DESCRIBE answer")
    result_stream_bytes: int = Field(
        default=1024 * 1024,
        ge=0,
        description="A /sparql answer longer than this is sent on in parts as the query worker writes it, not held "
        "whole by the server (embedded store; 0: always whole)",
    )

    # Query workbench (the /sparql and /queries pages).
    label_lookup_max_iris: int = Field(
        default=500, ge=1, description="Most IRIs one POST /labels asks labels for (the results table asks in batches)"
    )
    query_form_max_choices: int = Field(
        default=500,
        ge=1,
        description="Most members a canned query's form lists in a picker; a class with more gets a text box",
    )

    # Validation budgets.
    validation_timeout_s: float = 120.0
    validation_jobs_kept: int = Field(
        default=100, ge=1, description="Background validations (Prefer: respond-async) remembered at once"
    )
    validation_job_ttl_s: float = Field(
        default=900.0, gt=0, description="Seconds a finished background validation's report is kept"
    )
    validation_workers: int = Field(default=2, ge=1, description="Worker processes that run budgeted validations")
    sparql_parse_workers: int = Field(
        default=2, ge=1, description="Worker processes that parse SPARQL texts before anything else is decided"
    )
    allow_user_shapes: bool = False
    allow_validation_context: bool = Field(
        default=True,
        description="Let POST /validate?context=GRAPH check a delivery together with a named graph of the store "
        "(read-only; the graph is read by the server from its own store, never fetched)",
    )
    validation_context_max_triples: int = Field(
        default=1_000_000,
        ge=1,
        description="Largest named graph a validation may use as its context (422 above it); the context and the "
        "delivery also share max_triples, and the validator's memory limit",
    )
    validation_context_conflict_severity: Literal["Violation", "Warning", "Info"] = Field(
        default="Warning",
        description="Severity of a conflict found in context: the delivery re-describes a resource of the city with "
        "another label (per language) or another value of a single-valued property; only Violation fails it",
    )

    # The validation workbench (GET /validate in a browser).
    validation_url_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts the validation page may fetch a delivery from when a user gives a URL, each a name or an "
        "IP address, optionally with :port (without one only ports 80 and 443); empty (the default) turns URL "
        "input off. A name that resolves to a loopback, private, link-local or reserved address is refused unless "
        "that address itself is listed",
    )
    validation_url_max_bytes: int = Field(
        default=10_000_000, ge=1, description="Largest delivery fetched from a URL (also capped by max_body_bytes)"
    )
    validation_url_timeout_s: float = Field(
        default=10.0, gt=0, description="Longest a fetch of a delivery from a URL may take in all, redirects included"
    )
    validation_url_max_redirects: int = Field(
        default=3, ge=0, description="Most redirects followed when fetching a delivery (each to a listed host only)"
    )
    validation_url_concurrent_fetches: int = Field(
        default=4, ge=1, description="Deliveries fetched from URLs at once (more: 503 at once, with Retry-After)"
    )
    validation_page_runs_kept: int = Field(
        default=50,
        ge=1,
        description="Validations made on the page whose input is kept on the server, so that 'validate again' "
        "and the report downloads can reuse it (the oldest are dropped first)",
    )
    validation_page_max_results: int = Field(
        default=2000,
        ge=1,
        description="Most results the validation page lists (the counts cover them all, and the downloads hold "
        "every result)",
    )
    validation_page_run_ttl_s: float = Field(
        default=1800.0, gt=0, description="Seconds a validation made on the page keeps its input and report"
    )

    # Network safety: hosts that SERVICE clauses, owl:imports or JSON-LD contexts may reach (none by default).
    allowed_remote_hosts: list[str] = Field(default_factory=list)

    # Writes need a key; keys are configured as SHA-256 hex digests, never in clear.
    api_key_hashes: list[str] = Field(default_factory=list)

    cors_origins: list[str] = Field(default_factory=list)
    log_json: bool = True

    # Remote store faults
    # How long cityref waits for a remote store, and how it answers while the store is down.
    remote_connect_timeout_s: float = Field(
        default=2.0, gt=0, description="Longest wait to open a connection to the remote store, or for a free one"
    )
    remote_read_timeout_s: float = Field(
        default=30.0, gt=0, description="Longest wait for the next bytes of an update or Graph Store call"
    )
    remote_timeout_s: float = Field(
        default=60.0, gt=0, description="Longest time one update or Graph Store call may take in all"
    )
    remote_load_timeout_s: float = Field(
        default=1800.0, gt=0, description="Longest time one bulk file load (cityref load) may take in all"
    )
    remote_query_margin_s: float = Field(
        default=2.0, ge=0, description="Added to a query's budget to bound the whole call to the remote store"
    )
    remote_max_connections: int = Field(default=16, ge=1, description="Connections kept open to the remote store")
    remote_cooldown_s: float = Field(
        default=2.0, ge=0, description="After a connection failure, calls fail at once for this long"
    )
    remote_retry_after_s: int = Field(
        default=5, ge=1, description="Retry-After (seconds) sent with 503 while the remote store is down"
    )
    remote_probe_interval_s: float = Field(
        default=5.0, gt=0, description="Seconds between health probes (ASK {}) of the remote store"
    )
    remote_probe_timeout_s: float = Field(default=2.0, gt=0, description="Longest wait for one health probe")
    remote_max_graph_bytes: int = Field(
        default=1024 * 1024 * 1024,
        ge=1,
        description="Largest graph read from the remote store's Graph Store endpoint for GET /graphs (a longer "
        "answer is a 502, not held in memory)",
    )
    remote_bootstrap_retry_s: float = Field(
        default=5.0, gt=0, description="Seconds between tries to load the shipped graphs while the store is down"
    )

    # HTTP hygiene: keys, abuse, headers
    api_keys: list[ApiKey] = Field(
        default_factory=list,
        description='Keys with scopes, e.g. [{"sha256": "...", "scopes": ["graphs:write"], "name": "etl"}]; '
        "a digest in api_key_hashes is a key with every scope",
    )
    auth_max_failures: int = Field(
        default=10, ge=1, description="Wrong keys one client address may send within auth_failure_window_s"
    )
    auth_failure_window_s: int = Field(default=300, ge=1, description="Window in which wrong keys are counted")
    auth_cooldown_s: int = Field(
        default=300, ge=1, description="How long a client past auth_max_failures is refused writes (429), any key"
    )
    rate_limit_sparql: str | None = Field(default="600/minute", description="Requests per client on /sparql")
    rate_limit_queries: str | None = Field(default="600/minute", description="Requests per client on /queries/{name}")
    rate_limit_validate: str | None = Field(default="120/minute", description="POST /validate requests per client")
    rate_limit_resolve: str | None = Field(default="600/minute", description="POST /resolve requests per client")
    rate_limit_reconcile: str | None = Field(
        default="3000/minute", description="Requests per client on /reconcile and everything below it"
    )
    # A city's benefit tracking and report (cityref.cities.benefits, cityref.api.report).
    benefit_stale_after_days: int = Field(
        default=365,
        ge=1,
        description="An indicator whose latest measurement is older than this many days is flagged at risk (stale)",
    )
    report_pdf_concurrent: int = Field(
        default=1, ge=1, description="City reports rendered to PDF at the same time; others wait their turn"
    )
    report_top_gaps: int = Field(default=10, ge=1, description="Gaps a city report lists, the most serious first")
    preview_frame_ancestors: str = Field(
        default="*",
        description="CSP frame-ancestors of the reconciliation previews, which OpenRefine shows in a frame",
    )

    @field_validator(
        "rate_limit_sparql", "rate_limit_queries", "rate_limit_validate", "rate_limit_resolve", "rate_limit_reconcile"
    )
    @classmethod
    def _rate_limit(cls, value: str | None) -> str | None:
        """A limit in the notation of the ``limits`` library ("600/minute", "10/second;500/hour"); empty or
        "none" switches the limit off. A typo fails at start, not at the first request."""
        if value is None or value.strip().lower() in ("", "none", "off"):
            return None
        from limits import parse_many

        parse_many(value)  # raises ValueError on a malformed limit
        return value

    def public_base_url(self) -> str:
        """The service's own address for links that must be absolute: ``base_url``, else one made from ``host`` and
        ``port``. Never the request's Host header, which the client chooses."""
        if self.base_url:
            return self.base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"
