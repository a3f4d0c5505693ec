"""The SPARQL service: running queries and updates on a store under budgets and caps (``service``), reading SPARQL
text before the engine does (``text``: the SERVICE/LOAD guard and the nesting limits), and the canned queries with
their typed parameters (``canned``, ``binding``). Plain Python with no HTTP in it, called by the API and the CLI."""
