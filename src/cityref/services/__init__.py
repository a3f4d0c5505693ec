"""Services: plain Python modules with no HTTP in them, called by the API and the CLI."""
