"""Interop: machine-readable outputs (catalog.json, continuity.json,
schema.org, CTDL, JSON Schemas). Imports the kernel, load and analysis."""
