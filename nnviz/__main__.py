"""`python -m nnviz ...`: the command line (no subcommand opens the window)."""

import sys

from nnviz.cli import main

sys.exit(main())
