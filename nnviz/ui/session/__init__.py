"""Never lose work: session files, autosave and restore, model files and persistence."""

from nnviz.ui.session.feature import SessionFeature, install_session

__all__ = ["SessionFeature", "install_session"]
