"""``python -m bench``: print the performance table (see bench/run.py)."""

import sys

from bench.run import main

sys.exit(main())
