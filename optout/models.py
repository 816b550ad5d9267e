"""Models of `optout`: built by its issue (see ../shared/DESIGN.md)."""
