"""Commands: the work behind each ``pathways`` subcommand. Imports any layer; never MkDocs."""
