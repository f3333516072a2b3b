"""The run in the window: the controller (the Qt face of the run record), the training worker
thread, and the transport actions (Play/Pause, Step, Reset)."""
