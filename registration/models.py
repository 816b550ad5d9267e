"""Models of `registration`: built by its issue (see ../shared/DESIGN.md)."""
