"""Models of `services`: built by its issue (see ../shared/DESIGN.md)."""
