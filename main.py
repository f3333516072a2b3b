"""Start nnviz: `python main.py [--dataset D] [--screenshot out.png --train N --size WxH]`."""

import sys

from nnviz.cli import main

if __name__ == "__main__":
    sys.exit(main())
