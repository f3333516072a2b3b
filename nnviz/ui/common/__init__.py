"""Pieces every feature of the window uses: colours and fonts, the style, dialogs and the banner,
throttles for fast updates, a background task runner."""
