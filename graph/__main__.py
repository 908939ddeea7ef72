"""Entry point for ``python -m graph``."""

import sys

from graph.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
