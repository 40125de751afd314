"""mkdocs-pathways: career-connected learning guides from YAML pathway maps and lesson units."""

__version__ = "0.1.0"
