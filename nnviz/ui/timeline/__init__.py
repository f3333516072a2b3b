"""The timeline under the canvas: scrub back to any iteration trained so far, go on from there."""
