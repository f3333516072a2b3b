"""Panels around the canvas: the settings side panel and the example bar."""
