"""Where the Predictions panel lives: a tab beside the cost plot (the window's "top" tabs)."""

TAB_TIP = "Pictures you dropped or pasted, and what the network makes of them"
