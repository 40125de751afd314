from __future__ import annotations

import sys

from mkdocs_pathways.cli import main

sys.exit(main(sys.argv[1:]))
