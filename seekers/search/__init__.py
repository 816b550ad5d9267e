"""Seeker search: `seeker_search` is the one entry point (see engine.py and docs/search.md)."""

from seekers.search.engine import PAGE_SIZE, SearchHit, SearchResult, seeker_search

__all__ = ["PAGE_SIZE", "SearchHit", "SearchResult", "seeker_search"]
