"""Render: the model and its analysis to Markdown pages, navigation and print booklets.

Imports the kernel, load, analysis and interop; never commands."""
